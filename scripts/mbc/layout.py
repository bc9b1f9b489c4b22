"""Laying out a flowchart graph top-down with ELK's layered algorithm (elkjs, run by node).

Python measures and wraps the text, so ELK sizes every box and every answer label; ELK
places boxes in layers, routes edges orthogonally between them (never through a box) and
gives each answer label its own slot on its edge. Node ids never reach ELK: boxes are
numbered, so contributor text cannot change the layout's input format.
"""

import hashlib
import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .pathway_graph import FlowGraph, FlowNode

RUNNER = Path(__file__).with_name("elk_layout.js")
CACHE = Path(__file__).resolve().parents[2] / ".cache" / "flowcharts"

# Advance widths of Helvetica's printable ASCII (Adobe's core-font metrics, 1/1000 em); Arial
# and Liberation Sans share them. The SVG asks for those fonts; SAFETY covers wider fallbacks.
HELVETICA = [int(w) for w in """
278 278 355 556 556 889 667 191 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 556
278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 667 778 722 667
611 722 667 944 667 667 611 278 278 278 469 556 333 556 556 500 556 556 278 556 556 222 222 500 222 833
556 556 556 556 333 500 278 556 500 722 500 500 500 334 260 334 584""".split()]
OTHER_WIDTH = 1000  # anything outside ASCII (…, ±, –) is given a full em
SAFETY = 1.08

BOX_FONT, BOX_LINE = 13, 16
PAD_X, PAD_Y = 10, 8
SHAPE_EXTRA = {"question": (28, 0), "entry": (16, 0), "link": (0, 12), "note": (8, 0)}  # room the outline takes
LABEL_FONT, LABEL_LINE, LABEL_PAD = 11.5, 14, 4
# Text widths (box, answer label) to wrap at: the roomy one first, the narrow one for a graph
# that would be wider than a desktop content column with it (many answers side by side).
WRAPS = [(120, 100), (92, 80)]
TARGET_WIDTH = 900
TAG_WIDTH, TAG_HEIGHT, TAG_GAP = 50, 20, 10  # the marker of a node's notes, right of its box

OPTIONS = {
    "elk.algorithm": "layered",
    "elk.direction": "DOWN",
    "elk.edgeRouting": "ORTHOGONAL",
    "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",  # answers keep their order, left to right
    "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",  # of ELK's placers, the narrowest here
    "elk.layered.nodePlacement.bk.fixedAlignment": "BALANCED",
    "elk.layered.spacing.nodeNodeBetweenLayers": "26",
    "elk.layered.spacing.edgeNodeBetweenLayers": "14",
    "elk.spacing.nodeNode": "12",
    "elk.spacing.edgeNode": "10",
    "elk.spacing.edgeEdge": "8",
    "elk.spacing.edgeLabel": "3",
    "elk.padding": "[top=6,left=6,bottom=6,right=6]",
}


def text_width(text: str, size: float) -> float:
    units = sum(HELVETICA[ord(c) - 32] if 32 <= ord(c) < 127 else OTHER_WIDTH for c in text)
    return units * size / 1000 * SAFETY


