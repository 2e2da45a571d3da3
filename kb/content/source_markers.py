"""Numbered source markers in entry text: ``[1]`` and ``[1, 3]`` cite the entry's sources by position.

One scanner decides what is a marker, for the validator (KB801 to KB806) and
for the page (each marker a superscript link to its item in the page's
numbered source list), so what the validator counts as a citation is exactly
what the page links. Markers are not read in code (spans and fenced blocks),
in HTML comments, after a backslash (``\\[1]`` shows ``[1]``), as a link's
text (``[1](https://...)``) or inside a link's address.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kb.content.loading import LoadedFile
from kb.core.diagnostics import Diagnostic
from kb.core.kinds import PRACTICE, Kind
from kb.core.markdown import html_text, mask_comments

MARKER_CLASS = "kb-ref"
SOURCE_ANCHOR_PREFIX = "source-"
SECTION_PREFIX = "## "  # the level of heading that starts a section, as kb.core.markdown.visible_body counts them
SHOWN_TITLE_LENGTH = 60

# A marker: numbers separated by commas. Anything else that opens a bracket
# with a number and holds only numbers and separators looks like a marker
# gone wrong ([1-3], [1; 2], [ 1 ]) and is reported rather than left as text.
_VALID = re.compile(r"\[(\d+(?:[ \t]*,[ \t]*\d+)*)\]")
_TOKENS = re.compile(
    # Every token starts with one of these characters; testing for them first lets the
    # pattern pass over ordinary text instead of trying each alternative at every position.
    r"(?=[\\\[\]<\n])(?:"
    r"\\."  # an escaped character: never markup
    r"|(?P<marker>\[[ \t]*\d[\d \t,;.\u2013\u2014-]*\])"
    r"|(?P<autolink><[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*>)"
    r"|\[|\]"
    r"|(?P<blank>\n[ \t]*(?=\n))"  # a blank line ends a paragraph, and any bracket left open in it
    r")"
)
_DEFINITION = re.compile(r"^[ ]{0,3}\[([^\]\n]+)\]:[^\n]*", re.MULTILINE)  # a reference definition: label, address
_NUMBER_LABEL = re.compile(r"[ \t]*\d[\d \t,]*")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(?<!`)(`+)((?:(?!\n[ \t]*\n)[\s\S])+?)(?<!`)\1(?!`)")
# Spaces between a word or closing punctuation and a marker, which the page leaves out.
_GAP = re.compile(r"(?<=[\w.,;:!?)\u2019\u201d\"'])[ \t]+$")
# What may start a line before its text: the marks of a list item or a quotation.
_BLOCK_LEAD = re.compile(r"[ \t]*(?:(?:[-*+]|\d{1,9}[.)]|>)[ \t]*)*")
_ATX_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:[ \t]|$)")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(?:=+|-+)[ \t]*$")


@dataclass(frozen=True)
class Marker:
    """Bracketed numbers found in a text, at ``start:end``; ``problem`` says why they are not a marker."""

    start: int
    end: int
    text: str
    numbers: tuple[int, ...] = ()
    problem: str | None = None  # None, "malformed", "heading" or "brackets"

    @property
    def is_marker(self) -> bool:
        return self.problem is None


def source_anchor(number: int) -> str:
    """The id of the source list item that markers citing source ``number`` (from 1) link to."""
    return f"{SOURCE_ANCHOR_PREFIX}{number}"


def find_markers(text: str) -> list[Marker]:
    """Every marker, and every bracketed number that fails to be one, in the order they appear."""
    if "[" not in text:
        return []  # the common case for entries that cite nothing, decided by one scan
    masked = _without_code(text)
    if "]:" in masked:
        masked = _DEFINITION.sub(_blank, masked)
    found: list[Marker] = []
    depth = 0  # square brackets open in the paragraph: a marker inside one is a link's text or the like
    skip_to = 0  # the end of a link's address, which is never read for markers
    for match in _TOKENS.finditer(masked):
        token = match.group(0)
        if match.start() < skip_to or token[0] == "\\" or match.group("autolink") is not None:
            continue
        if match.group("blank") is not None:
            depth = 0
        elif match.group("marker") is not None:
            if masked.startswith("(", match.end()):  # [1](...) is a link whose text is a number
                skip_to = _link_end(masked, match.end())
                continue
            found.append(_marker(masked, match, depth))
        elif token == "[":
            depth += 1
        elif token == "]":
            depth = max(0, depth - 1)
            if masked.startswith("(", match.end()):
                skip_to = _link_end(masked, match.end())
    return found


def _marker(text: str, match: re.Match[str], depth: int) -> Marker:
    token = match.group(0)
    valid = _VALID.fullmatch(token)
    if valid is None:
        return Marker(match.start(), match.end(), token, problem="malformed")
    numbers = tuple(int(n) for n in re.split(r"[ \t]*,[ \t]*", valid.group(1)))
    problem = "heading" if _in_heading(text, match.start()) else "brackets" if depth else None
    return Marker(match.start(), match.end(), token, numbers, problem)


def _in_heading(text: str, offset: int) -> bool:
    """Whether the line holding ``offset`` is a heading: '#' first, or underlined with '=' or '-'."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    end = len(text) if end < 0 else end
    if _ATX_HEADING.match(text[start:end]):
        return True
    following_end = text.find("\n", end + 1)
    following = text[end + 1 : len(text) if following_end < 0 else following_end] if end < len(text) else ""
    return bool(_SETEXT_UNDERLINE.match(following))


