"""Settings against the records they rest on: each option's trials match the setting's population,
its result ids exist, it has a randomised result unless marked single-arm, and the regulatory
decisions that name a setting concern a drug of its options."""

from ..matching import is_randomised, mismatches
from ..problems import Problem, Rule
from .context import CheckContext
from .links import duplicate_ids

RULES = [
    Rule("SETTING-POPULATION", "error", "Every trial supporting an option enrolled the setting's subtype and line, and patients with its "
                                        "prior exposures and biomarker results."),
    Rule("SETTING-EVIDENCE", "error", "Every option cites at least one randomised result (comparing arms of a controlled trial), or is "
                                      "marked single-arm."),
    Rule("SETTING-REGULATORY", "error", "A regulatory decision names only settings with an option led by its drug, so the regulatory "
                                        "column agrees with the drug records."),
]


def _option_problems(record, i, option, corpus) -> list[Problem]:
    problems = []
    randomised = False
    complete = True  # every supporting trial loaded: otherwise its own problem is the one to report
    for j, support in enumerate(option.support):
        trial_record = corpus.get("trials", support.trial)
        if trial_record is None:
            complete = False
            continue
        trial = trial_record.model
        at = ("options", i, "support", j)
        for reason in mismatches(record.model, trial, corpus):
            problems.append(record.problem(at + ("trial",), "SETTING-POPULATION",
                                           f"option '{option.id}': {trial.acronym} does not match the setting: {reason}",
                                           hint="cite a trial whose population matches, or correct the setting's or the trial's terms"))
        results = {result.id: result for result in trial.results}
        for k, result_id in enumerate(support.results):
            if result_id not in results:
                problems.append(record.problem(at + ("results", k), "LINK-UNRESOLVED",
                                               f"option '{option.id}' names result '{result_id}', which {trial.acronym} does not have",
                                               hint=f"use one of: {', '.join(sorted(results))}"))
            elif is_randomised(results[result_id], trial):
                randomised = True
    if option.evidence == "randomised" and complete and not randomised:
        problems.append(record.problem(("options", i, "support"), "SETTING-EVIDENCE",
                                       f"option '{option.id}' cites no randomised result (none compares arms of a controlled trial)",
                                       hint="add a randomised result of its trial, or mark the option 'evidence: single-arm'"))
    return problems


def _regulatory_problems(drug, corpus) -> list[Problem]:
    problems = []
    for i, event in enumerate(drug.model.regulatory):
        for j, setting_id in enumerate(event.settings):
            setting = corpus.get("settings", setting_id)
            if setting is not None and not any(option.regimen[0] == drug.id for option in setting.model.options):
                problems.append(drug.problem(("regulatory", i, "settings", j), "SETTING-REGULATORY",
                                             f"the {event.agency} {event.event} of {drug.model.name} names setting '{setting_id}', "
                                             f"but no option of that setting has {drug.id} first in its regimen",
                                             hint="name only the settings with an option led by this drug (the first drug of a regimen "
                                                  "is the one whose decisions give its status), or add the option"))
    return problems


def check(context: CheckContext) -> list[Problem]:
    corpus = context.corpus
    problems: list[Problem] = []
    for record in corpus.records["settings"].values():
        problems.extend(duplicate_ids(record, "options", record.model.options))
        for i, option in enumerate(record.model.options):
            problems.extend(_option_problems(record, i, option, corpus))
    for drug in corpus.records["drugs"].values():
        problems.extend(_regulatory_problems(drug, corpus))
    return problems
