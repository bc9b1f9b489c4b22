"""What changed in the evidence in the twelve months before the snapshot, and what is expected next.

Dated facts in the records (regulatory events, published results) make the "new" list; the watch
list (evidence/watch.yaml) makes the "next" list. Both are measured from the evidence snapshot
date, not from the day of the build, so the same evidence gives the same page.
"""

from dataclasses import dataclass
from datetime import date

from .schema import earliest_day

WINDOW_DAYS = 365


@dataclass(frozen=True)
class Change:
    day: str  # as the source gives it: YYYY, YYYY-MM or YYYY-MM-DD
    kind: str  # "regulatory" or "result"
    record: object  # the drug or trial record
    what: str  # a short plain-text description
    cites: tuple[str, ...]


def recent_changes(corpus, snapshot: date) -> list[Change]:
    """Regulatory events and published results dated within a year before the snapshot, newest first."""
    changes = []
    for drug in corpus.records["drugs"].values():
        for event in drug.model.regulatory:
            changes.append(Change(event.date, "regulatory", drug, f"{event.agency} {event.event.replace('-', ' ')}: {event.indication}",
                                  tuple(event.cites)))
    for trial in corpus.records["trials"].values():
        for result in trial.model.results:
            changes.append(Change(result.published, "result", trial, f"{result.endpoint}: {result.analysis}", tuple(result.source)))
    recent = [c for c in changes if 0 <= (snapshot - earliest_day(c.day)).days <= WINDOW_DAYS]
    return sorted(recent, key=lambda c: (c.day, c.record.id, c.what), reverse=True)


def expected_next(watch) -> list:
    """The watch list's items, soonest first."""
    return sorted(watch.model.items, key=lambda item: (item.expected, item.id)) if watch else []
