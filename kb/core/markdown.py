"""The site's Markdown dialect, as both the checks and the pages read it.

Python-Markdown set up as every engine is given it (``markdown_renderer``), the
admonition types the theme styles, where fenced code and HTML comments are
(``find_fences``, ``comment_spans``), an entry's text as published
(``visible_body``, ``mask_comments``) and generated HTML blocks kept away
from the Markdown parser (``html_block``, ``HeldHtml``).
"""

from __future__ import annotations

import bisect
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import markdown

# The site's Markdown, in one place: the validator renders with it, and every engine
# is given it (kb.build.site_config), in this order.
MARKDOWN_EXTENSIONS = ("admonition", "attr_list", "def_list", "fenced_code", "tables", "toc")
MARKDOWN_CONFIG: dict[str, dict[str, Any]] = {"toc": {"permalink": True}, "tables": {"use_align_attribute": True}}
TOC_MARKER = "[TOC]"  # the toc extension replaces it with a list of the page's headings

# The admonition types Material for MkDocs styles (its documentation, "Supported types").
ADMONITION_TYPES = frozenset(
    {
        "note",
        "abstract",
        "summary",
        "tldr",
        "info",
        "todo",
        "tip",
        "hint",
        "important",
        "success",
        "check",
        "done",
        "question",
        "help",
        "faq",
        "warning",
        "caution",
        "attention",
        "failure",
        "fail",
        "missing",
        "danger",
        "error",
        "bug",
        "example",
        "quote",
        "cite",
    }
)


def markdown_renderer() -> markdown.Markdown:
    """Python-Markdown set up as the site's; reuse it with ``.reset()`` between texts."""
    return markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), extension_configs=MARKDOWN_CONFIG)


# A fence opens a code block: three or more backticks or tildes (after at most three
# spaces), and for backticks an info string without backticks (else it is inline code).
_FENCE = re.compile(r"^[ ]{0,3}(?P<fence>`{3,}(?=[^`]*$)|~{3,})")
_CLOSING_FENCE = re.compile(r"^[ ]{0,3}(?P<fence>`{3,}|~{3,})[ \t]*$")
_BACKTICKS = re.compile(r"(?<!\\)`+")
_BLANK_LINE = re.compile(r"\n[ \t]*(?=\n)")
COMMENT_START, COMMENT_END = "<!--", "-->"


@dataclass(frozen=True)
class Fences:
    """Where a text's fenced code blocks are, line by line."""

    code: list[bool]  # each line: inside a fenced block, its fences included
    unclosed: list[int]  # the index of each opening fence never closed


def find_fences(lines: list[str]) -> Fences:
    """The fenced code blocks of Markdown lines.

    A block closes at the next line of the same character, at least as long,
    and nothing else. An opening fence that is never closed opens nothing:
    Python-Markdown reads the lines after it as text, so they are text here
    too (the validator refuses the fence, KB430).
    """
    code = [False] * len(lines)
    unclosed: list[int] = []
    if not any("```" in line or "~~~" in line for line in lines):
        return Fences(code, unclosed)  # no line can open or close a fence: the common case, decided by one scan
    # The longest closing fence of each character from each line on, so that a fence
    # nothing closes is known at once, and finding a fence's end is linear overall.
    longest: dict[str, list[int]] = {char: [0] * (len(lines) + 1) for char in "`~"}
    for index in range(len(lines) - 1, -1, -1):
        closing = _CLOSING_FENCE.match(lines[index])
        for char, lengths in longest.items():
            here = len(closing["fence"]) if closing and closing["fence"][0] == char else 0
            lengths[index] = max(here, lengths[index + 1])
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if opening is None:
            index += 1
            continue
        fence = opening["fence"]
        if longest[fence[0]][index + 1] < len(fence):
            unclosed.append(index)
            index += 1
            continue
        end = index + 1
        while not ((closing := _CLOSING_FENCE.match(lines[end])) and _closes(closing["fence"], fence)):
            end += 1
        code[index : end + 1] = [True] * (end + 1 - index)
        index = end + 1
    return Fences(code, unclosed)


def _closes(closing: str, opening: str) -> bool:
    return closing[0] == opening[0] and len(closing) >= len(opening)


