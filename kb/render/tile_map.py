"""A tile-grid map of Europe: one square per country, drawn as SVG at build time.

A tile grid shows every country at the same size, so small states with many
practices stay visible, and it needs no geometry download. The layout is a
schematic of Europe's geography (column, row), not a source of facts.
"""

from __future__ import annotations

from dataclasses import dataclass

from kb.content.speech import Speech
from kb.render.templating import render

TILE = 44
GAP = 4
EUROPE_TILES: dict[str, tuple[int, int]] = {
    "IS": (0, 0),
    "NO": (4, 0),
    "SE": (5, 0),
    "FI": (6, 0),
    "IE": (1, 1),
    "GB": (2, 1),
    "DK": (4, 1),
    "EE": (7, 1),
    "NL": (3, 2),
    "DE": (4, 2),
    "PL": (5, 2),
    "LT": (6, 2),
    "LV": (7, 2),
    "FR": (2, 3),
    "BE": (3, 3),
    "LU": (4, 3),
    "CZ": (5, 3),
    "SK": (6, 3),
    "BY": (7, 3),
    "PT": (1, 4),
    "ES": (2, 4),
    "CH": (3, 4),
    "AT": (4, 4),
    "HU": (5, 4),
    "UA": (6, 4),
    "MD": (7, 4),
    "AD": (2, 5),
    "LI": (3, 5),
    "IT": (4, 5),
    "SI": (5, 5),
    "HR": (6, 5),
    "RO": (7, 5),
    "MC": (3, 6),
    "SM": (4, 6),
    "BA": (5, 6),
    "RS": (6, 6),
    "BG": (7, 6),
    "MT": (4, 7),
    "ME": (5, 7),
    "AL": (6, 7),
    "MK": (7, 7),
    "TR": (8, 7),
    "GR": (6, 8),
    "CY": (8, 8),
}
SHADES = 4  # count classes, from lightest to darkest


@dataclass(frozen=True)
class TileView:
    """One country's square, placed, with its shade and its count (0: none yet, not linked)."""

    code: str
    title: str  # the country and its count in words: "Germany: 2 practices"
    x: int
    y: int
    middle: str  # the centre of the tile, where its code and count are written
    shade: int  # 0 for none, then 1 (fewest) to SHADES (most)
    count: int
    shown: str  # the count as the page's language writes numbers
    href: str | None


@dataclass(frozen=True)
class TileMapView:
    width: int
    height: int
    tile: int
    label: str  # what the map shows, for screen readers
    tiles: tuple[TileView, ...]


def tile_map_view(counts: dict[str, int], href_for: dict[str, str], say: Speech) -> TileMapView:
    columns = max(c for c, _ in EUROPE_TILES.values()) + 1
    rows = max(r for _, r in EUROPE_TILES.values()) + 1
    largest = max(counts.values(), default=0)
    tiles = []
    for code, (column, row) in sorted(EUROPE_TILES.items(), key=lambda item: (item[1][1], item[1][0])):
        x, y = column * (TILE + GAP), row * (TILE + GAP)
        count = counts.get(code, 0)
        shade = 0 if count == 0 else 1 + min(SHADES - 1, (count - 1) * SHADES // max(largest, 1))
        name = say.country(code)
        title = (
            say.t("map.tile", country=name, practices=say.count("count.practices", count))
            if count
            else say.t("map.tile_none", country=name)
        )
        href = href_for[code] if count else None
        middle = f"{x + TILE / 2:.0f}"
        tiles.append(TileView(code, title, x, y, middle, shade, count, say.number(count), href))
    return TileMapView(columns * (TILE + GAP), rows * (TILE + GAP), TILE, say.t("map.label"), tuple(tiles))


def tile_map(counts: dict[str, int], href_for: dict[str, str], say: Speech) -> str:
    """The SVG map of practices per country; countries with a count link to ``href_for[code]``."""
    return render("tile_map.html", map=tile_map_view(counts, href_for, say))


def countries_off_the_map(counts: dict[str, int], say: Speech) -> list[str]:
    """The countries with a count but no tile, by their names in ``say``'s language."""
    return sorted((code for code in counts if code not in EUROPE_TILES), key=lambda code: say.country(code).casefold())
