"""Pathway graphs: one entry, targets exist, all reachable, no cycles, distinct branch labels."""

from ..problems import Problem, Rule
from ..records import Record
from .context import CheckContext

RULES = [
    Rule("PATHWAY-ENTRY", "error", "A pathway has exactly one entry node."),
    Rule("PATHWAY-TARGET", "error", "Every branch and next step points to a node of the same pathway."),
    Rule("PATHWAY-UNREACHABLE", "error", "Every node of a pathway is reachable from its entry."),
    Rule("PATHWAY-CYCLE", "error", "A pathway has no cycles: it is a decision tree read top to bottom."),
    Rule("PATHWAY-BRANCH-LABEL", "error", "The branch labels of one question are distinct."),
]


def successors(node) -> list[tuple[tuple, str]]:
    """(loc relative to the node, target id) for each edge leaving a node."""
    if node.type == "question":
        return [(("branches", j, "to"), branch.to) for j, branch in enumerate(node.branches)]
    if getattr(node, "next", None):
        return [(("next",), node.next)]
    return []


def _pathway_problems(record: Record) -> list[Problem]:
    nodes = record.model.nodes
    index = {node.id: i for i, node in enumerate(nodes)}
    problems: list[Problem] = []
    entries = [i for i, node in enumerate(nodes) if node.type == "entry"]
    if len(entries) != 1:
        loc = ("nodes", entries[1]) if len(entries) > 1 else ("nodes",)
        problems.append(record.problem(loc, "PATHWAY-ENTRY", f"the pathway has {len(entries)} entry nodes",
                                       hint="keep exactly one node with type: entry"))
    for i, node in enumerate(nodes):
        for loc, target in successors(node):
            if target not in index:
                problems.append(record.problem(("nodes", i) + loc, "PATHWAY-TARGET", f"node '{node.id}' leads to '{target}', which is not a node here",
                                               hint="use the id of a node of this pathway"))
        if node.type == "question":
            seen: set[str] = set()
            for j, branch in enumerate(node.branches):
                label = branch.label.strip().lower()
                if label in seen:
                    problems.append(record.problem(("nodes", i, "branches", j, "label"), "PATHWAY-BRANCH-LABEL",
                                                   f"question '{node.id}' has two branches labelled '{branch.label}'",
                                                   hint="merge them or make each answer distinct"))
                seen.add(label)
    if len(entries) == 1:
        problems.extend(_graph_problems(record, entries[0], index))
    return problems


def _graph_problems(record: Record, entry: int, index: dict[str, int]) -> list[Problem]:
    """Depth-first walk from the entry: a grey node met again closes a cycle."""
    nodes = record.model.nodes
    colour: dict[int, str] = {}
    problems: list[Problem] = []
    stack: list[tuple[int, int]] = [(entry, 0)]
    colour[entry] = "grey"
    while stack:
        current, edge = stack[-1]
        edges = [(loc, index[t]) for loc, t in successors(nodes[current]) if t in index]
        if edge == len(edges):
            colour[current] = "black"
            stack.pop()
            continue
        stack[-1] = (current, edge + 1)
        loc, target = edges[edge]
        if colour.get(target) == "grey":
            problems.append(record.problem(("nodes", current) + loc, "PATHWAY-CYCLE",
                                           f"node '{nodes[current].id}' leads back to '{nodes[target].id}', closing a cycle",
                                           hint="point to a later node, or use a link node to another pathway"))
        elif target not in colour:
            colour[target] = "grey"
            stack.append((target, 0))
    for i, node in enumerate(nodes):
        if i not in colour:
            problems.append(record.problem(("nodes", i, "id"), "PATHWAY-UNREACHABLE", f"node '{node.id}' cannot be reached from the entry",
                                           hint="add a branch or next step that leads to it, or delete it"))
    return problems


def check(context: CheckContext) -> list[Problem]:
    problems: list[Problem] = []
    for record in context.corpus.records["pathways"].values():
        problems.extend(_pathway_problems(record))
    return problems
