"""Small helpers for writing Markdown that links between pages."""

from __future__ import annotations

import html
import posixpath
import re

from kb.codes import country_flag, country_name

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!])")


def text(value: object) -> str:
    """Contributor text made inert: shown as written, never read as markup."""
    escaped = html.escape(str(value), quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escaped).replace("\n", " ")


def html_text(value: object) -> str:
    """Contributor text for raw HTML, where Markdown escapes would show literally."""
    return html.escape(str(value))


def relative(from_src: str, to_src: str) -> str:
    """A link from one page's source file to another's, as the site engine resolves it."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def link(label: str, from_src: str, to_src: str) -> str:
    return f"[{text(label)}]({relative(from_src, to_src)})"


def country_src(code: str) -> str:
    return f"countries/{code.lower()}.md"


def country_label(code: str) -> str:
    flag = country_flag(code)
    # The flag is decorative; screen readers get the name once, not "flag: Germany, Germany".
    return f'<span aria-hidden="true">{flag}</span> {text(country_name(code))}' if flag else text(country_name(code))


def country_link(code: str, from_src: str) -> str:
    flag = country_flag(code)
    name_link = f"[{text(country_name(code))}]({relative(from_src, country_src(code))})"
    return f'<span aria-hidden="true">{flag}</span> {name_link}' if flag else name_link


def definition(term: str, value: str) -> str:
    return f"{term}\n:   {value}\n"


def heading(level: int, title: str) -> str:
    return f"{'#' * level} {text(title)}\n"
