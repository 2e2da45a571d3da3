"""Ids from titles: ASCII, lowercase words joined by hyphens, unique.

An entry's id is its file name and URL, so it is written with the fewest
characters that survive everywhere: a-z, 0-9 and single hyphens.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

MAX_ID_LENGTH = 80  # as entryId in schema/common.schema.json

# Letters that Unicode decomposition does not turn into ASCII; accents are
# removed by decomposition (ä -> a, é -> e, ł is here).
TRANSLITERATIONS = {
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ł": "l",
    "\N{LATIN SMALL LETTER DOTLESS I}": "i",
    "ŋ": "n",
    "ħ": "h",
    "&": " and ",
}


def slugify(text: str, fallback: str = "entry", max_length: int = MAX_ID_LENGTH) -> str:
    """An id for ``text``: '180° Wende' -> '180-wende', 'Straße & Søn' -> 'strasse-and-son'."""
    lowered = unicodedata.normalize("NFKC", text).casefold()
    replaced = "".join(TRANSLITERATIONS.get(c, c) for c in lowered)
    ascii_text = unicodedata.normalize("NFKD", replaced).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:max_length]
    return slug.strip("-") or fallback


def id_key(entry_id: str) -> str:
    """What two ids must not share (the validator's KB012 compares the same way)."""
    return unicodedata.normalize("NFKC", entry_id).casefold()


def unique_id(text: str, taken: Collection[str], fallback: str = "entry") -> str:
    """``slugify(text)``, with -2, -3, ... added when that id is taken."""
    keys = {id_key(t) for t in taken}
    base = slugify(text, fallback)
    candidate, number = base, 2
    while id_key(candidate) in keys:
        suffix = f"-{number}"
        candidate = base[: MAX_ID_LENGTH - len(suffix)].rstrip("-") + suffix
        number += 1
    return candidate
