"""A pathway as the graph its flowchart draws: steps and the answers between them.

Notes are not steps: each is attached to the node it comments on (the step before it, or,
when it follows a branch or several paths, the step after it), and edges pass through it.
A node reached twice is one node with two incoming edges. Each node gets a short label for
its box; the full text stays in the outline and the details panel.
"""

import re
from dataclasses import dataclass, field

from .checks.pathways import successors

LABEL_LIMIT = 60  # characters: at most four short lines in a box
CITATION = re.compile(r"\[@[^\[\]]*\]")  # stops at the next "[": linear time on "[@[@[@..."
MARKDOWN_MARKS = re.compile(r"[*_`]")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
CLAUSE_END = re.compile(r"; | — |(?<!e\.g)(?<!i\.e)\. ")
PARENTHESES = re.compile(r"\s*\([^()]*\)")


def plain_text(text: str) -> str:
    """Contributor Markdown as one line of plain text, without citations or marks."""
    text = MARKDOWN_MARKS.sub("", LINK.sub(r"\1", CITATION.sub("", text)))
    return re.sub(r"\s+([.,;:?!])", r"\1", " ".join(text.split())).strip()


def _first_clause(text: str) -> str:
    """Text up to the first semicolon, dash or full stop that is not inside parentheses."""
    depth = 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and CLAUSE_END.match(text, i):
            return text[:i]
    return text


def short_label(node) -> str:
    """The box text: the node's `label`, else the first clause of its text.

    A clause still too long loses its asides in parentheses, then its last
    comma-separated parts, and at worst is cut at a word with an ellipsis."""
    if getattr(node, "label", None):
        return node.label
    text = plain_text(node.text)
    question = text.endswith("?")
    text = _first_clause(text)
    if len(text) > LABEL_LIMIT:
        text = " ".join(PARENTHESES.sub("", text).split())
    if len(text) > LABEL_LIMIT:
        cut = text.rfind(", ", 0, LABEL_LIMIT)
        text = text[:cut] if cut >= LABEL_LIMIT // 2 else text[:text.rfind(" ", 0, LABEL_LIMIT)] + "…"
    text = text.rstrip(" ,:;?")
    return text + "?" if question and not text.endswith("…") else text


@dataclass
class FlowNode:
    node: object  # the pathway node (schema model)
    label: str
    notes: list = field(default_factory=list)  # NoteNodes attached to this node

    @property
    def id(self) -> str:
        return self.node.id

    @property
    def kind(self) -> str:
        return self.node.type


@dataclass(frozen=True)
class FlowEdge:
    source: str
    target: str
    label: str | None  # the answer, on edges leaving a question


@dataclass
class FlowGraph:
    nodes: list[FlowNode]  # in reading order: depth-first from the entry, answers in order
    edges: list[FlowEdge]


def _targets(node) -> list[tuple[str | None, str]]:
    """(answer, target id) for each edge leaving a node."""
    labels = [b.label for b in node.branches] if node.type == "question" else [None]
    return [(label, target) for label, (_, target) in zip(labels, successors(node))]


def flow_graph(pathway) -> FlowGraph | None:
    """The drawn graph of a valid pathway (None when it has no entry)."""
    nodes = {node.id: node for node in pathway.nodes}
    entry = next((node for node in pathway.nodes if node.type == "entry"), None)
    if entry is None:
        return None
    before: dict[str, list[tuple[str, bool]]] = {}  # node id -> (predecessor id, reached by an answer)
    for node in pathway.nodes:
        for label, target in _targets(node):
            before.setdefault(target, []).append((node.id, label is not None))

    def after(node_id: str | None) -> str | None:
        """The first node that is not a note, following `next` from node_id."""
        while node_id is not None and nodes[node_id].type == "note":
            node_id = nodes[node_id].next
        return node_id

    def owner(note) -> str | None:
        """The node a note comments on; None leaves it in the flow (a note that ends a branch)."""
        preds = before.get(note.id, [])
        if len(preds) == 1 and not preds[0][1]:
            pred = nodes[preds[0][0]]
            return (owner(pred) or pred.id) if pred.type == "note" else pred.id
        return after(note.next)

    owners = {node.id: owner(node) for node in pathway.nodes if node.type == "note"}

    def resolve(node_id: str | None) -> str | None:
        """Where an edge lands once the attached notes it passes through are taken out."""
        while node_id is not None and owners.get(node_id) is not None:
            node_id = nodes[node_id].next
        return node_id

    drawn: dict[str, FlowNode] = {}
    edges: list[FlowEdge] = []

    def visit(node_id: str) -> None:
        if node_id in drawn:
            return
        node = nodes[node_id]
        drawn[node_id] = FlowNode(node, short_label(node))
        for label, target in _targets(node):
            target = resolve(target)
            if target is not None:
                edges.append(FlowEdge(node_id, target, label))
                visit(target)

    visit(entry.id)
    for note in pathway.nodes:  # attach in record order, so a node's notes read in order
        if note.type == "note" and owners[note.id] in drawn:
            drawn[owners[note.id]].notes.append(note)
    return FlowGraph(list(drawn.values()), edges)
