"""Accessible SVG charts, drawn at build time: no chart library, no CDN.

Each chart is a figure holding an SVG (role="img", with a title and a
description that states the figures) and the same figures as a table, so
the numbers are readable without seeing the bars. The coordinates are
computed here (``BarChartView``); templates/bar_chart.html writes the markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.content.speech import Speech
from kb.render.templating import render

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 230
BAR_AREA = 330
COUNT_WIDTH = 40


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    href: str | None = None


@dataclass(frozen=True)
class BarView:
    """One bar with its label and count, placed: where its row starts, how long it is."""

    bar: Bar
    y: int  # the top of the bar
    text_y: str  # the baseline of its label and count
    length: int  # the bar as drawn: at least 1 when the count is not 0
    value_x: int  # where the count is written, after the bar
    value: str  # the count as the page's language writes numbers


@dataclass(frozen=True)
class BarChartView:
    chart_id: str
    title: str
    description: str  # the figures in words, for the SVG's description
    width: int
    height: int
    label_x: int  # the labels end here, right-aligned
    bar_x: int  # the bars start here
    bar_height: int
    bars: tuple[BarView, ...]
    column: str  # the data table's heading for the labels
    unit: str  # the data table's heading for the counts
    table_summary: str  # what opens the data table


def bar_chart_view(chart_id: str, title: str, bars: list[Bar], say: Speech, *, column: str, unit: str) -> BarChartView:
    """The chart's bars placed, with every word in ``say``'s language: ``column`` and ``unit`` head the table."""
    largest = max((bar.value for bar in bars), default=0) or 1
    placed = []
    for index, bar in enumerate(bars):
        y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        length = round(BAR_AREA * bar.value / largest)
        placed.append(
            BarView(
                bar,
                y=y,
                text_y=f"{y + BAR_HEIGHT * 0.7:.0f}",
                length=max(length, 1) if bar.value else 0,
                value_x=LABEL_WIDTH + length + 6,
                value=say.number(bar.value),
            )
        )
    return BarChartView(
        chart_id=chart_id,
        title=title,
        description="; ".join(say.t("chart.figure", label=bar.label, count=say.number(bar.value)) for bar in bars)
        or say.t("chart.no_data"),
        width=LABEL_WIDTH + BAR_AREA + COUNT_WIDTH,
        height=len(bars) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP,
        label_x=LABEL_WIDTH - 8,
        bar_x=LABEL_WIDTH,
        bar_height=BAR_HEIGHT,
        bars=tuple(placed),
        column=column,
        unit=unit,
        table_summary=say.t("chart.as_table", title=title),
    )


def bar_chart(chart_id: str, title: str, bars: list[Bar], say: Speech, *, column: str, unit: str) -> str:
    """A horizontal bar chart with a data table, as an HTML fragment."""
    return render("bar_chart.html", chart=bar_chart_view(chart_id, title, bars, say, column=column, unit=unit))
