"""Integrity of links: ids named by records exist; arm, result and node ids are unique."""

from collections import Counter

from ..declarations import record_links
from ..kinds import kinds
from ..problems import Problem, Rule
from ..records import Record
from .context import CheckContext

RULES = [
    Rule("ID-DUPLICATE", "error", "Ids of arms, results and nodes must be unique within their record."),
    Rule("LINK-UNRESOLVED", "error", "Every id that names another record, arm, result or node must exist."),
]


def duplicate_ids(record: Record, field: str, items) -> list[Problem]:
    """ID-DUPLICATE for each item of a list field whose id another item has (arms, results, nodes, options)."""
    counts = Counter(item.id for item in items)
    return [record.problem((field, i, "id"), "ID-DUPLICATE", f"the id '{item.id}' is used by more than one of the {field}",
                           hint="give each one its own id")
            for i, item in enumerate(items) if counts[item.id] > 1]


def _trial_problems(record: Record) -> list[Problem]:
    trial = record.model
    problems = duplicate_ids(record, "arms", trial.arms) + duplicate_ids(record, "results", trial.results)
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
    for record in corpus.all() + corpus.single_files():
        for loc, kind, target in record_links(record.model):
            if corpus.get(kind, target) is None and (kind, target) not in corpus.broken:
                problems.append(record.problem(loc, "LINK-UNRESOLVED", f"no {kinds()[kind].singular} record with id '{target}'",
                                               hint=f"add evidence/{kind}/{target}.yaml or fix the id"))
        if record.kind == "trials":
            problems.extend(_trial_problems(record))
        if record.kind == "pathways":
            problems.extend(duplicate_ids(record, "nodes", record.model.nodes))
    return problems
