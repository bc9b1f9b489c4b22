"""Plausibility of numbers and dates, and review metadata."""

from ..problems import Problem, Rule
from ..records import Record
from ..schema import earliest_day
from .context import CheckContext

RULES = [
    Rule("REVIEW-REVIEWER", "error", "A record with status reviewed names at least one reviewer."),
    Rule("DATE-FUTURE", "error", "No date may lie in the future."),
    Rule("PLAUS-HR", "error", "A hazard ratio is greater than zero and lies within its confidence interval.", exceptable=True),
    Rule("PLAUS-CI", "error", "The lower bound of a confidence interval is not above the upper bound.", exceptable=True),
    Rule("PLAUS-MEDIAN", "error", "Medians are not negative and rates lie between 0 and 100 per cent.", exceptable=True),
    Rule("PLAUS-N", "error", "Patient numbers are greater than zero and arm numbers do not exceed the total.", exceptable=True),
    Rule("PLAUS-RESULT-DATE", "warning", "A result is dated in its source's year of publication, or the year before (online first).",
         exceptable=True),
]


def _result_problems(record: Record, i: int) -> list[Problem]:
    result = record.model.results[i]
    here = ("results", i)
    problems: list[Problem] = []
    hr = result.hazard_ratio
    if hr is not None:
        has_ci = hr.ci_low is not None and hr.ci_high is not None
        if (hr.ci_low is None) != (hr.ci_high is None):
            problems.append(record.problem(here + ("hazard_ratio",), "PLAUS-CI", f"result '{result.id}': a CI needs both bounds",
                                           hint="give both ci_low and ci_high, or neither if the paper prints none"))
        if has_ci and hr.ci_low > hr.ci_high:
            problems.append(record.problem(here + ("hazard_ratio",), "PLAUS-CI", f"result '{result.id}': CI {hr.ci_low}-{hr.ci_high} is reversed",
                                           hint="write the lower bound in ci_low (`make fix` swaps the two)"))
        if hr.value <= 0 or (has_ci and hr.ci_low <= 0):
            problems.append(record.problem(here + ("hazard_ratio", "value"), "PLAUS-HR", f"result '{result.id}': hazard ratio must be above zero",
                                           hint="check the number against the publication"))
        elif has_ci and hr.ci_low <= hr.ci_high and not hr.ci_low <= hr.value <= hr.ci_high:
            problems.append(record.problem(here + ("hazard_ratio", "value"), "PLAUS-HR",
                                           f"result '{result.id}': hazard ratio {hr.value} lies outside its CI {hr.ci_low}-{hr.ci_high}",
                                           hint="check the number and its interval against the publication"))
    if result.n is not None and result.n <= 0:
        problems.append(record.problem(here + ("n",), "PLAUS-N", f"result '{result.id}': n must be greater than zero", hint="check the number"))
    arm_total = 0
    for j, outcome in enumerate(result.arms):
        at = here + ("arms", j)
        if outcome.n is not None:
            arm_total += outcome.n
            if outcome.n <= 0:
                problems.append(record.problem(at + ("n",), "PLAUS-N", f"arm '{outcome.arm}': n must be greater than zero", hint="check the number"))
        if isinstance(outcome.median, float):
            if outcome.median < 0:
                problems.append(record.problem(at + ("median",), "PLAUS-MEDIAN", f"arm '{outcome.arm}': a median cannot be negative",
                                               hint="check the number"))
        if outcome.median is not None and outcome.unit is None:
            problems.append(record.problem(at, "PLAUS-MEDIAN", f"arm '{outcome.arm}': a median needs its unit", hint="add 'unit: months'"))
        if outcome.ci_low is not None and outcome.ci_high is not None and outcome.ci_low > outcome.ci_high:
            problems.append(record.problem(at + ("ci_low",), "PLAUS-CI", f"arm '{outcome.arm}': CI {outcome.ci_low}-{outcome.ci_high} is reversed",
                                           hint="write the lower bound in ci_low (`make fix` swaps the two)"))
        if outcome.rate is not None and not 0 <= outcome.rate <= 100:
            problems.append(record.problem(at + ("rate",), "PLAUS-MEDIAN", f"arm '{outcome.arm}': rate {outcome.rate} is not a percentage",
                                           hint="write rates as percentages between 0 and 100"))
    if result.n is not None and arm_total > result.n:
        problems.append(record.problem(here + ("n",), "PLAUS-N", f"result '{result.id}': arms add up to {arm_total}, more than n = {result.n}",
                                       hint="check the numbers analysed per arm"))
    return problems


def _source_year_problems(record: Record, context: CheckContext) -> list[Problem]:
    """A result is dated by its publication: its year is a source's year, or the year before
    (online first, print later). Anything else is usually a mistyped date or a wrong source."""
    problems = []
    for i, result in enumerate(record.model.results):
        years = {ref.get("year") for key in result.source if (ref := context.bibliography.references.get(key))}
        years.discard("")
        year = int(result.published[:4])
        if years and not years & {str(year), str(year + 1)}:
            problems.append(record.problem(("results", i, "published"), "PLAUS-RESULT-DATE",
                                           f"result '{result.id}' is dated {result.published} but its sources are from {', '.join(sorted(years))}",
                                           hint="use the publication date of the cited paper (its online date may be a year earlier)"))
    return problems


def _dates(record: Record) -> list[tuple[tuple, object]]:
    model = record.model
    dates = [(("last_reviewed",), model.last_reviewed)]
    if record.kind == "trials":
        dates += [(("results", i, "published"), earliest_day(r.published)) for i, r in enumerate(model.results)]
    if record.kind == "drugs":
        dates += [(("regulatory", i, "date"), earliest_day(e.date)) for i, e in enumerate(model.regulatory)]
    return dates


def check(context: CheckContext) -> list[Problem]:
    problems: list[Problem] = []
    for record in context.corpus.all():
        for loc, day in _dates(record):
            if day > context.today:
                problems.append(record.problem(loc, "DATE-FUTURE", f"{day} is in the future", hint="dates record what has happened"))
        if record.model.status == "reviewed" and not record.model.reviewed_by:
            problems.append(record.problem(("status",), "REVIEW-REVIEWER", "status is 'reviewed' but reviewed_by is empty",
                                           hint="name the reviewer(s) in reviewed_by, or set status: draft"))
        if record.kind == "trials":
            for i in range(len(record.model.results)):
                problems.extend(_result_problems(record, i))
            problems.extend(_source_year_problems(record, context))
    return problems