def comment_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each closed HTML comment in Markdown text that holds no fenced code.

    Read left to right as Markdown reads inline text: a code span (backticks
    to the next run of as many, within a paragraph) shows '<!--' and '-->'
    as code, so a comment can neither start in one nor be made of two.
    """
    if COMMENT_START not in text:
        return []
    runs = [(match.start(), match.end()) for match in _BACKTICKS.finditer(text)]
    closers = _closing_runs(text, runs)
    spans: list[tuple[int, int]] = []
    position, run = 0, 0
    opening = text.find(COMMENT_START)
    while opening != -1:
        while run < len(runs) and runs[run][0] < position:
            run += 1
        if run < len(runs) and runs[run][0] < opening:
            closer = closers[run]
            position = runs[run][1] if closer is None else runs[closer][1]  # a lone run is plain text
            run = run + 1 if closer is None else closer + 1
        else:
            end = text.find(COMMENT_END, opening + len(COMMENT_START))
            if end == -1:
                break  # not closed: it stays, and the validator refuses it (KB401)
            spans.append((opening, end + len(COMMENT_END)))
            position = end + len(COMMENT_END)
        if opening < position:
            opening = text.find(COMMENT_START, position)
    return spans


def code_span_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of each code span in Markdown text, read left to right in one pass.

    A run of backticks opens a span that the next run of the same length in
    the same paragraph closes; a run with no such closer is plain text. A
    regular expression that searches on from every run costs the square of
    the text when runs are many and unmatched (the worst-case bodies).
    """
    runs = [(match.start(), match.end()) for match in _BACKTICKS.finditer(text)]
    closers = _closing_runs(text, runs)
    spans: list[tuple[int, int]] = []
    run = 0
    while run < len(runs):
        closer = closers[run]
        if closer is None:
            run += 1
            continue
        spans.append((runs[run][0], runs[closer][1]))
        run = closer + 1
    return spans


def _closing_runs(text: str, runs: list[tuple[int, int]]) -> list[int | None]:
    """For each backtick run, the next run of the same length in the same paragraph, if any."""
    paragraph_ends = [match.start() for match in _BLANK_LINE.finditer(text)]
    closers: list[int | None] = [None] * len(runs)
    latest: dict[tuple[int, int], int] = {}
    for index in range(len(runs) - 1, -1, -1):
        start, end = runs[index]
        key = (end - start, bisect.bisect_left(paragraph_ends, start))
        closers[index] = latest.get(key)
        latest[key] = index
    return closers


def _sub_closed(pattern: re.Pattern[str], closer: str, replace: Callable[[re.Match[str]], str], text: str) -> str:
    """``pattern.sub`` over the text up to the last ``closer`` only.

    An opener with no closer after it would make the lazy pattern read on to
    the end from each one, the square of the text's length; past the last
    closer no opener can match, so that part is kept as it is.
    """
    end = text.rfind(closer)
    if end < 0:
        return text
    end += len(closer)
    return pattern.sub(replace, text[:end]) + text[end:]


def visible_body(body: str) -> str:
    """An entry's text as published: notes in HTML comments removed, and
    level-2 sections with nothing left under them dropped.

    New practices start with the recommended headings and a note under each;
    a heading the contributor leaves empty is then shown as not yet
    documented rather than as an empty section.
    """
    lines = body.split("\n")
    fences = find_fences(lines)
    kept = _outside_code(lines, fences, lambda text, spans: _cut(text, spans, ""))
    return "\n".join(_drop_empty_sections(kept.split("\n"), find_fences(kept.split("\n")).code))


def mask_comments(body: str) -> str:
    """The body with the comments ``visible_body`` removes blanked out, every other character in its place.

    The validator reads entry text through this, so that it judges what is
    published and still reports each problem at its line and column.
    """
    if COMMENT_START not in body:
        return body  # nothing to blank out: the common case, decided by one scan
    lines = body.split("\n")
    return _outside_code(lines, find_fences(lines), lambda text, spans: _cut(text, spans, " "))


def _outside_code(lines: list[str], fences: Fences, change: Callable[[str, list[tuple[int, int]]], str]) -> str:
    """The lines joined, each stretch outside fenced code changed where its comments are."""
    chunks: list[str] = []
    outside: list[str] = []
    for line, code in zip(lines, fences.code, strict=True):
        if code:
            if outside:
                text = "\n".join(outside)
                chunks.append(change(text, comment_spans(text)))
                outside = []
            chunks.append(line)
        else:
            outside.append(line)
    if outside:
        text = "\n".join(outside)
        chunks.append(change(text, comment_spans(text)))
    return "\n".join(chunks)


def _cut(text: str, spans: list[tuple[int, int]], blank: str) -> str:
    """The text without the spans; with ``blank`` a space, each character but line ends is blanked instead."""
    pieces: list[str] = []
    position = 0
    for start, end in spans:
        removed = text[start:end]
        pieces += [text[position:start], re.sub(r"[^\n]", blank, removed) if blank else ""]
        position = end
    pieces.append(text[position:])
    return "".join(pieces)


def _drop_empty_sections(lines: list[str], code: list[bool]) -> list[str]:
    kept: list[str] = []
    section: list[str] = []
    for line, in_code in [*zip(lines, code, strict=True), ("## ", False)]:  # a sentinel heading closes the last
        if not in_code and line.startswith("## "):
            if not section or any(text.strip() for text in section[1:]) or not section[0].startswith("## "):
                kept += section
            section = [line]
        else:
            section.append(line)
    return kept


# Generated HTML blocks, marked so a site engine can keep them away from its
# Markdown parser: Python-Markdown reads raw HTML with html.parser, which cost
# more than the Markdown itself on pages with a profile and long practice lists.
# The marks are private-use characters; pages are checked by the sanitiser after
# the blocks are put back, so a mark written into content could not smuggle markup.
_BLOCK_START = "\ue000kb-html\ue001"
_BLOCK_END = "\ue000/kb-html\ue001"
_BLOCK = re.compile(re.escape(_BLOCK_START) + "(.*?)" + re.escape(_BLOCK_END), re.DOTALL)


