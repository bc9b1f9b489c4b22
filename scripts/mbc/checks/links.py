"""Integrity of links: ids named by records exist; arm, result and node ids are unique."""

from collections import Counter

from ..problems import Problem, Rule
from ..records import Record
from .context import CheckContext

RULES = [
    Rule("ID-DUPLICATE", "error", "Ids of arms, results and nodes must be unique within their record."),
    Rule("LINK-UNRESOLVED", "error", "Every id that names another record, arm, result or node must exist."),
]


def _record_links(record: Record) -> list[tuple[tuple, str, str]]:
    """(loc, kind, id) for every other record this record names."""
    model = record.model
    links: list[tuple[tuple, str, str]] = []

    def add(loc, kind, ids):
        links.extend((loc + (i,), kind, value) for i, value in enumerate(ids))

    if record.kind == "subtypes":
        for i, line in enumerate(model.treatment):
            add(("treatment", i, "drugs"), "drugs", line.drugs)
            add(("treatment", i, "trials"), "trials", line.trials)
    elif record.kind == "drugs":
        add(("subtypes",), "subtypes", model.subtypes)
    elif record.kind == "trials":
        add(("subtypes",), "subtypes", model.subtypes)
        for i, arm in enumerate(model.arms):
            add(("arms", i, "drugs"), "drugs", arm.drugs)
    elif record.kind == "biomarkers":
        add(("subtypes",), "subtypes", model.subtypes)
        for i, option in enumerate(model.options):
            add(("options", i, "drugs"), "drugs", option.drugs)
            add(("options", i, "trials"), "trials", option.trials)
    elif record.kind == "pathways":
        add(("subtypes",), "subtypes", model.subtypes)
        for i, node in enumerate(model.nodes):
            for kind in ("drugs", "trials", "subtypes"):
                add(("nodes", i, kind), kind, getattr(node, kind, []))
            if node.type == "link":
                links.append((("nodes", i, "pathway"), "pathways", node.pathway))
    return links


def _duplicates(record: Record, field: str, items) -> list[Problem]:
    counts = Counter(item.id for item in items)
    return [record.problem((field, i, "id"), "ID-DUPLICATE", f"{field[:-1]} id '{item.id}' is used more than once",
                           hint="give each one its own id")
            for i, item in enumerate(items) if counts[item.id] > 1]


def _trial_problems(record: Record) -> list[Problem]:
    trial = record.model
    problems = _duplicates(record, "arms", trial.arms) + _duplicates(record, "results", trial.results)
    arm_ids = {arm.id for arm in trial.arms}
    result_ids = {result.id for result in trial.results}
    for i, result in enumerate(trial.results):
        for j, outcome in enumerate(result.arms):
            if outcome.arm not in arm_ids:
                problems.append(record.problem(("results", i, "arms", j, "arm"), "LINK-UNRESOLVED",
                                               f"result '{result.id}' names arm '{outcome.arm}', which the trial does not have",
                                               hint=f"use one of: {', '.join(sorted(arm_ids))}"))
        for j, earlier in enumerate(result.supersedes):
            if earlier not in result_ids or earlier == result.id:
                problems.append(record.problem(("results", i, "supersedes", j), "LINK-UNRESOLVED",
                                               f"result '{result.id}' supersedes '{earlier}', which is not another result of this trial",
                                               hint=f"use one of: {', '.join(sorted(result_ids - {result.id}))}"))
    return problems


def check(context: CheckContext) -> list[Problem]:
    problems: list[Problem] = []
    corpus = context.corpus
    for record in corpus.all():
        for loc, kind, target in _record_links(record):
            if corpus.get(kind, target) is None and (kind, target) not in corpus.broken:
                problems.append(record.problem(loc, "LINK-UNRESOLVED", f"no {kind[:-1]} record with id '{target}'",
                                               hint=f"add evidence/{kind}/{target}.yaml or fix the id"))
        if record.kind == "trials":
            problems.extend(_trial_problems(record))
        if record.kind == "pathways":
            problems.extend(_duplicates(record, "nodes", record.model.nodes))
    return problems
