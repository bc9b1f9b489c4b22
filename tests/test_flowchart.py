"""Pathway flowcharts: the drawn graph, the short labels, and the ELK layout's geometry."""

import pytest
from conftest import ROOT

from mbc import layout
from mbc.diagram import render_svg
from mbc.pathway_graph import flow_graph, short_label
from mbc.schema.pathways import Pathway
from mbc.validate import validate

PATHWAYS = sorted(validate(ROOT).corpus.records["pathways"].values(), key=lambda r: r.id)


def _pathway(nodes: list[dict]) -> Pathway:
    return Pathway.model_validate({"id": "p", "status": "draft", "last_reviewed": "2026-01-01", "title": "T", "summary": "S",
                                   "nodes": nodes}, strict=False)


GRAPH = _pathway([
    {"id": "start", "type": "entry", "text": "Start", "next": "act"},
    {"id": "act", "type": "action", "text": "Do this [@key].", "cites": ["key"], "next": "note-act"},
    {"id": "note-act", "type": "note", "text": "About the action.", "next": "q"},
    {"id": "q", "type": "question", "text": "Which?", "branches": [
        {"label": "A", "to": "note-a"}, {"label": "B", "to": "b"}]},
    {"id": "note-a", "type": "note", "text": "About what follows A.", "next": "end"},
    {"id": "b", "type": "action", "text": "B first", "next": "end"},
    {"id": "end", "type": "action", "text": "Both paths end here"},
])


def test_notes_are_attached_not_drawn_as_steps():
    graph = flow_graph(GRAPH)
    notes = {flow.id: [n.id for n in flow.notes] for flow in graph.nodes}
    assert [flow.id for flow in graph.nodes] == ["start", "act", "q", "end", "b"]
    assert notes["act"] == ["note-act"]  # a note after a step comments on that step
    assert notes["end"] == ["note-a"]  # a note right after an answer comments on the step it leads to
    assert {(e.source, e.target, e.label) for e in graph.edges} == {
        ("start", "act", None), ("act", "q", None), ("q", "end", "A"), ("q", "b", "B"), ("b", "end", None)}


def test_a_node_reached_twice_is_drawn_once_with_two_incoming_edges():
    graph = flow_graph(GRAPH)
    assert [flow.id for flow in graph.nodes].count("end") == 1
    assert sorted(e.source for e in graph.edges if e.target == "end") == ["b", "q"]


@pytest.mark.parametrize("text, label, expected", [
    ("Visceral crisis (severe organ dysfunction with rapid progression of the disease)?", None, "Visceral crisis?"),
    ("Trastuzumab deruxtecan; longer PFS and OS than T-DM1 (DESTINY-Breast03) [@cortes2022tdxd].", None, "Trastuzumab deruxtecan"),
    ("Endocrine therapy [@key].", None, "Endocrine therapy."),  # a removed citation leaves no " ."
    ("Ovarian suppression (e.g. goserelin) combined with the endocrine therapy, as in the trials", None,
     "Ovarian suppression combined with the endocrine therapy"),
    ("Anything at all", "Own label", "Own label"),
    ("A b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h i j k l m n o p q", None,
     "A b c d e f g h i j k l m n o p q r s t u v w x y z a b c d…"),
])
def test_short_labels(text, label, expected):
    node = GRAPH.nodes[1].model_copy(update={"text": text, "label": label})
    assert short_label(node) == expected


def _overlap(a, b, tolerance=0.5) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax + tolerance < bx + bw and bx + tolerance < ax + aw and ay + tolerance < by + bh and by + tolerance < ay + ah


def _segment_enters(p, q, rect, margin=1.0) -> bool:
    """Whether an axis-parallel segment passes through the inside of a rectangle."""
    x, y, w, h = rect[0] + margin, rect[1] + margin, rect[2] - 2 * margin, rect[3] - 2 * margin
    (x1, y1), (x2, y2) = p, q
    return max(x1, x2) > x and min(x1, x2) < x + w and max(y1, y2) > y and min(y1, y2) < y + h


def _boxes(placed) -> list[tuple]:
    boxes = []
    for node in placed.nodes:
        boxes.append((node.flow.id, (node.x, node.y, node.width, node.height)))
        if node.flow.notes:
            boxes.append((node.flow.id, (node.x + node.width + layout.TAG_GAP, node.y, layout.TAG_WIDTH, node.height)))
    return boxes


@pytest.fixture(scope="module")
def layouts():
    return dict(zip((r.id for r in PATHWAYS), layout.layout_graphs([flow_graph(r.model) for r in PATHWAYS])))


@pytest.mark.parametrize("pathway", [r.id for r in PATHWAYS])
def test_layout_geometry(layouts, pathway):
    placed = layouts[pathway]
    boxes = _boxes(placed)
    for i, (owner, box) in enumerate(boxes):
        for other_owner, other in boxes[i + 1:]:
            assert not _overlap(box, other), f"{owner} overlaps {other_owner}"
    for edge in placed.edges:
        for p, q in zip(edge.points, edge.points[1:]):
            assert p[0] == q[0] or p[1] == q[1], f"{edge.source}->{edge.target} is not orthogonal"
            for owner, box in boxes:
                assert not _segment_enters(p, q, box), f"edge {edge.source}->{edge.target} passes through {owner}"
        if edge.label:
            assert edge.label_box is not None
            assert not any(_overlap(edge.label_box, box) for _, box in boxes), f"answer '{edge.label}' covers a box"
            assert any(_segment_enters(p, q, edge.label_box, margin=0) for p, q in zip(edge.points, edge.points[1:])), \
                f"answer '{edge.label}' is not on its edge"
    assert placed.width < 1000, "the flowchart should fit a desktop content column at a readable size"


def test_layout_and_svg_are_deterministic(tmp_path, monkeypatch):
    """Laid out twice without the cache, the same pathways give the same bytes."""
    monkeypatch.setattr(layout, "CACHE", tmp_path / "one")
    graphs = [flow_graph(r.model) for r in PATHWAYS]
    first = [render_svg(placed, "t") for placed in layout.layout_graphs(graphs)]
    monkeypatch.setattr(layout, "CACHE", tmp_path / "two")
    second = [render_svg(placed, "t") for placed in layout.layout_graphs(graphs)]
    assert first == second
    assert len(list((tmp_path / "two").iterdir())) >= len(graphs)  # each graph was laid out anew


def test_missing_node_is_reported_for_people(tmp_path, monkeypatch):
    monkeypatch.setattr(layout, "CACHE", tmp_path)
    monkeypatch.setattr(layout.shutil, "which", lambda name: None)
    with pytest.raises(layout.LayoutError, match="Node.js"):
        layout.layout_graphs([flow_graph(GRAPH)])
