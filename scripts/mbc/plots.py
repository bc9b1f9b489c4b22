"""Plots drawn at build time as SVG with matplotlib: the forest plot of a setting's options and a
trial's hazard ratios over time.

Every SVG is reproducible byte for byte (no date in the metadata, a fixed salt for the ids
matplotlib derives) and keeps its text as text (svg.fonttype 'none'), so it stays searchable,
readable by screen readers and small. Pages carry the same numbers in a table beside each plot.
Drawing is most of the time a build spends on pages, so each SVG is kept in the content-hash
cache under a key made of everything it is drawn from.
"""

from dataclasses import dataclass

from .cache import CODE_ROOT, cached


@dataclass(frozen=True)
class Estimate:
    """One hazard ratio as plotted: a row of a forest plot or a point of a trial's history."""

    label: str
    value: float
    low: float | None
    high: float | None
    n: int | None = None
    when: float = 0.0  # publication date as a year fraction (trial histories only)
    superseded: bool = False


def forest_svg(rows: list[str], panels: dict[str, list[Estimate | None]]) -> str:
    # repr of strings, floats and frozen dataclasses is exact and stable: a key of the inputs.
    return cached(CODE_ROOT, ("forest-svg",), repr((rows, panels)).encode(), lambda: _drawing().forest(rows, panels))


def history_svg(points: list[Estimate], title: str) -> str:
    return cached(CODE_ROOT, ("history-svg",), repr((points, title)).encode(), lambda: _drawing().history(points, title))


def _drawing():
    """matplotlib takes a second to import, and a build whose plots are all cached never needs it."""
    from . import plot_drawing

    return plot_drawing
