"""What a pathway page shows of its flowchart: the laid-out diagram and its key."""

from .diagram import legend, render_svg
from .layout import layout_graphs
from .pathway_graph import flow_graph


def flowchart(pathway, all_pathways: list) -> dict:
    """The flowchart of one pathway page, for its template.

    All pathways are laid out together: on a cold cache that is one start of the layout
    engine per build instead of one per page; afterwards every page reads the cache.
    """
    graphs = {p.id: flow_graph(p) for p in all_pathways}
    drawn = [pid for pid, graph in graphs.items() if graph is not None]
    layouts = dict(zip(drawn, layout_graphs([graphs[pid] for pid in drawn])))
    return {"diagram": render_svg(layouts.get(pathway.id), pathway.title), "legend": legend()}
