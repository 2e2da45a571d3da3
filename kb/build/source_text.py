"""The words of an entry's text, read from its Markdown as written: the nothing-lost check's oracle.

The site publishes an entry's text through ``kb.core.markdown.visible_body``
(which removes editors' notes and drops empty sections) and Python-Markdown.
A check that read the expected text through the same function shared its
bugs: an unclosed code fence dropped the last section from the page and from
the expectation alike, and a ``<!--`` and a ``-->`` in two code spans deleted
the text between them from both, so the check passed.

Here the words a reader must find are read from the source by another
parser, markdown-it-py (CommonMark), which knows code spans, fences and
comments by its own rules. The page must show them in order
(``first_missing``), with at most a few words of its own between two of
them. What neither parser shows is left out on purpose, by rules of this
module: HTML comments, link destinations and reference definitions, image
texts, the words of an admonition's type, and level-2 headings with nothing
under them (shown as "not yet documented" instead).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

# Words a page may hold between two words of the text: a list number Python-Markdown
# shows where CommonMark reads a list, say. A lost sentence is longer than this.
SLACK = 10
ANCHOR_WINDOW = 10  # of the text's first words, the one the page shows least anchors the search

_WORD = re.compile(r"[^\W_]+")
# Python-Markdown's admonition line (markdown.extensions.admonition), at any indentation.
_ADMONITION = re.compile(r"^(?P<indent>[ ]*)!!! ?(?P<classes>[\w\-]+(?: +[\w\-]+)*)(?: +\"(?P<title>.*?)\")? *$")
# Python-Markdown reads a reference definition on any line of a block, and a title on the next;
# CommonMark only at a paragraph's start. Neither shows it: such lines are left out.
_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\[\]]*\]:")
_TITLE_LINE = re.compile(r"""^[ ]*(?:"[^"]*"|'[^']*'|\([^()]*\))[ ]*$""")
_TOC_MARKER = "[TOC]"
_SPACED = {"code_inline", "em_open", "em_close", "strong_open", "strong_close", "link_open", "link_close", "image"}
_BREAKS = {"softbreak", "hardbreak"}

_parser = MarkdownIt("commonmark").enable("table")


def source_words(markdown: str) -> list[str]:
    """The words of Markdown text a reader sees, casefolded, in order."""
    words: list[str] = []
    pending: list[str] | None = None  # a level-2 heading's words, shown once something follows it
    in_heading = False
    text = _prepared(markdown)
    lines = text.split("\n")
    for token in _parser.parse(text):
        if in_heading:
            in_heading = token.type != "heading_close"
            if token.type == "inline" and pending is not None:
                pending += words_in(_inline_text(token))
            continue
        if token.type == "html_block":
            continue  # a note for editors (raw HTML is refused): nothing a reader sees
        if token.type == "heading_open" and token.tag == "h2":
            pending, in_heading = [], True  # a heading before it had nothing under it: not shown
            continue
        if pending is not None:
            words += pending
            pending = None
        if token.type == "inline":
            words += words_in(_inline_text(token))
        elif token.type == "fence" and not _closed(token, lines):
            # CommonMark runs a fence never closed to the end; Python-Markdown reads it as text.
            words += source_words(token.content)
        elif token.type in ("fence", "code_block"):
            words += words_in(token.content)
    return words  # a heading still pending has nothing under it: not shown


def _closed(fence: Token, lines: list[str]) -> bool:
    assert fence.map is not None
    first, end = fence.map
    last = lines[end - 1].strip() if end - 1 > first else ""
    return bool(last) and set(last) == {fence.markup[0]} and len(last) >= len(fence.markup)


def words_in(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(text)]


def _inline_text(token: Token) -> str:
    """An inline token's visible text; where the page has a tag boundary, a space."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "text_special"):
            parts.append(child.content)
        elif child.type == "code_inline":
            parts.append(f" {child.content} ")
        elif child.type in _SPACED or child.type in _BREAKS:
            parts.append(" ")  # an image's text is an attribute, not shown
        # html_inline: a comment, removed before the page is rendered (raw HTML is refused)
    return "".join(parts)


def _prepared(markdown: str) -> str:
    """The text with Python-Markdown's own syntax made plain: admonitions, reference definitions, [TOC]."""
    lines: list[str] = []
    inside: list[int] = []  # the indentation of each admonition the line is in
    skip_title = False
    for line in markdown.expandtabs(4).split("\n"):
        indent = len(line) - len(line.lstrip(" "))
        while inside and line.strip() and indent < inside[-1] + 4:
            inside.pop()
        text = line.lstrip(" ") if inside else line  # an admonition's content, read as Markdown again
        if skip_title and _TITLE_LINE.match(line):
            skip_title = False
            continue
        skip_title = False
        admonition = _ADMONITION.match(line)
        if admonition:
            inside.append(indent)
            title = admonition["title"]
            if title is None:
                title = admonition["classes"].split(" ", 1)[0].capitalize()  # as Python-Markdown does
            lines += ["", title, ""]
        elif _DEFINITION.match(text) or text.strip() == _TOC_MARKER:
            skip_title = _DEFINITION.match(text) is not None
        else:
            lines.append(text)
    return "\n".join(lines)


def first_missing(expected: Sequence[str], shown: Sequence[str], slack: int = SLACK) -> int | None:
    """The index of the first expected word the page does not show in order, or None if it shows them all.

    The words must appear in order, with at most ``slack`` other words
    between two of them. The search starts from each place the page shows
    the rarest of the text's first few words, and walks back and forth from
    there; the index returned is from the start that got furthest.
    """
    if not expected:
        return None
    places: dict[str, list[int]] = defaultdict(list)
    for position, word in enumerate(shown):
        places[word].append(position)
    window = range(min(ANCHOR_WINDOW, len(expected)))
    absent = [index for index in window if expected[index] not in places]
    if absent:
        return absent[0]
    anchor = min(window, key=lambda index: len(places[expected[index]]))
    furthest = 0
    for start in places[expected[anchor]]:
        if not _shown_before(expected[:anchor], start, places, slack):
            continue
        index, after = anchor + 1, start + 1
        while index < len(expected):
            found = places.get(expected[index], [])
            at = bisect.bisect_left(found, after)
            if at == len(found) or found[at] > after + slack:
                break
            index, after = index + 1, found[at] + 1
        if index == len(expected):
            return None
        furthest = max(furthest, index)
    return furthest


def _shown_before(words: Sequence[str], before: int, places: dict[str, list[int]], slack: int) -> bool:
    """Whether the page shows ``words`` in order just before position ``before``."""
    for word in reversed(words):
        found = places.get(word, [])
        at = bisect.bisect_left(found, before) - 1
        if at < 0 or found[at] < before - 1 - slack:
            return False
        before = found[at]
    return True
