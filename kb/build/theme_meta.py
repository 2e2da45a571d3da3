"""What the theme is handed from a page, and the check that nothing else of it leaked.

MkDocs passes a page's whole front matter to the theme as ``page.meta``, and
Material writes some of it into the page as it stands. An entry's page hands
the theme its title and summary (``template_meta``), a hand-written page the
fields of schema/page.schema.json (``theme_meta``), each HTML-escaped; every
finished page is then searched for contributor text that came through
unescaped (``leaked_text``).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from typing import Any


def theme_meta(meta: Mapping[str, Any], fields: Iterable[str]) -> dict[str, str]:
    """What a hand-written page hands the theme: the schema's fields, HTML-escaped, and nothing else.

    Material writes these into the page and every navigation as they stand,
    so they are escaped here as an entry's title and summary are
    (``template_meta``); any other key MkDocs read is dropped.
    """
    return {name: html.escape(meta[name], quote=True) for name in fields if isinstance(meta.get(name), str)}


def template_meta(title: str, summary: str) -> dict[str, str]:
    """The only page metadata an entry hands the theme, escaped for where the theme puts it.

    MkDocs passes the whole front matter to the theme as ``page.meta``, and
    Material writes some of it into the page as it stands: ``meta.title`` into
    <title> and the header, ``meta.description`` into an attribute, others
    (``template``, ``hide``, ``subtitle``, ``status``) steer the page. So an
    entry's page gets these two values, HTML-escaped, and nothing else.
    """
    return {"title": html.escape(title), "description": html.escape(summary, quote=True)}


def leaked_text(page: str, values: Sequence[str]) -> list[str]:
    """Contributor values holding '<' or '>' that appear unescaped in a finished page.

    Every value is written escaped, so finding one as written means some part
    of the page (a theme template, most likely) let markup through.
    """
    return [value for value in values if ("<" in value or ">" in value) and value in page]
