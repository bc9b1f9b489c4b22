"""What changed between two evidence snapshots, said the way a clinician reads it.

The comparison walks the models' own fields, so a new record kind is compared without
touching this module: records added, retired or removed; for a record in both snapshots,
every field that changed. Lists of items with an id (results, arms, pathway nodes) are
matched by id; other lists (regulatory events, statements) by value. A few item types have
a clinical description (a result's numbers, a regulatory decision, a flowchart's answers);
everything else is described by its fields.
"""

from dataclasses import dataclass, field

from pydantic import BaseModel

from .kinds import kinds
from .results import median_text, superseded_by
from .schema.drugs import RegulatoryEvent
from .schema.pathways import QuestionNode
from .schema.trials import Result
from .validate import Evidence

# Said once per record (status line) or not at all (a review date alone changes nothing clinical).
NOT_COMPARED = {"id", "status", "reviewed_by", "last_reviewed", "retired_reason"}


@dataclass
class RecordChange:
    id: str
    label: str
    details: list[str] = field(default_factory=list)


@dataclass
class KindChanges:
    added: list[RecordChange] = field(default_factory=list)
    retired: list[RecordChange] = field(default_factory=list)
    removed: list[RecordChange] = field(default_factory=list)
    changed: list[RecordChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.retired or self.removed or self.changed)


@dataclass
class Changes:
    old_date: str
    new_date: str
    kinds: dict[str, KindChanges]
    references: KindChanges
    watch: KindChanges  # the watch list, one file: its items added, removed or changed
    # Files of a snapshot that do not load with today's schema are missing from the comparison.
    old_unloaded: int = 0
    new_unloaded: int = 0


