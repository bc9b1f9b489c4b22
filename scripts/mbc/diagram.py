"""Pathway diagrams as SVG, drawn at build time: no script, no network, same bytes every build.

The outline of a pathway is a tree (a node reached twice is drawn once, then referenced),
so a tidy left-to-right tree layout is enough: each depth is a column, each leaf a row,
and a parent sits level with its first child, so the entry is always at the top left where
a reader (or a phone screen) starts. Graph layout libraries would add
a system binary (Graphviz) or a browser-side script for what twenty lines do here.
"""

import re
import textwrap
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from .pathway_view import OutlineItem

BOX_WIDTH = 230
COLUMN_GAP = 50
ROW_GAP = 18
LINE_HEIGHT = 16
PADDING = 10
WRAP = 30
CITATION = re.compile(r"\[@[^\[\]]*\]")  # stops at the next "[": "[@[@[@..." costs linear time, not quadratic
MARKDOWN_MARKS = re.compile(r"[*_`]")


@dataclass
class Box:
    item: OutlineItem
    lines: list[str]
    links: list[tuple[str, str]]  # (label, url)
    x: float = 0
    y: float = 0
    children: list["Box"] = field(default_factory=list)

    @property
    def height(self) -> float:
        return PADDING * 2 + LINE_HEIGHT * (1 + len(self.lines) + len(self.links))


def _text_lines(item: OutlineItem) -> list[str]:
    if item.repeat:
        return [f"See '{item.node.id}' above"]
    text = MARKDOWN_MARKS.sub("", CITATION.sub("", item.node.text)).strip()
    lines = textwrap.wrap(text, WRAP) or [""]
    if item.grade:
        lines.append(f"Grade {item.grade}")
    return lines


def _layout(item: OutlineItem, depth: int, top: float, make_links, boxes: list[Box]) -> tuple[Box, float]:
    """Place item and its subtree from `top`; return its box and the subtree's bottom."""
    box = Box(item, _text_lines(item), [] if item.repeat else make_links(item))
    boxes.append(box)
    box.x = depth * (BOX_WIDTH + COLUMN_GAP)
    if not item.children or item.repeat:
        box.y = top
        return box, top + box.height
    bottom = top
    children = []
    for child in item.children:
        child_box, bottom = _layout(child, depth + 1, bottom, make_links, boxes)
        children.append(child_box)
        bottom += ROW_GAP
    bottom -= ROW_GAP
    box.y = top
    box.children = children
    return box, max(bottom, box.y + box.height)


def _edges(box: Box) -> list[str]:
    parts = []
    for child in box.children:
        x1, y1 = box.x + BOX_WIDTH, box.y + box.height / 2
        x2, y2 = child.x, child.y + child.height / 2
        bend = (x1 + x2) / 2
        parts.append(f'<path class="edge" d="M{x1:.0f},{y1:.0f} C{bend:.0f},{y1:.0f} {bend:.0f},{y2:.0f} {x2:.0f},{y2:.0f}"/>')
        if child.item.branch:
            parts.append(f'<text class="branch" x="{x2 - 6:.0f}" y="{y2 - 6:.0f}" text-anchor="end">{escape(child.item.branch)}</text>')
        parts += _edges(child)
    return parts


def _box_svg(box: Box) -> str:
    node = box.item.node
    kind = "repeat" if box.item.repeat else node.type
    anchor = "" if box.item.repeat else f' id="diagram-{escape(node.id)}"'  # ids stay unique on the page
    parts = [f'<g class="node node-{kind}"{anchor}>',
             f'<rect x="{box.x:.0f}" y="{box.y:.0f}" width="{BOX_WIDTH}" height="{box.height:.0f}" rx="6"/>']
    y = box.y + PADDING + LINE_HEIGHT - 4
    parts.append(f'<text class="type" x="{box.x + PADDING:.0f}" y="{y:.0f}">{escape(node.type.upper())}</text>')
    for line in box.lines:
        y += LINE_HEIGHT
        parts.append(f'<text x="{box.x + PADDING:.0f}" y="{y:.0f}">{escape(line)}</text>')
    for label, url in box.links:
        y += LINE_HEIGHT
        parts.append(f'<a href="{escape(url)}"><text class="link" x="{box.x + PADDING:.0f}" y="{y:.0f}">→ {escape(label)}</text></a>')
    parts.append("</g>")
    return "".join(parts)


def render_svg(root: OutlineItem | None, title: str, make_links) -> Markup:
    """The flowchart as an inline SVG; make_links(item) gives the (label, url) links of a node."""
    if root is None:
        return Markup("")
    boxes: list[Box] = []
    top_box, bottom = _layout(root, 0, 0, make_links, boxes)
    width = max(b.x for b in boxes) + BOX_WIDTH + 2
    height = bottom + 2
    body = "".join(_edges(top_box)) + "".join(_box_svg(b) for b in boxes)
    return Markup(f'<svg class="mbc-flowchart" xmlns="http://www.w3.org/2000/svg" role="group" aria-label="Flowchart: {escape(title)}" '
                  f'width="{width:.0f}" height="{height:.0f}" viewBox="-1 -1 {width:.0f} {height:.0f}">{body}</svg>')
