"""What a pathway page shows: the laid-out flowchart, its key and the text outline."""

from markupsafe import Markup

from .diagram import legend, render_svg
from .layout import layout_graphs
from .pathway_graph import flow_graph
from .pathway_view import flatten, outline


def pathway_context(pathway, all_pathways: list) -> dict:
    """Template context of one pathway page.

    All pathways are laid out together: on a cold cache that is one start of the layout
    engine per build instead of one per page; afterwards every page reads the cache.
    """
    graphs = {p.id: flow_graph(p) for p in all_pathways}
    drawn = [pid for pid, graph in graphs.items() if graph is not None]
    layouts = dict(zip(drawn, layout_graphs([graphs[pid] for pid in drawn])))
    tree = outline(pathway)
    return {
        # Four spaces per level nest the Markdown list; Markup keeps them from being escaped.
        "outline": [(Markup("    " * depth), item) for depth, item in flatten(tree)],
        "diagram": render_svg(layouts.get(pathway.id), pathway.title),
        "legend": legend(),
    }
