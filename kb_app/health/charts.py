"""Trend charts with matplotlib: one drawing for the HTML report (SVG) and the app (Qt).

matplotlib is the well-kept plotting library that renders both to a file and inside Qt
(its QtAgg canvas works with PySide6), so the Health view and the report draw the same
figure from the same function. It is imported only when a chart is drawn: `kb search`
and the agent's window never pay for it.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

TOP_SERIES = 6  # the products or tags with the most events are drawn
PALETTE = ["#1b6ac9", "#c77d00", "#2e8540", "#b3261e", "#7b3fa0", "#00838f", "#757575"]
BENGALI_FONTS = ["Noto Sans Bengali", "Noto Sans", "DejaVu Sans"]


def weekly_figure(title: str, weeks: list[str], series: dict[str, list[int]]) -> Figure:
    """Lines of weekly counts, the biggest series first, readable on light and dark."""
    from matplotlib.figure import Figure

    figure = Figure(figsize=(9.0, 2.6), dpi=100)
    figure.patch.set_alpha(0)
    axes = figure.add_subplot()
    axes.set_facecolor("none")
    muted = "#808080"
    for n, (name, counts) in enumerate(_top(series)):
        axes.plot(range(len(weeks)), counts, marker="o", linewidth=2,
                  color=PALETTE[n % len(PALETTE)], label=_as_written(name))
    axes.set_title(title, color=muted, fontsize=10, loc="left", fontfamily=BENGALI_FONTS)
    labels = [w.split("-")[1] for w in weeks]
    labels[-1] += "\n(so far)"  # this week is not over: its dip is not a fall
    axes.set_xticks(range(len(weeks)), labels, color=muted, fontsize=8)
    axes.tick_params(colors=muted, labelsize=8)
    axes.set_ylim(bottom=0)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        axes.spines[side].set_color(muted)
    if series:
        legend = axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
                             prop={"family": BENGALI_FONTS, "size": 8})
        for text in legend.get_texts():
            text.set_color(muted)
    figure.tight_layout()
    return figure


def _as_written(name: str) -> str:
    """A tag or product as its legend label: matplotlib reads the text between two `$` as
    a formula ("price $100 # $200" was a ParseException, the whole report lost) and hides
    a label that starts with `_`."""
    name = name.replace("$", r"\$")
    return "\u200b" + name if name.startswith("_") else name


def _top(series: dict[str, list[int]]) -> list[tuple[str, list[int]]]:
    """The biggest series only: a sum of the rest would dwarf them and say nothing."""
    return sorted(series.items(), key=lambda kv: (-sum(kv[1]), kv[0]))[:TOP_SERIES]


def svg(figure: Figure) -> str:
    """The figure as SVG text to put in a page (fonts as paths: it looks the same
    everywhere, Bengali included)."""
    out = io.StringIO()
    figure.savefig(out, format="svg", transparent=True, metadata={"Date": None})
    text = out.getvalue()
    return text[text.index("<svg"):]