def _link_end(text: str, start: int) -> int:
    """Where the parenthesised address that opens at ``start`` ends, balancing parentheses."""
    depth = 0
    index = start
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "\n" and text.startswith("\n", index + 1):
            return index  # a link's address never runs past the end of its paragraph
        depth += {"(": 1, ")": -1}.get(char, 0)
        index += 1
        if depth == 0:
            return index
    return index


def _without_code(text: str) -> str:
    """The text with fenced blocks and code spans blanked out, every other character in its place."""
    if "```" in text or "~~~" in text:
        lines = text.split("\n")
        fence: str | None = None
        for index, line in enumerate(lines):
            match = _FENCE.match(line)
            if fence is None and match:
                fence = match.group(1)
                lines[index] = " " * len(line)
            elif fence is not None:
                if match is not None and _closes(match.group(1), fence, line):
                    fence = None
                lines[index] = " " * len(line)
        text = "\n".join(lines)
    if "`" in text:
        text = _CODE_SPAN.sub(_blank, text)
    return text


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _closes(marks: str, fence: str, line: str) -> bool:
    """Whether a line of fence marks closes the fence opened with ``fence``."""
    return marks[0] == fence[0] and len(marks) >= len(fence) and not line.strip().strip(fence[0])


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts += [match.end() for match in re.finditer("\n", text)]
    return starts


# --- Pages ------------------------------------------------------------------------------------------------------


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
        parts += [_without_gap(text, position, marker.start), marker_html(marker.numbers, source_titles)]
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
    """A source's title for a marker's tooltip, without angle brackets.

    The theme's tooltips read a link's title as HTML, so the build refuses a
    title holding '<' (SECURITY.md); the whole title stays in the source list.
    """
    return title.replace("<", "").replace(">", "")


def marker_html(numbers: Sequence[int], source_titles: Sequence[str]) -> str:
    """One marker as inline HTML. The brackets are character references so Markdown never reads them as a link."""
    links = ", ".join(
        f'<a href="#{source_anchor(n)}" title="{html_text(_tooltip(source_titles[n - 1]))}" '
        f'aria-label="Source {n}">{n}</a>'
        for n in numbers
    )
    return f'<sup class="{MARKER_CLASS}">&#91;{links}&#93;</sup>'


# --- The validator ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """A part of a body: its heading (None for the text before the first heading) and its lines."""

    heading: str | None
    first_line: int  # 0-based, in the body: the heading, or the first line of the text before any heading
    has_text: bool
    has_marker: bool


def sections(text: str, markers: Sequence[Marker]) -> list[Section]:
    """The body cut at its '## ' headings, outside fenced code; whether each part has text and a marker."""
    lines = text.split("\n")
    starts = _line_starts(text)
    marked_lines = {bisect.bisect_right(starts, m.start) - 1 for m in markers if m.is_marker}
    cuts: list[tuple[int, str | None]] = [(0, None)]
    fence: str | None = None
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
        elif fence is not None and match and _closes(match.group(1), fence, line):
            fence = None
        elif fence is None and line.startswith(SECTION_PREFIX):
            cuts.append((index, line[len(SECTION_PREFIX) :].strip()))
    found = []
    for number, (first, title) in enumerate(cuts):
        last = cuts[number + 1][0] if number + 1 < len(cuts) else len(lines)
        written = [i for i in range(first + (title is not None), last) if lines[i].strip()]
        # Reported at its heading, or where the text before the first heading begins.
        where = first if title is not None or not written else written[0]
        found.append(Section(title, where, bool(written), any(i in marked_lines for i in range(first, last))))
    return found


