"""What the validator accepts, the build builds (KB411-KB414).

Each rule here stands for a way valid-looking content used to pass the
validator and then break the build far from its cause, or break what the
build writes: a control character or noncharacter in a field makes the Atom
feed ill-formed XML, a title whose anchor starts with ``__`` shadows one of the
theme's element ids, Python-Markdown's table-of-contents extension replaces
a ``[TOC]`` marker with a list of the page's headings, and it gives up on
nesting deeper than the call stack allows. Each is refused here, at its line.
"""

from __future__ import annotations

import re

from markdown.extensions.toc import slugify

from kb.body_rules import CONTROL_CHARACTERS, strings_in
from kb.diagnostics import Diagnostic
from kb.loading import LoadedFile
from kb.schema_check import field_name

# Characters XML 1.0 cannot carry (C0 controls but tab and line ends,
# surrogates, U+FFFE and U+FFFF) or that it and HTML discourage (DEL, C1
# controls, the other noncharacters). Tabs and line breaks stay: YAML's
# block scalars hold line breaks.
NONCHARACTERS = frozenset(
    [chr(c) for c in range(0xFDD0, 0xFDF0)]
    + [chr(plane + last) for plane in range(0, 0x110000, 0x10000) for last in (0xFFFE, 0xFFFF)]
)
SURROGATES = frozenset(chr(c) for c in range(0xD800, 0xE000))
_NOT_TEXT_IN_FIELDS = re.compile(
    "[" + "".join(f"\\U{ord(c):08x}" for c in sorted(CONTROL_CHARACTERS | NONCHARACTERS)) + "\\ud800-\\udfff]"
)
_NONCHARACTER = re.compile("[" + "".join(f"\\U{ord(c):08x}" for c in sorted(NONCHARACTERS)) + "]")

# Anchors starting with two underscores are the theme's own ids (__config, __drawer).
RESERVED_ID_PREFIX = "__"
TOC_MARKER = "[TOC]"
# Python-Markdown parses quotes, lists, definition lists and admonitions by
# recursion; it silently stops nesting blockquotes, or fails, when the stack
# runs short, which depends on how deep the caller already is. No text needs
# more than a few levels.
MAX_TEXT_NESTING = 40
TAB_WIDTH = 4
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
# A line's container prefix: quote markers, list and definition markers, indentation.
_PREFIX = re.compile(r"(?:[ \t]|>|[-*+:](?=[ \t])|\d{1,9}[.)](?=[ \t]))*")
_MARKER = re.compile(r">|[-*+:](?=[ \t])|\d{1,9}[.)](?=[ \t])")
_WHITESPACE = re.compile(r"[ \t]+")
_BACKTICKS = re.compile(r"`+")
_RULE = re.compile(r"^[ ]{0,3}([-*_])(?:[ ]*\1){2,}[ ]*$")  # a horizontal rule, not a nested list


def check_field_characters(loaded: LoadedFile) -> list[Diagnostic]:
    """KB411: a control character or noncharacter in any field name or value."""
    assert loaded.data is not None
    strings = list(strings_in(loaded.data))
    if _NOT_TEXT_IN_FIELDS.search("\n".join(value for _, value, _ in strings)) is None:
        return []  # the common case, decided by one scan
    problems = []
    for path, value, is_key in strings:
        found = _NOT_TEXT_IN_FIELDS.search(value)
        if found is None:
            continue
        where = loaded.locate_key(path) if is_key else loaded.locate(path)
        name = "a field name" if is_key else field_name(path)
        problems.append(
            Diagnostic(
                loaded.path,
                where.line,
                where.column,
                "KB411",
                f"{name} holds {_describe(found.group())} at character {found.start() + 1}, which is not text: "
                "the feed and other XML files cannot carry it and browsers drop or replace it. Delete it "
                "(in a quoted value it may be written as an escape such as \\x0c or \\0)",
            )
        )
    return problems


