"""Accessible SVG charts, drawn at build time: no chart library, no CDN.

Each chart is a <figure> holding an SVG (role="img", with a title and a
description that states the figures) and the same figures as a table, so
the numbers are readable without seeing the bars.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

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


def bar_chart(chart_id: str, title: str, bars: list[Bar], unit: str = "practices") -> str:
    """A horizontal bar chart with a data table, as an HTML fragment."""
    largest = max((bar.value for bar in bars), default=0) or 1
    height = len(bars) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    width = LABEL_WIDTH + BAR_AREA + COUNT_WIDTH
    description = "; ".join(f"{bar.label}: {bar.value}" for bar in bars) or "no data"
    rows = []
    for index, bar in enumerate(bars):
        y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP)
        length = round(BAR_AREA * bar.value / largest)
        rows.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT * 0.7:.0f}" text-anchor="end" class="kb-chart__label">'
            f"{escape(bar.label)}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{max(length, 1) if bar.value else 0}" height="{BAR_HEIGHT}" '
            f'class="kb-chart__bar"></rect>'
            f'<text x="{LABEL_WIDTH + length + 6}" y="{y + BAR_HEIGHT * 0.7:.0f}" class="kb-chart__value">'
            f"{bar.value}</text>"
        )
    svg = (
        f'<svg class="kb-chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>{"".join(rows)}</svg>'
    )
    table_rows = "".join(f'<tr><th scope="row">{_cell(bar)}</th><td>{bar.value}</td></tr>' for bar in bars)
    table = (
        f'<details class="kb-chart__data"><summary>{escape(title)} as a table</summary>'
        f'<table><thead><tr><th scope="col">{escape(title.split(" per ")[-1].capitalize())}</th>'
        f'<th scope="col">{escape(unit.capitalize())}</th></tr></thead><tbody>{table_rows}</tbody></table></details>'
    )
    return f'<figure class="kb-figure" id="{chart_id}"><figcaption>{escape(title)}</figcaption>{svg}{table}</figure>'


def _cell(bar: Bar) -> str:
    return f'<a href="{escape(bar.href)}">{escape(bar.label)}</a>' if bar.href else escape(bar.label)