def check_markers(loaded: LoadedFile, kind: Kind) -> list[Diagnostic]:
    """KB801 to KB806 for one entry's text against its sources."""
    data = loaded.data or {}
    sources = data.get("sources")
    sources = sources if isinstance(sources, list) else []
    text = mask_comments(loaded.body)
    markers = find_markers(text)
    practice = kind is PRACTICE
    cites_the_web = practice and any(isinstance(s, dict) and s.get("url") for s in sources)
    if not markers and not practice:
        return []
    starts = _line_starts(text)
    problems: list[Diagnostic] = []

    def report(offset: int, code: str, message: str) -> None:
        line = bisect.bisect_right(starts, offset) - 1
        problems.append(Diagnostic(loaded.path, loaded.body_line + line, offset - starts[line] + 1, code, message))

    for marker in markers:
        if marker.problem is not None:
            report(marker.start, *_misplaced(marker))
            continue
        for number in marker.numbers:
            if not 1 <= number <= len(sources):
                report(marker.start, "KB801", _unresolved(marker, number, len(sources)))
    cited = {n for m in markers if m.is_marker for n in m.numbers}
    if practice or cited:
        for index, source in enumerate(sources):
            if index + 1 not in cited:
                where = loaded.locate(("sources", index))
                problems.append(Diagnostic(loaded.path, where.line, where.column, "KB802", _uncited(index + 1, source)))
    if "]:" in text:
        # [text][1] with a definition [1]: https://... is a link in Markdown, but the page reads [1] as a marker.
        for match in _DEFINITION.finditer(_without_code(text)):
            if _NUMBER_LABEL.fullmatch(match.group(1)):
                report(
                    match.start(1) - 1,
                    "KB806",
                    f"the link label [{match.group(1)}] is a number, which the text reads as a source marker; "
                    "give the link a word as its label, such as [report], or write the address in the link",
                )
    if cites_the_web:
        for section in sections(text, markers):
            if section.has_text and not section.has_marker:
                problems.append(
                    Diagnostic(loaded.path, loaded.body_line + section.first_line, 1, "KB803", _unmarked(section))
                )
    return problems


def _misplaced(marker: Marker) -> tuple[str, str]:
    if marker.problem == "malformed":
        return (
            "KB804",
            f"'{marker.text}' is not a marker: write the source numbers separated by commas, such as [1, 2, 3] "
            "(ranges and semicolons are not read); to show the brackets as text, write \\[ instead of [",
        )
    where = "in a heading" if marker.problem == "heading" else "inside square brackets, such as a link's text,"
    fix = "in the text under the heading" if marker.problem == "heading" else "after the closing bracket"
    return "KB805", f"marker {marker.text} is {where} where it cannot link to its source; put it {fix}"


def _unresolved(marker: Marker, number: int, count: int) -> str:
    if count == 0:
        return f"marker {marker.text} cites source {number}, but the entry lists no sources; add it under sources"
    listed = "1" if count == 1 else f"1 to {count}"
    return (
        f"marker {marker.text} cites source {number}, but the entry lists {count} source{'s' if count != 1 else ''}; "
        f"markers count the sources from 1 in the order of the sources field, so use {listed} or add the source"
    )


def _uncited(number: int, source: Any) -> str:
    title = source.get("title") if isinstance(source, dict) else None
    named = f" ('{_short(title)}')" if isinstance(title, str) else ""
    return (
        f"source {number}{named} is not cited in the text; put [{number}] after the facts it supports, "
        "or remove it from sources"
    )


def _unmarked(section: Section) -> str:
    where = f"section '{section.heading}'" if section.heading is not None else "text before the first heading"
    return (
        f"the {where} cites no source, though this practice lists web sources; put a marker such as [1] "
        "after the facts it states, numbered as the sources are listed"
    )


def _short(text: str) -> str:
    return text if len(text) <= SHOWN_TITLE_LENGTH else text[: SHOWN_TITLE_LENGTH - 1] + "…"
