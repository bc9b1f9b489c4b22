"""The plots drawn with matplotlib (mbc.plots decides when: only on a cache miss)."""

import io
import math

from matplotlib import rc_context
from matplotlib.figure import Figure  # without pyplot: no global figure state, no display backend
from matplotlib.ticker import FixedLocator, NullLocator

from .plots import Estimate

STYLE = {"svg.fonttype": "none", "svg.hashsalt": "mbc-evidence", "font.size": 9, "font.family": "DejaVu Sans",
         "axes.spines.top": False, "axes.spines.right": False}
INK, MUTED, PFS_COLOUR, OS_COLOUR = "#1f1f1f", "#6b6b6b", "#3f51b5", "#c2185b"
TICKS = [0.1, 0.2, 0.25, 0.5, 0.75, 1, 1.5, 2, 3]


def _limits(estimates: list[Estimate]) -> tuple[float, float]:
    values = [v for e in estimates for v in (e.value, e.low, e.high) if v is not None] + [1.0]
    return min(values) / 1.3, max(values) * 1.3


def _log_axis(axis, low: float, high: float, along: str = "x") -> None:
    """A log-scale hazard-ratio axis (x or y) with plain ticks and the line of no effect at 1."""
    getattr(axis, f"set_{along}scale")("log")
    getattr(axis, f"set_{along}lim")(low, high)
    ticks = [t for t in TICKS if low <= t <= high]
    getattr(axis, f"{along}axis").set_major_locator(FixedLocator(ticks))
    getattr(axis, f"{along}axis").set_minor_locator(NullLocator())
    getattr(axis, f"set_{along}ticklabels")([f"{t:g}" for t in ticks])
    (axis.axvline if along == "x" else axis.axhline)(1.0, color=MUTED, linewidth=0.8, linestyle="--")


def _svg(figure) -> str:
    # Margins are set by hand rather than with bbox_inches="tight", which draws every figure twice.
    out = io.StringIO()
    figure.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


def forest(rows: list[str], panels: dict[str, list[Estimate | None]]) -> str:
    """A forest plot: one row per option and trial, one panel per endpoint (PFS, OS), hazard ratios
    with their 95% CI on a log scale, the line of no effect at 1 and n beside each row."""
    estimates = [e for column in panels.values() for e in column if e is not None]
    low, high = _limits(estimates)
    height = 0.45 * len(rows) + 1.3
    with rc_context(STYLE):
        figure = Figure(figsize=(9, height))
        axes = figure.subplots(1, len(panels), sharey=True)
        axes = list(axes) if len(panels) > 1 else [axes]
        # Room on the left for the longest row label (about 0.07 inch a character at 9 points).
        left = min(0.6, (0.07 * max(len(row) for row in rows) + 0.25) / 9)
        figure.subplots_adjust(left=left, right=0.98, bottom=0.85 / height, top=1 - 0.35 / height, wspace=0.12)
        for axis, (endpoint, column) in zip(axes, panels.items()):
            colour = PFS_COLOUR if endpoint == "PFS" else OS_COLOUR
            _log_axis(axis, low, high)
            for y, estimate in enumerate(column):
                if estimate is None:
                    axis.text(1.0, y, "  not reported", va="center", ha="left", color=MUTED, fontsize=8)
                    continue
                if estimate.low is not None:
                    axis.plot([estimate.low, estimate.high], [y, y], color=colour, linewidth=1.6)
                axis.plot([estimate.value], [y], marker="s", markersize=6, color=colour)
                if estimate.n:
                    axis.text(high, y, f"n={estimate.n}", va="center", ha="right", color=MUTED, fontsize=8)
            axis.set_title(f"{endpoint}: hazard ratio (95% CI)", fontsize=9, color=INK)
            axis.set_xlabel(f"favours option  \u2190  1  \u2192  favours comparator", fontsize=8, color=MUTED)
        axes[0].set_yticks(range(len(rows)))
        axes[0].set_yticklabels(rows)
        axes[0].set_ylim(len(rows) - 0.5, -0.5)
        return _svg(figure)


def history(points: list[Estimate], title: str) -> str:
    """A trial's hazard ratios by publication date: PFS and OS, superseded analyses hollow and labelled."""
    low, high = _limits(points)
    with rc_context(STYLE):
        figure = Figure(figsize=(6, 2.6))
        axis = figure.subplots()
        figure.subplots_adjust(left=0.11, right=0.98, bottom=0.17, top=0.89)
        _log_axis(axis, low, high, along="y")
        for point in points:
            colour = PFS_COLOUR if point.label.startswith("PFS") else OS_COLOUR
            if point.low is not None:
                axis.plot([point.when, point.when], [point.low, point.high], color=colour, linewidth=1.4,
                          alpha=0.5 if point.superseded else 1)
            axis.plot([point.when], [point.value], marker="o", markersize=7, color=colour,
                      markerfacecolor="white" if point.superseded else colour)
            axis.annotate(point.label + (" (superseded)" if point.superseded else ""), (point.when, point.value),
                          xytext=(6, 0), textcoords="offset points", va="center", fontsize=7, color=INK)
        years = [p.when for p in points]
        first, last = math.floor(min(years)), math.ceil(max(years) + 0.01)
        axis.set_xlim(first - 0.3, last + 1.2)
        axis.xaxis.set_major_locator(FixedLocator(list(range(first, last + 1))))
        axis.set_xticklabels([str(y) for y in range(first, last + 1)])
        axis.set_ylabel("Hazard ratio (log scale)", fontsize=8)
        axis.set_xlabel("Publication date", fontsize=8)
        axis.set_title(title, fontsize=9, color=INK, loc="left")
        return _svg(figure)