def check_title_anchor(loaded: LoadedFile, title_field: str) -> list[Diagnostic]:
    """KB412: a title whose heading anchor would start with '__', the prefix of the theme's own ids."""
    assert loaded.data is not None
    title = loaded.data.get(title_field)
    if not isinstance(title, str):
        return []
    anchor = heading_anchor(title)
    if not anchor.startswith(RESERVED_ID_PREFIX):
        return []
    where = loaded.locate((title_field,))
    return [
        Diagnostic(
            loaded.path,
            where.line,
            where.column,
            "KB412",
            f"{title_field}: its heading's anchor would be '{anchor}', and anchors starting with "
            f"'{RESERVED_ID_PREFIX}' are the theme's own, which the heading would shadow; start the "
            f"{title_field} with a word",
        )
    ]


def heading_anchor(title: str) -> str:
    """The id the site's table-of-contents extension gives a heading showing ``title``."""
    return slugify(" ".join(title.split()), "-")


def check_text_builds(loaded: LoadedFile) -> list[Diagnostic]:
    """KB411 noncharacters, KB413 the [TOC] marker and KB414 too deep nesting in the text."""
    body = loaded.body
    may_mark = TOC_MARKER in body
    may_hide = _NONCHARACTER.search(body) is not None
    problems: list[Diagnostic] = []

    def report(index: int, column: int, code: str, message: str) -> None:
        problems.append(Diagnostic(loaded.path, loaded.body_line + index, column, code, message))

    fence: str | None = None
    for index, line in enumerate(body.split("\n")):
        if may_hide:
            for found in _NONCHARACTER.finditer(line):
                report(
                    index,
                    found.start() + 1,
                    "KB411",
                    f"{_describe(found.group())} is not text (browsers replace it and XML cannot carry it); delete it",
                )
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)
        elif fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue  # code: shown as written
        marker = _toc_marker(line) if may_mark and TOC_MARKER in line else None
        if marker is not None:
            report(
                index,
                marker + 1,
                "KB413",
                f"'{TOC_MARKER}' is replaced by a list of the page's headings when the page is built, so the "
                "page would not show what was written; write it as \\[TOC\\] to show the text",
            )
        depth = nesting_depth(line)
        if depth > MAX_TEXT_NESTING:
            report(
                index,
                1,
                "KB414",
                f"this line nests {depth} levels deep (quotes '>', list items and indentation); the limit is "
                f"{MAX_TEXT_NESTING}, beyond which the page is not built as written. Nest less deeply",
            )
    return problems


def _toc_marker(line: str) -> int | None:
    """Where the line holds the marker outside a code span (the extension leaves code alone), if it does."""
    spans = _code_spans(line)
    start = line.find(TOC_MARKER)
    while start >= 0:
        if not any(opened <= start < closed for opened, closed in spans):
            return start
        start = line.find(TOC_MARKER, start + 1)
    return None


def _code_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each code span on one line: a run of backticks up to the next run as long.

    In one pass over the runs, never a backtracking pattern: a line may be all backticks. A span
    that goes on to the next line is not seen, so a marker there counts as outside code.
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(line) if line[m.start() - 1 : m.start()] != "\\"]
    following: list[int | None] = [None] * len(runs)
    last: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        following[index] = last.get(length)
        last[length] = index
    spans = []
    index = 0
    while index < len(runs):
        closing = following[index]
        if closing is None:
            index += 1  # no run as long follows: these backticks are text
            continue
        spans.append((runs[index][1], runs[closing][0]))
        index = closing + 1
    return spans


def nesting_depth(line: str) -> int:
    """How many containers a line opens or sits in: '>' quotes, list and definition markers, each
    4 columns of indentation."""
    if _RULE.match(line):
        return 0
    match = _PREFIX.match(line)
    prefix = match.group(0) if match else ""
    markers = len(_MARKER.findall(prefix))
    indentation = sum(len(run.expandtabs(TAB_WIDTH)) // TAB_WIDTH for run in _WHITESPACE.findall(prefix))
    return markers + indentation


def _describe(char: str) -> str:
    code = ord(char)
    if char in CONTROL_CHARACTERS:
        return f"the control character U+{code:04X}"
    if char in SURROGATES:
        return f"the lone surrogate U+{code:04X}"
    return f"the Unicode noncharacter U+{code:04X}"