def html_block(markup: str) -> str:
    """Generated HTML as a block of its own in a Markdown page."""
    return f"\n{_BLOCK_START}{markup.strip()}{_BLOCK_END}\n\n" if markup.strip() else ""


# Generated HTML inside a line of text (a source marker), held out the same way. Raw
# inline HTML made an engine's Markdown about a fifth slower on a typical practice page
# (html.parser over the whole page, and more inline nodes), so it stands in the text as
# a word of letters and digits, which no Markdown syntax reads, until it is put back.
_INLINE_START = "\ue000kb-inline\ue001"
_INLINE_END = "\ue000/kb-inline\ue001"
_INLINE = re.compile(re.escape(_INLINE_START) + "(.*?)" + re.escape(_INLINE_END), re.DOTALL)


def html_inline(markup: str) -> str:
    """Generated HTML within a line of a Markdown page."""
    return f"{_INLINE_START}{markup}{_INLINE_END}"


class HeldHtml:
    """A Markdown page with its generated HTML held out, and put back after rendering."""

    def __init__(self, markdown: str) -> None:
        # A fresh token per page: text in the page cannot know it, so it cannot pose as a block.
        self._token = "kbheld" + secrets.token_hex(8)
        self.blocks: list[str] = []
        self.inlines: list[str] = []
        held = _sub_closed(_BLOCK, _BLOCK_END, self._hold, markdown)
        self.markdown = _sub_closed(_INLINE, _INLINE_END, self._hold_inline, held)

    def _hold(self, match: re.Match[str]) -> str:
        self.blocks.append(match[1])
        # An empty HTML element: Markdown sets raw HTML blocks aside before reading
        # the rest, so a list or definition around it can never take it in (a
        # paragraph in its place became a definition list's term).
        return f"\n\n{self.placeholder(len(self.blocks) - 1)}\n\n"

    def _hold_inline(self, match: re.Match[str]) -> str:
        self.inlines.append(match[1])
        return self.inline_placeholder(len(self.inlines) - 1)

    def placeholder(self, index: int) -> str:
        """What stands in the Markdown for block ``index`` until ``fill`` puts it back."""
        return f'<div class="{self._token}x{index}"></div>'

    def inline_placeholder(self, index: int) -> str:
        """What stands in the Markdown's text for inline HTML ``index``: one word, letters and digits."""
        return inline_slot(self._token, index)

    def fill(self, rendered: str) -> str:
        """The rendered page with each block and inline piece in place of its placeholder."""
        placed: list[int] = []

        def put_back(match: re.Match[str]) -> str:
            placed.append(int(match[1]))
            return self.blocks[int(match[1])]

        filled = re.sub(rf'<div class="{self._token}x(\d+)"></div>', put_back, rendered)
        if sorted(placed) != list(range(len(self.blocks))):
            raise ValueError("generated HTML blocks were not all put back in place; please report this as a bug")
        filled = fill_inline_slots(filled, self._token, self.inlines)
        if self._token in filled:
            raise ValueError("generated HTML was not all put back in place; please report this as a bug")
        return filled


def inline_slot(token: str, index: int) -> str:
    """The word that stands for a page's inline HTML ``index`` (``token``: letters and digits)."""
    return f"{token}i{index}z"


def fill_inline_slots(html: str, token: str, pieces: list[str] | tuple[str, ...]) -> str:
    """The rendered HTML with each of the page's inline slots replaced by its piece.

    Each must stand once, in text: a slot the engine copied, dropped or wrote
    inside a tag (an attribute's value) raises ValueError, since the piece
    would then be lost, doubled or break the tag open.
    """
    placed: list[int] = []
    parts: list[str] = []
    copied = 0  # html[:copied] is in parts
    # Found with str.find: every page has its own token, and a pattern per page would be compiled per page.
    at = html.find(token) if pieces else -1
    while at != -1:
        slot = _SLOT_AFTER_TOKEN.match(html, at + len(token))
        if slot is None:
            at = html.find(token, at + 1)
            continue
        index = int(slot[1])
        if index >= len(pieces) or html.rfind("<", 0, at) > html.rfind(">", 0, at):
            raise ValueError(f"generated inline HTML {index} stands where it cannot go, inside a tag")
        placed.append(index)
        parts += [html[copied:at], pieces[index]]
        copied = slot.end()
        at = html.find(token, copied)
    if sorted(placed) != list(range(len(pieces))):
        raise ValueError(
            f"the page holds its {len(pieces)} inline pieces of generated HTML {len(placed)} times, not once each"
        )
    return "".join(parts) + html[copied:] if parts else html


_SLOT_AFTER_TOKEN = re.compile(r"i(\d+)z")  # what follows the page's token in an inline slot (inline_slot)


def render_html(page_markdown: str) -> str:
    """Markdown as the site renders it, generated HTML blocks included (for checks and tests)."""
    held = HeldHtml(page_markdown)
    return held.fill(markdown_renderer().convert(held.markdown))
