"""A record's top-level keys follow one order per kind, so records read alike and diffs stay small.

The order is the model's: the id, the kind's own fields, then the fields every record ends with.
The key statements are free to stand where they read best (a subtype opens with them, a trial
closes with them), so they are left out of the order.
"""

from ..kinds import kinds
from ..problems import Problem, Rule
from ..schema import RecordBase

RULES = [
    Rule("STYLE-KEY-ORDER", "warning",
         "A record's top-level keys follow its kind's order: the id, the kind's fields, then the review; statements anywhere."),
]

# Fields every kind has, written after the kind's own: what the record says, then its review.
TAIL = ["retired_reason", "status", "last_reviewed", "reviewed_by"]
FREE = "statements"


def canonical_order(model: type[RecordBase]) -> list[str]:
    """The keys in order, without the free one."""
    own = [name for name in model.model_fields if name not in RecordBase.model_fields]
    return ["id"] + own + TAIL


def check_record(record) -> list[Problem]:
    if record.kind not in kinds():  # the watch list and the vocabulary have no kind's order
        return []
    order = canonical_order(type(record.model))
    keys = [key for key in record.data if key != FREE]
    rank = {key: order.index(key) if key in order else len(order) for key in keys}
    # The first key written after a key it should precede is the one out of place.
    for i, key in enumerate(keys):
        later = [earlier for earlier in keys[:i] if rank[earlier] > rank[key]]
        if later:
            line, column = record.at(key, key=True)
            return [Problem(record.shown, line, column, "STYLE-KEY-ORDER", f"'{key}' belongs before '{later[0]}'",
                            hint="`make fix` puts the keys in this order: " + ", ".join(k for k in order if k in rank))]
    return []
