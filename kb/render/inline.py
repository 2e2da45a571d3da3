"""Inline view models: a value on a page as a sequence of pieces (text, links, flags...).

A profile value such as "🇩🇪 Germany, 🇳🇱 Netherlands" or "Workshop (Event)"
is a tuple of ``Piece``; templates/macros.html (``inline``) writes it as HTML,
escaping every piece. Renderers build values from these small functions and
never write a tag themselves.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from kb.content.speech import Speech
from kb.core.codes import country_flag
from kb.core.urls import COUNTRY_FOLDER, page_link

PieceKind = Literal["text", "link", "flag", "missing", "span", "titled", "code", "em", "strong", "break"]


@dataclass(frozen=True)
class Piece:
    kind: PieceKind
    text: str = ""
    href: str | None = None  # a link's address
    title: str | None = None  # a titled span's tooltip
    css: str | None = None  # a link's or a span's class
    inner: Inline = ()  # what a strong, code, span or link piece holds besides its text


Inline = tuple[Piece, ...]

LINE_BREAK: Inline = (Piece("break"),)  # a new line in the same paragraph or list item


def not_documented(say: Speech) -> Inline:
    """The value of a field an entry leaves out, so the page says so instead of hiding the row."""
    return (Piece("missing", say.t("value.not_documented")),)


def fill(sentence: str, **values: Inline) -> Inline:
    """A translated sentence with its ``{name}`` placeholders replaced by pieces (a link, a date...).

    The words around the pieces come from the catalogue, so each language orders them its own way.
    """
    pieces: list[Piece] = []
    for literal, name, _, _ in string.Formatter().parse(sentence):
        if literal:
            pieces.append(Piece("text", literal))
        if name:
            pieces.extend(values[name] if name in values else (Piece("text", "{" + name + "}"),))
    return tuple(pieces)


def text(value: object) -> Inline:
    return (Piece("text", str(value)),) if str(value) else ()


def link(label: str, href: str, css: str | None = None) -> Inline:
    return (Piece("link", label, href=href, css=css),)


def page(label: str, from_src: str, to_src: str) -> Inline:
    """A link from one page's source to another's, as the site engine resolves it."""
    return link(label, page_link(from_src, to_src))


def span(css: str, inner: Inline) -> Inline:
    return (Piece("span", css=css, inner=inner),)


def titled(label: str, title: str) -> Inline:
    return (Piece("titled", label, title=title),)


def emphasis(value: str) -> Inline:
    return (Piece("em", value),)


def strong(inner: Inline) -> Inline:
    return (Piece("strong", inner=inner),)


def code(inner: Inline) -> Inline:
    return (Piece("code", inner=inner),)


def flagged(code_: str, name: Inline) -> Inline:
    """A country's flag (decorative: hidden from screen readers) and then its name."""
    flag = country_flag(code_)
    return ((Piece("flag", flag), Piece("text", " ")) if flag else ()) + name


def country_src(code_: str) -> str:
    return f"{COUNTRY_FOLDER}/{code_.lower()}.md"


def country(code_: str, say: Speech) -> Inline:
    return flagged(code_, text(say.country(code_)))


def countries(codes: Iterable[str], say: Speech) -> Inline:
    return join((country(code_, say) for code_ in codes), ", ")


def country_link(code_: str, from_src: str, say: Speech) -> Inline:
    return flagged(code_, page(say.country(code_), from_src, country_src(code_)))


def join(values: Iterable[Inline], separator: str) -> Inline:
    """The values one after another with ``separator`` (text) between them; empty values left out."""
    joined: list[Piece] = []
    for value in values:
        if not value:
            continue
        if joined:
            joined.append(Piece("text", separator))
        joined.extend(value)
    return tuple(joined)


def concat(*values: Inline) -> Inline:
    return tuple(piece for value in values for piece in value)