def wrap(text: str, size: float, width: float) -> list[str]:
    """Greedy word wrap to a width in pixels (a word longer than the width gets its own line)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


@dataclass
class PlacedNode:
    flow: FlowNode
    lines: list[str]
    x: float  # the box, without its notes marker
    y: float
    width: float
    height: float


@dataclass
class PlacedEdge:
    source: str
    target: str
    label: str | None
    points: list[tuple[float, float]]
    label_lines: list[str]
    label_box: tuple[float, float, float, float] | None  # x, y, width, height


@dataclass
class Layout:
    nodes: list[PlacedNode]
    edges: list[PlacedEdge]
    width: float
    height: float


def _box_size(flow: FlowNode, lines: list[str]) -> tuple[float, float]:
    extra_w, extra_h = SHAPE_EXTRA.get(flow.kind, (0, 0))
    text_w = max(text_width(line, BOX_FONT) for line in lines)
    return round(text_w + 2 * PAD_X + extra_w), BOX_LINE * len(lines) + 2 * PAD_Y + extra_h


def _elk_graph(graph: FlowGraph, box_text_width: float, label_text_width: float) -> tuple[dict, dict]:
    """The ELK input, and the wrapped text of boxes and labels that Python keeps."""
    number = {flow.id: i for i, flow in enumerate(graph.nodes)}
    texts = {"boxes": [], "labels": []}
    children = []
    for i, flow in enumerate(graph.nodes):
        lines = wrap(flow.label, BOX_FONT, box_text_width)
        width, height = _box_size(flow, lines)
        texts["boxes"].append((lines, width, height))
        full = width + (TAG_GAP + TAG_WIDTH if flow.notes else 0)
        ports = [{"id": f"n{i}in", "x": width / 2, "y": 0, "width": 0, "height": 0, "layoutOptions": {"elk.port.side": "NORTH"}},
                 {"id": f"n{i}out", "x": width / 2, "y": height, "width": 0, "height": 0, "layoutOptions": {"elk.port.side": "SOUTH"}}]
        children.append({"id": f"n{i}", "width": full, "height": height, "ports": ports,
                         "layoutOptions": {"elk.portConstraints": "FIXED_POS"}})
    edges = []
    for j, edge in enumerate(graph.edges):
        item = {"id": f"e{j}", "sources": [f"n{number[edge.source]}out"], "targets": [f"n{number[edge.target]}in"]}
        lines = wrap(edge.label, LABEL_FONT, label_text_width) if edge.label else []
        texts["labels"].append(lines)
        if lines:
            width = max(text_width(line, LABEL_FONT) for line in lines) + 2 * LABEL_PAD
            item["labels"] = [{"id": f"e{j}label", "text": f"label {j}", "width": round(width),
                               "height": LABEL_LINE * len(lines) + LABEL_PAD,
                               "layoutOptions": {"elk.edgeLabels.inline": "true"}}]  # the edge runs through its label
        edges.append(item)
    return {"id": "root", "layoutOptions": OPTIONS, "children": children, "edges": edges}, texts


def _run_elk(graphs: list[dict]) -> list[dict]:
    node = shutil.which("node")
    if node is None:
        raise LayoutError("node (Node.js) is not installed: the flowcharts are laid out by elkjs at build time")
    done = subprocess.run([node, str(RUNNER)], input=json.dumps(graphs), capture_output=True, text=True,
                          cwd=RUNNER.parent)
    if done.returncode != 0:
        hint = "run `npm ci` (make install does)" if "Cannot find module" in done.stderr else done.stderr.strip()
        raise LayoutError(f"the flowchart layout failed: {hint}")
    return json.loads(done.stdout)


def _engine_version() -> str:
    """What the cache key must change with: the pinned elkjs and the runner script."""
    package = RUNNER.resolve().parents[2] / "node_modules" / "elkjs" / "package.json"
    version = json.loads(package.read_text(encoding="utf-8"))["version"] if package.exists() else "missing"
    return version + hashlib.sha256(RUNNER.read_bytes()).hexdigest()


def _elk_cached(graphs: list[dict]) -> list[dict]:
    """ELK's output for each graph, from the cache when this input was laid out before.

    Starting node and elkjs costs seconds, the same input always gives the same output, and a
    build lays out the same few graphs again and again: so outputs are kept by a hash of
    their input (in .cache/flowcharts, like MkDocs plugins' caches) and written atomically.
    """
    version = _engine_version()
    keys = [hashlib.sha256((version + json.dumps(g, sort_keys=True)).encode()).hexdigest() for g in graphs]
    files = [CACHE / f"{key}.json" for key in keys]
    missing = [i for i, file in enumerate(files) if not file.exists()]
    if missing:
        CACHE.mkdir(parents=True, exist_ok=True)
        for i, result in zip(missing, _run_elk([graphs[i] for i in missing])):
            partial = files[i].with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(result, sort_keys=True), encoding="utf-8")
            partial.replace(files[i])
    return [json.loads(file.read_text(encoding="utf-8")) for file in files]


class LayoutError(Exception):
    """The layout engine could not run; the message says what to install."""


def _placed(graph: FlowGraph, elk: dict, texts: dict) -> Layout:
    nodes = []
    for flow, child, (lines, width, height) in zip(graph.nodes, elk["children"], texts["boxes"]):
        nodes.append(PlacedNode(flow, lines, round(child["x"], 1), round(child["y"], 1), width, height))
    edges = []
    for edge, laid, lines in zip(graph.edges, elk["edges"], texts["labels"]):
        section = laid["sections"][0]
        points = [section["startPoint"], *section.get("bendPoints", []), section["endPoint"]]
        box = None
        if lines:
            label = laid["labels"][0]
            box = tuple(round(label[k], 1) for k in ("x", "y", "width", "height"))
        edges.append(PlacedEdge(edge.source, edge.target, edge.label, [(round(p["x"], 1), round(p["y"], 1)) for p in points],
                                lines, box))
    return Layout(nodes, edges, round(elk["width"], 1), round(elk["height"], 1))


def layout_graphs(graphs: list[FlowGraph]) -> list[Layout]:
    """Every graph laid out, wrapped as roomily as fits; those not in the cache in one run of node per try."""
    layouts: list[Layout | None] = [None] * len(graphs)
    for wrap_widths in WRAPS:
        todo = [i for i, placed in enumerate(layouts) if placed is None or placed.width > TARGET_WIDTH]
        inputs = [_elk_graph(graphs[i], *wrap_widths) for i in todo]
        for i, (_, texts), result in zip(todo, inputs, _elk_cached([elk for elk, _ in inputs])):
            layouts[i] = _placed(graphs[i], result, texts)
    return layouts
