"""The watch list (evidence/watch.yaml): an item whose date has passed is resolved by a record change
(a regulatory event or a published result after it was added). Its links and citations are checked
with every record's, from the model's declarations."""

import calendar
from datetime import date

from ..problems import Problem, Rule
from ..schema import earliest_day
from .context import CheckContext

RULES = [
    Rule("WATCH-OVERDUE", "warning", "A watch-list item whose expected date has passed is resolved by a record change, or its date is updated."),
]


def latest_day(text: str) -> date:
    """The last day a partial date can mean: 2027 -> 2027-12-31, 2027-03 -> 2027-03-31."""
    parts = text.split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else 12
    day = int(parts[2]) if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return date(year, month, day)


def _resolved(item, corpus) -> bool:
    if item.kind == "regulatory-decision":
        return any(earliest_day(event.date) >= item.added and (item.agency is None or event.agency == item.agency)
                   for drug in item.drugs if (record := corpus.get("drugs", drug))
                   for event in record.model.regulatory)
    return any(earliest_day(result.published) >= item.added
               for trial in item.trials if (record := corpus.get("trials", trial))
               for result in record.model.results)


def check(context: CheckContext) -> list[Problem]:
    record = context.corpus.watch
    if record is None:
        return []
    problems: list[Problem] = []
    for i, item in enumerate(record.model.items):
        here = ("items", i)
        if latest_day(item.expected) < context.today and not _resolved(item, context.corpus):
            problems.append(record.problem(here + ("expected",), "WATCH-OVERDUE",
                                           f"watch item '{item.id}' was expected by {item.expected} and no record records it",
                                           hint="add the decision or result to its record and delete the item, or update "
                                                "'expected' with a cited new date"))
    return problems
