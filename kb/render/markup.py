"""Small helpers for writing Markdown that links between pages.

Contributor text goes through ``text`` (Markdown) or ``html_text`` (an HTML
block or attribute) so that it is shown as written, never read as markup.
"""

from __future__ import annotations

import html
import posixpath
import re
import string
from urllib.parse import quote

from kb.core.urls import COUNTRY_FOLDER

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!])")
# Characters a URL may hold as they are (RFC 3986 reserved and unreserved, and
# '%' for escapes already made); anything else is percent-encoded.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%-._~"
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def text(value: object) -> str:
    """Contributor text made inert: shown as written, never read as markup."""
    escaped = html.escape(str(value), quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escaped).replace("\n", " ")


def fill_markdown(sentence: str, **values: str) -> str:
    """A translated sentence for a Markdown page: its words shown as written (``text``), and each
    ``{name}`` replaced by Markdown made here (a link, an emphasis), so each language orders them."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(sentence):
        parts.append(text(literal) if literal else "")
        if name:
            parts.append(values[name] if name in values else text("{" + name + "}"))
    return "".join(parts)


def html_text(value: object) -> str:
    """Contributor text for inside an HTML block or attribute, where Markdown is not read.

    ``text`` backslash-escapes Markdown characters, which an HTML block would
    then show as written (``co\\_operation``); here only HTML is escaped.
    """
    return html.escape(str(value), quote=True).replace("\n", " ")


def front_matter_title(title: str) -> str:
    """A page title as a quoted YAML value for the front matter.

    Material writes page.meta.title into <title> as it stands, so it is escaped as HTML, then as YAML.
    """
    escaped = html_text(title).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def url(value: str) -> str:
    """A web address made safe to put between < and > in Markdown: nothing in it can end the link."""
    return quote(value, safe=_URL_SAFE)


def autolink(value: str) -> str:
    """A web address or e-mail address shown as a link to itself; anything else shown as text."""
    if _EMAIL.match(value):
        return f"<{value}>"
    if re.match(r"^https?://", value):
        return f"<{url(value)}>"
    return text(value)


def relative(from_src: str, to_src: str) -> str:
    """A link from one page's source file to another's, as the site engine resolves it."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def country_src(code: str) -> str:
    return f"{COUNTRY_FOLDER}/{code.lower()}.md"


def heading(level: int, title: str) -> str:
    return f"{'#' * level} {text(title)}\n"
