"""Numbered source markers in entry text: ``[1]`` and ``[1, 3]`` cite the entry's sources by position.

One scanner decides what is a marker, for the validator (KB801 to KB806,
kb.checks.marker_rules) and for the page (each marker a superscript link to
its item in the page's numbered source list, kb.render.marker_links), so what
the validator counts as a citation is exactly what the page links. Markers
are not read in code (spans and fenced blocks), in HTML comments, after a
backslash (``\\[1]`` shows ``[1]``), as a link's text (``[1](https://...)``)
or inside a link's address.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from kb.core.markdown import code_span_ranges, find_fences

SECTION_PREFIX = "## "  # the level of heading that starts a section, as kb.core.markdown.visible_body counts them

# A marker: numbers separated by commas. Anything else that opens a bracket
# with a number and holds only numbers and separators looks like a marker
# gone wrong ([1-3], [1; 2], [ 1 ]) and is reported rather than left as text.
_VALID = re.compile(r"\[(\d+(?:[ \t]*,[ \t]*\d+)*)\]")
_TOKENS = re.compile(
    # Every alternative starts with a fixed character (its group comes after it), so the search
    # passes over ordinary text in C instead of trying each alternative at every position.
    r"\\."  # an escaped character: never markup
    r"|\[(?P<marker>[ \t]*\d[\d \t,;.\u2013\u2014-]*\])"  # the marker is the whole match
    r"|<(?P<autolink>[A-Za-z][A-Za-z0-9+.-]*:[^<>\s]*>)"
    r"|\[|\]"
    r"|\n(?P<blank>[ \t]*(?=\n))"  # a blank line ends a paragraph, and any bracket left open in it
)
# A reference definition: its label, then its address.
REFERENCE_DEFINITION = re.compile(r"^[ ]{0,3}\[([^\]\n]+)\]:[^\n]*", re.MULTILINE)
# A heading as CommonMark reads it, or as Python-Markdown does: '#' first on the line, space or not.
_ATX_HEADING = re.compile(r"^(?:\s{0,3}#{1,6}(?:[ \t]|$)|#)")
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


def find_markers(text: str) -> list[Marker]:
    """Every marker, and every bracketed number that fails to be one, in the order they appear."""
    if "[" not in text:
        return []  # the common case for entries that cite nothing, decided by one scan
    masked = without_code(text)
    if "]:" in masked:
        masked = REFERENCE_DEFINITION.sub(_blank, masked)
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


def without_code(text: str) -> str:
    """The text with fenced blocks and code spans blanked out, every other character in its place."""
    if "```" in text or "~~~" in text:
        # Fences as the page renders them (kb.core.markdown): an unclosed one is text (KB430).
        lines = text.split("\n")
        code = find_fences(lines).code
        text = "\n".join(" " * len(line) if in_code else line for line, in_code in zip(lines, code, strict=True))
    if "`" in text:
        pieces, position = [], 0
        for start, end in code_span_ranges(text):
            pieces += [text[position:start], re.sub(r"[^\n]", " ", text[start:end])]
            position = end
        text = "".join(pieces) + text[position:]
    return text


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def line_starts(text: str) -> list[int]:
    starts = [0]
    starts += [match.end() for match in re.finditer("\n", text)]
    return starts


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
    starts = line_starts(text)
    marked_lines = {bisect.bisect_right(starts, m.start) - 1 for m in markers if m.is_marker}
    cuts: list[tuple[int, str | None]] = [(0, None)]
    code = find_fences(lines).code
    for index, line in enumerate(lines):
        if not code[index] and line.startswith(SECTION_PREFIX):
            cuts.append((index, line[len(SECTION_PREFIX) :].strip()))
    found = []
    for number, (first, title) in enumerate(cuts):
        last = cuts[number + 1][0] if number + 1 < len(cuts) else len(lines)
        written = [i for i in range(first + (title is not None), last) if lines[i].strip()]
        # Reported at its heading, or where the text before the first heading begins.
        where = first if title is not None or not written else written[0]
        found.append(Section(title, where, bool(written), any(i in marked_lines for i in range(first, last))))
    return found
