"""Pathway flowcharts as inline SVG, drawn at build time from the ELK layout: readable with
no script, no network, the same bytes every build.

Each kind of node has its own shape (and colour, in the stylesheet), so print and colour
blindness keep them apart. Each box is a link to its entry in the outline, which holds the
full text, citations, drugs and trials: without script a click jumps there, with script
(content/assets/javascripts/pathway.js) the same entry opens beside the diagram. Edges carry
their source, target and answer as data attributes, which is all the walk-through needs.
"""

from markupsafe import Markup, escape

from .layout import (BOX_LINE, LABEL_LINE, LABEL_PAD, SHAPE_EXTRA, TAG_GAP, TAG_HEIGHT, TAG_WIDTH, Layout,
                     PlacedEdge, PlacedNode)

KIND_NAMES = {"entry": "Start", "question": "Question", "action": "Action", "link": "Continues in another pathway",
              "note": "Note"}
LEGEND = [("entry", "Start"), ("question", "Question: the answers are on the arrows"), ("action", "Action"),
          ("link", "Continues in another pathway"), ("note", "Note on a step: select it to read")]
SLANT = SHAPE_EXTRA["question"][0] / 2  # how far a question's points stick out
POINT = SHAPE_EXTRA["link"][1]  # how far a link's arrow point hangs below its box
FOLD = 8  # the folded corner of a note


def _n(value: float) -> str:
    """A coordinate with at most one decimal, no trailing zeros: stable, short bytes."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def shape(kind: str, x: float, y: float, w: float, h: float) -> str:
    """The outline of a node of this kind, as an SVG element."""
    if kind == "entry":
        return f'<rect class="shape" x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="{_n(h / 2)}"/>'
    if kind == "question":
        points = [(x + SLANT, y), (x + w - SLANT, y), (x + w, y + h / 2), (x + w - SLANT, y + h), (x + SLANT, y + h), (x, y + h / 2)]
    elif kind == "link":  # the off-page connector of classic flowcharts: the path goes on elsewhere
        points = [(x, y), (x + w, y), (x + w, y + h - POINT), (x + w / 2, y + h), (x, y + h - POINT)]
    elif kind == "note":
        points = [(x, y), (x + w - FOLD, y), (x + w, y + FOLD), (x + w, y + h), (x, y + h)]
    else:
        return f'<rect class="shape" x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="3"/>'
    return '<polygon class="shape" points="' + " ".join(f"{_n(px)},{_n(py)}" for px, py in points) + '"/>'


def _lines(lines: list[str], cx: float, top: float, line_height: float, css: str) -> str:
    """Centred lines of text; the first baseline sits 0.75 line below top."""
    spans = "".join(f'<tspan x="{_n(cx)}" y="{_n(top + line_height * (i + 0.75))}">{escape(line)}</tspan>'
                    for i, line in enumerate(lines))
    return f'<text class="{css}" text-anchor="middle">{spans}</text>'


def _node(placed: PlacedNode) -> str:
    flow, x, y, w, h = placed.flow, placed.x, placed.y, placed.width, placed.height
    name = f"{KIND_NAMES[flow.kind]}: {flow.label}"
    notes = " ".join(note.id for note in flow.notes)
    text_height = h - (POINT if flow.kind == "link" else 0)
    top = y + (text_height - BOX_LINE * len(placed.lines)) / 2
    parts = [f'<a class="node node-{flow.kind}" href="#node-{escape(flow.id)}" data-node="{escape(flow.id)}"'
             f'{f" data-notes={chr(34)}{escape(notes)}{chr(34)}" if notes else ""} aria-label="{escape(name)}">',
             f"<title>{escape(name)}</title>", shape(flow.kind, x, y, w, h),
             _lines(placed.lines, x + w / 2, top, BOX_LINE, "label"), "</a>"]
    if flow.notes:
        tx, ty = x + w + TAG_GAP, y + (h - TAG_HEIGHT) / 2
        count = len(flow.notes)
        tag = f"{count} notes" if count > 1 else "note"
        parts += [f'<path class="tie" d="M{_n(x + w)},{_n(y + h / 2)}H{_n(tx)}"/>',
                  f'<a class="note-tag" href="#node-{escape(flow.notes[0].id)}" data-node="{escape(flow.id)}" '
                  f'aria-label="{escape(f"{tag.capitalize()} on: {flow.label}")}">',
                  f"<title>{escape(tag.capitalize())} on this step</title>",
                  shape("note", tx, ty, TAG_WIDTH, TAG_HEIGHT),
                  _lines([tag], tx + TAG_WIDTH / 2, ty + (TAG_HEIGHT - LABEL_LINE) / 2, LABEL_LINE, "tag"), "</a>"]
    return "".join(parts)


def _edge(edge: PlacedEdge) -> str:
    path = "M" + "L".join(f"{_n(x)},{_n(y)}" for x, y in edge.points)
    answer = f' data-answer="{escape(edge.label)}"' if edge.label else ""
    parts = [f'<g class="edge" data-from="{escape(edge.source)}" data-to="{escape(edge.target)}"{answer}>',
             f'<path d="{path}" marker-end="url(#mbc-arrow)"/>']
    if edge.label_box:
        x, y, w, h = edge.label_box
        parts += [f'<rect class="answer-bg" x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" rx="3"/>',
                  _lines(edge.label_lines, x + w / 2, y + LABEL_PAD / 2, LABEL_LINE, "answer")]
    parts.append("</g>")
    return "".join(parts)


# Arrowheads in user units, so a thicker (highlighted) edge keeps the same head; the walk-through
# switches an edge to the second one in CSS.
ARROW = "<defs>" + "".join(f'<marker id="{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" markerHeight="9" '
                           f'markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0L10,5L0,10z"/></marker>'
                           for name in ("mbc-arrow", "mbc-arrow-on")) + "</defs>"


def render_svg(layout: Layout | None, title: str) -> Markup:
    """The flowchart as one line of inline SVG (one line keeps it a single raw-HTML block)."""
    if layout is None:
        return Markup("")
    w, h = _n(layout.width), _n(layout.height)
    body = ARROW + "".join(_edge(e) for e in layout.edges) + "".join(_node(n) for n in layout.nodes)
    return Markup(f'<svg class="mbc-flowchart" xmlns="http://www.w3.org/2000/svg" role="group" '
                  f'aria-label="Flowchart: {escape(title)}" width="{w}" height="{h}" viewBox="0 0 {w} {h}">{body}</svg>')


def legend() -> Markup:
    """The key to the node shapes, drawn with the same shapes as the diagram."""
    items = "".join(f'<li><svg class="mbc-legend-shape" width="34" height="20" viewBox="0 0 34 20" aria-hidden="true">'
                    f'<g class="node node-{kind}">{shape(kind, 1, 1, 32, 18)}</g></svg>{escape(text)}</li>'
                    for kind, text in LEGEND)
    return Markup(f'<ul class="mbc-legend" aria-label="Key to the flowchart">{items}</ul>')