def _value(value) -> str:
    if isinstance(value, BaseModel):
        return _fields(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return "none" if value is None else f"'{value}'" if isinstance(value, str) else str(value)


def _fields(item: BaseModel) -> str:
    """An item as 'name value' pairs of the fields that are set, for items with no clinical description."""
    names = list(item.model_dump(exclude_defaults=True))
    if len(names) == 1:
        return _value(getattr(item, names[0]))
    return "; ".join(f"{name} {_value(getattr(item, name))}" for name in names)


def _result_text(result: Result, parent) -> str:
    arms = {arm.id: arm.label for arm in getattr(parent, "arms", [])}
    parts = [f"{arms.get(o.arm, o.arm)} {median_text(o) or ''}{f' rate {o.rate:g}%' if o.rate is not None else ''}".strip()
             for o in result.arms]
    text = f"{result.endpoint}, {result.analysis} ({result.published}"
    text += f"; n {result.n})" if result.n else ")"
    if parts:
        text += ": " + " vs ".join(parts)
    if result.hazard_ratio:
        hr = result.hazard_ratio
        text += f"; HR {hr.value:g}" + (f" (95% CI {hr.ci_low:g} to {hr.ci_high:g})" if hr.ci_low is not None and hr.ci_high is not None else "")
    if result.p_value:
        text += f"; p {result.p_value}"
    return text + f" [{', '.join(result.source)}]"


def _event_text(event: RegulatoryEvent, parent) -> str:
    return f"{event.agency} {event.event}, {event.date}: {event.indication} [{', '.join(event.cites)}]"


# Item types with a clinical description; all others are described by their fields.
DESCRIBE = {Result: _result_text, RegulatoryEvent: _event_text}
SINGULAR = {"items": "watch item", "results": "result", "regulatory": "regulatory event", "nodes": "node", "arms": "arm",
            "statements": "statement", "toxicities": "toxicity", "options": "option", "treatment": "treatment line"}


def _describe(item, parent) -> str:
    if type(item) in DESCRIBE:
        return DESCRIBE[type(item)](item, parent)
    if hasattr(item, "text") and hasattr(item, "type"):  # a flowchart node
        return f"{item.type} '{item.text}'"
    return _fields(item) if isinstance(item, BaseModel) else _value(item)


def _branch_changes(old: QuestionNode, new: QuestionNode, nodes: dict) -> list[str]:
    def target(node_id):
        return f"'{nodes[node_id].text}'" if node_id in nodes else f"'{node_id}'"

    before = {b.label: b.to for b in old.branches}
    after = {b.label: b.to for b in new.branches}
    lines = []
    for label in dict.fromkeys([*before, *after]):
        if label not in after:
            lines.append(f"answer '{label}' to '{new.text}' removed (led to {target(before[label])})")
        elif label not in before:
            lines.append(f"new answer '{label}' to '{new.text}' leads to {target(after[label])}")
        elif before[label] != after[label]:
            lines.append(f"answer '{label}' to '{new.text}' now leads to {target(after[label])} (was {target(before[label])})")
    return lines


def _name(item, key: str) -> str:
    """A short name for an item whose fields changed: what a reader recognises it by."""
    if isinstance(item, Result):
        return f"{item.endpoint}, {item.analysis}"
    if hasattr(item, "text") and hasattr(item, "type"):
        return f"{item.type} '{item.text}'"
    return f"'{getattr(item, key)}'"


def _item_changes(name: str, key: str, old, new, parent) -> list[str]:
    """How one matched item (same id or key) changed."""
    if isinstance(old, Result) and _result_text(old, parent) != _result_text(new, parent):
        return [f"result changed: {_result_text(old, parent)} → now {_result_text(new, parent)}"]
    lines = []
    if isinstance(old, QuestionNode) and isinstance(new, QuestionNode):
        nodes = {node.id: node for node in getattr(parent, "nodes", [])}
        lines = _branch_changes(old, new, nodes)
    # Branches are said above as answers; a result's supersedes as the superseded analysis.
    skipped = {"branches", "supersedes"}
    where = f"{SINGULAR.get(name, name)} {_name(new, key)}"
    for field_name in type(new).model_fields:
        before, after = getattr(old, field_name, None), getattr(new, field_name, None)
        if field_name not in skipped and before != after:
            lines += [f"{where}: {line}" for line in _field_changes(field_name, before, after)]
    return lines


def _match_key(old: list, new: list) -> str | None:
    """The field that says which item is which: the id, else the first field when it is unique on
    both sides (a treatment line's 'line', a criterion's 'marker'); None to match by value."""
    model = type((old or new)[0])
    names = list(model.model_fields)
    name = "id" if "id" in names else names[0] if len(names) > 1 else None
    if name and all(len({getattr(i, name) for i in items}) == len(items) for items in (old, new)):
        return name
    return None


def _field_changes(name: str, old, new) -> list[str]:
    """A plain field: old → new; a list of plain values (ids, names): what was added and removed."""
    if not (isinstance(old, list) and isinstance(new, list)):
        return [f"{name} {_value(old)} → {_value(new)}"]
    added = [v for v in new if v not in old]
    removed = [v for v in old if v not in new]
    return ([f"{name} added: {', '.join(map(_value, added))}"] if added else []) + \
           ([f"{name} removed: {', '.join(map(_value, removed))}"] if removed else []) or [f"{name} reordered"]


def _list_changes(name: str, old: list, new: list, old_parent, new_parent) -> list[str]:
    singular = SINGULAR.get(name, name)
    if not (old or new) or not isinstance((old or new)[0], BaseModel):
        return _field_changes(name, old, new)
    key = _match_key(old, new)
    if key is None:
        return ([f"new {singular}: {_describe(item, new_parent)}" for item in new if item not in old]
                + [f"{singular} removed: {_describe(item, old_parent)}" for item in old if item not in new])
    before = {getattr(item, key): item for item in old}
    after = {getattr(item, key): item for item in new}
    lines = [f"new {singular}: {_describe(item, new_parent)}" for k, item in after.items() if k not in before]
    lines += [f"{singular} removed: {_describe(item, old_parent)}" for k, item in before.items() if k not in after]
    for k in after:
        if k in before and after[k] != before[k]:
            lines += _item_changes(name, key, before[k], after[k], new_parent)
    return lines


def _superseded(old, new) -> list[str]:
    if not hasattr(new, "results"):
        return []
    before, after = superseded_by(old), superseded_by(new)
    results = {r.id: r for r in new.results}
    return [f"superseded: {results[earlier].endpoint}, {results[earlier].analysis} ({results[earlier].published}) "
            f"is replaced by {results[later].endpoint}, {results[later].analysis} ({results[later].published})"
            for earlier, later in after.items() if before.get(earlier) != later and earlier in results and later in results]


def record_details(old, new) -> list[str]:
    """Every clinically meaningful change from one version of a record to the next."""
    lines = []
    if old.status != new.status or (new.status == "reviewed" and old.reviewed_by != new.reviewed_by):
        by = f" by {', '.join(new.reviewed_by)}" if new.status == "reviewed" and new.reviewed_by else ""
        lines.append(f"status: {old.status} → {new.status}{by}")
    for name in type(new).model_fields:
        before, after = getattr(old, name), getattr(new, name)
        if name in NOT_COMPARED or before == after:
            continue
        lines += _list_changes(name, before, after, old, new) if isinstance(after, list) else _field_changes(name, before, after)
    return lines + _superseded(old, new)


def _added_details(model) -> list[str]:
    """For a new record, its items with a clinical description (results, regulatory events)."""
    lists = [getattr(model, name) for name in type(model).model_fields if isinstance(getattr(model, name), list)]
    return [_describe(item, model) for items in lists for item in items if type(item) in DESCRIBE]


def _compare_kind(old: dict, new: dict, unloaded: set[str]) -> KindChanges:
    """unloaded: ids whose file exists on one side but does not load; they are not said to be added or removed."""
    changes = KindChanges()
    for record_id in sorted((new.keys() | old.keys()) - unloaded):
        before, after = old.get(record_id), new.get(record_id)
        label = kinds()[(after or before).kind].label((after or before).model)
        if before is None:
            changes.added.append(RecordChange(record_id, label, _added_details(after.model)))
        elif after is None:
            changes.removed.append(RecordChange(record_id, label))
        elif after.model.status == "retired" and before.model.status != "retired":
            changes.retired.append(RecordChange(record_id, label, [after.model.retired_reason or "no reason given"]))
        elif before.model != after.model:
            details = record_details(before.model, after.model)
            if details:
                changes.changed.append(RecordChange(record_id, label, details))
    return changes


def _reference_text(ref) -> str:
    first = ref.authors[0].family if ref.authors else "Anonymous"
    names = f"{first} et al." if len(ref.authors) > 1 or ref.more_authors else f"{first}."
    where = ref.get("journal") or ref.get("howpublished")
    ident = f" doi:{ref.get('doi')}" if ref.get("doi") else f" {ref.get('url')}" if ref.get("url") else ""
    return f"{names} {ref.get('title')}. {where + '. ' if where else ''}{ref.get('year')}.{ident}"


def _compare_references(old: dict, new: dict) -> KindChanges:
    changes = KindChanges()
    for key in sorted(new.keys() | old.keys()):
        before, after = old.get(key), new.get(key)
        if before is None:
            changes.added.append(RecordChange(key, _reference_text(after)))
        elif after is None:
            changes.removed.append(RecordChange(key, _reference_text(before)))
        elif (before.fields, before.authors) != (after.fields, after.authors):
            fields = [line for name in sorted(before.fields.keys() | after.fields.keys()) if before.get(name) != after.get(name)
                      for line in _field_changes(name, before.get(name) or None, after.get(name) or None)]
            changes.changed.append(RecordChange(key, _reference_text(after), fields or ["authors corrected"]))
    return changes


def compare(old: Evidence, new: Evidence) -> Changes:
    """The clinical changes from the old snapshot to the new one."""
    unloaded = old.corpus.broken | new.corpus.broken
    kinds = {kind: _compare_kind(old.corpus.records.get(kind, {}), records, {i for k, i in unloaded if k == kind})
             for kind, records in new.corpus.records.items()}
    return Changes(old.snapshot_date, new.snapshot_date, kinds,
                   _compare_references(old.bibliography.references, new.bibliography.references),
                   _compare_watch(old.corpus.watch, new.corpus.watch), len(old.corpus.broken), len(new.corpus.broken))


def _compare_watch(old, new) -> KindChanges:
    changes = KindChanges()
    before, after = (old.model.items if old else []), (new.model.items if new else [])
    details = _list_changes("items", before, after, old and old.model, new and new.model) if before != after else []
    if details:
        changes.changed.append(RecordChange("watch", "Watch list", details))
    return changes
