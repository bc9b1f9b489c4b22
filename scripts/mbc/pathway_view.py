"""A pathway as a nested outline: the text version of the flowchart, read by search and screen readers."""

from dataclasses import dataclass, field

from markupsafe import Markup

from .text import plain


@dataclass
class OutlineItem:
    node: object
    branch: str | None  # the answer that led here, if any
    repeat: bool  # already shown above: the outline points to it instead of repeating it
    children: list["OutlineItem"] = field(default_factory=list)

    # Node types differ in their fields; the page shows whichever a node has.
    @property
    def drugs(self) -> list[str]:
        return getattr(self.node, "drugs", [])

    @property
    def trials(self) -> list[str]:
        return getattr(self.node, "trials", [])

    @property
    def subtypes(self) -> list[str]:
        return getattr(self.node, "subtypes", [])

    @property
    def settings(self) -> list[str]:
        return getattr(self.node, "settings", [])

    @property
    def grade(self) -> str | None:
        return getattr(self.node, "grade", None)

    @property
    def pathway(self) -> str | None:
        return getattr(self.node, "pathway", None)


def outline(pathway) -> OutlineItem | None:
    """The tree under the entry node; a node reached twice is shown once, then referenced."""
    nodes = {node.id: node for node in pathway.nodes}
    entry = next((node for node in pathway.nodes if node.type == "entry"), None)
    if entry is None:
        return None
    shown: set[str] = set()

    def build(node, branch):
        item = OutlineItem(node, branch, node.id in shown)
        if item.repeat:
            return item
        shown.add(node.id)
        if node.type == "question":
            item.children = [build(nodes[b.to], b.label) for b in node.branches]
        elif getattr(node, "next", None):
            item.children = [build(nodes[node.next], None)]
        return item

    return build(entry, None)


def flatten(item: OutlineItem | None, depth: int = 0) -> list[tuple[int, OutlineItem]]:
    """Depth-first (depth, item) pairs, so the template can indent without recursion logic."""
    if item is None:
        return []
    rows = [(depth, item)]
    for child in item.children:
        rows += flatten(child, depth + 1)
    return rows


def outline_line(depth: int, item: OutlineItem, page) -> Markup:
    """One line of the outline as a nested Markdown list item (four spaces per level)."""
    node = item.node
    parts = [Markup(f"<strong>{plain(item.branch)}:</strong> ") if item.branch else Markup("")]
    if item.repeat:
        parts.append(Markup(f"see [{plain(node.id)}](#node-{plain(node.id)}) above"))
    else:
        parts.append(Markup(f'<span id="node-{plain(node.id)}" class="mbc-node mbc-node-{plain(node.type)}">{plain(node.type)}</span> '))
        parts.append(page.md(node.text, inline=True))
        if node.cites:
            parts.append(Markup(" ") + page.cite(node.cites))
        if item.grade:
            parts.append(Markup(f' <span class="mbc-badge mbc-grade">Grade {plain(item.grade)}</span>'))
        for label, kind, ids in (("Drugs", "drugs", item.drugs), ("Trials", "trials", item.trials), ("Subtypes", "subtypes", item.subtypes),
                                 ("Options by setting", "settings", item.settings)):
            if ids:
                parts.append(Markup(f" {label}: ") + page.ids(kind, ids) + Markup("."))
        if item.pathway:
            parts.append(Markup(" Continue in ") + page.ids("pathways", [item.pathway]) + Markup("."))
    return Markup("    " * depth + "- ") + Markup("").join(parts)
