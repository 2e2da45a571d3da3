"""Source markers on the page: each ``[1]`` a superscript link to its item in the numbered source list.

Which bracketed numbers are markers is decided by the scanner the validator
uses too (kb.content.source_markers).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kb.content.source_markers import find_markers
from kb.core.markdown import html_inline
from kb.render.templating import render

MARKER_CLASS = "kb-ref"
SOURCE_ANCHOR_PREFIX = "source-"

# Spaces between a word or closing punctuation and a marker, which the page leaves out.
_GAP = re.compile(r"(?<=[\w.,;:!?)\u2019\u201d\"'])[ \t]+$")
# What may start a line before its text: the marks of a list item or a quotation.
_BLOCK_LEAD = re.compile(r"[ \t]*(?:(?:[-*+]|\d{1,9}[.)]|>)[ \t]*)*")


def source_anchor(number: int) -> str:
    """The id of the source list item that markers citing source ``number`` (from 1) link to."""
    return f"{SOURCE_ANCHOR_PREFIX}{number}"


def link_markers(text: str, source_titles: Sequence[str]) -> str:
    """The Markdown text with each marker made a superscript link to its source's item in the list.

    ``source_titles`` are the entry's sources in order; a marker naming a
    source that is not there stays as written (the validator refuses it).
    """
    markers = [m for m in find_markers(text) if m.is_marker and all(1 <= n <= len(source_titles) for n in m.numbers)]
    if not markers:
        return text
    parts: list[str] = []
    position = 0
    for marker in markers:
        parts += [_without_gap(text, position, marker.start), html_inline(marker_html(marker.numbers, source_titles))]
        position = marker.end
    parts.append(text[position:])
    return "".join(parts)


def _without_gap(text: str, start: int, end: int) -> str:
    """``text[start:end]`` without the spaces that end it, when they part a marker from the word it follows.

    A marker is set against the word or punctuation it follows, as in print
    ("a fact[1]."), unless all before it on its line is a list or quote
    marker, which needs its space ("- [1]", "1. [1]").
    """
    before = text[start:end]
    gap = _GAP.search(before)
    if gap is None:
        return before
    line_start = text.rfind("\n", 0, end) + 1
    if _BLOCK_LEAD.fullmatch(text[line_start : end - len(gap.group(0))]):
        return before
    return before[: gap.start()]


def _tooltip(title: str) -> str:
    """A source's title for a marker's tooltip, on one line and without angle brackets.

    The theme's tooltips read a link's title as HTML, so the build refuses a
    title holding '<' (SECURITY.md); the whole title stays in the source list.
    """
    return title.replace("<", "").replace(">", "").replace("\n", " ")


@dataclass(frozen=True)
class MarkerSource:
    number: int
    anchor: str
    tooltip: str


def marker_html(numbers: Sequence[int], source_titles: Sequence[str]) -> str:
    """One marker as inline HTML. The brackets are character references so Markdown never reads them as a link."""
    sources = [MarkerSource(n, source_anchor(n), _tooltip(source_titles[n - 1])) for n in numbers]
    return render("source_marker.html", css=MARKER_CLASS, sources=sources)
