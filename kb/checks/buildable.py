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

from kb.checks.body_rules import CONTROL_CHARACTERS, strings_in
from kb.checks.family import Example, Family, Rule, Where
from kb.checks.render_limits import MAX_TEXT_NESTING as MAX_TEXT_NESTING
from kb.checks.render_limits import TAB_WIDTH as TAB_WIDTH
from kb.checks.render_limits import fenced_code_lines as fenced_code_lines
from kb.checks.render_limits import may_nest_too_deep
from kb.checks.render_limits import nesting_depth as nesting_depth
from kb.content.loading import LoadedFile
from kb.content.schema_check import field_name
from kb.core.diagnostics import Diagnostic
from kb.core.markdown import TOC_MARKER, code_span_ranges

# Characters XML 1.0 cannot carry (C0 controls but tab and line ends,
# surrogates, U+FFFE and U+FFFF) or that it and HTML discourage (DEL, C1
# controls, the other noncharacters). Tabs and line breaks stay: YAML's
# block scalars hold line breaks.
NONCHARACTERS = frozenset(
    [chr(c) for c in range(0xFDD0, 0xFDF0)]
    + [chr(plane + last) for plane in range(0, 0x110000, 0x10000) for last in (0xFFFE, 0xFFFF)]
)
SURROGATES = frozenset(chr(c) for c in range(0xD800, 0xE000))


def _character_class(characters: frozenset[str]) -> re.Pattern[str]:
    """One character class, consecutive code points as ranges: a class of single astral characters
    is slow to scan."""
    points = sorted(map(ord, characters))
    ranges: list[list[int]] = []
    for point in points:
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return re.compile("[" + "".join(f"\\U{first:08x}-\\U{last:08x}" for first, last in ranges) + "]")


_NOT_TEXT_IN_FIELDS = _character_class(CONTROL_CHARACTERS | NONCHARACTERS | SURROGATES)
_NONCHARACTER = _character_class(NONCHARACTERS)
FIRST_NONCHARACTER = "\ufdd0"
# Any character from the first noncharacter on: one range, scanned in C far faster than the class above.
_FROM_FIRST_NONCHARACTER = re.compile(f"[{FIRST_NONCHARACTER}-\U0010ffff]")

# Anchors starting with two underscores are the theme's own ids (__config, __drawer).
RESERVED_ID_PREFIX = "__"


def check_field_characters(loaded: LoadedFile) -> list[Diagnostic]:
    """KB411: a control character or noncharacter in any field name or value."""
    assert loaded.data is not None
    texts: list[str] = []
    _collect_text(loaded.data, texts)
    everything = " ".join(texts)
    # isprintable() is False for every character looked for (and for line breaks and other spaces):
    # one pass in C decides the common case.
    if everything.isprintable() or _NOT_TEXT_IN_FIELDS.search(everything) is None:
        return []
    problems = []
    for path, value, is_key in strings_in(loaded.data):
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


def _collect_text(value: object, texts: list[str]) -> None:
    """Every key and string value, without their paths: the quick look before anything is located."""
    if isinstance(value, str):
        texts.append(value)
    elif isinstance(value, dict):
        texts.extend(key for key in value if isinstance(key, str))
        for item in value.values():
            _collect_text(item, texts)
    elif isinstance(value, list):
        for item in value:
            _collect_text(item, texts)


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
    # isascii() is known without reading the text; most texts hold no character that high.
    may_hide = (
        not body.isascii()
        and _FROM_FIRST_NONCHARACTER.search(body) is not None
        and _NONCHARACTER.search(body) is not None
    )
    may_nest = may_nest_too_deep(body)
    if not (may_mark or may_hide or may_nest):
        return []  # the common case, decided by three scans
    problems: list[Diagnostic] = []

    def report(index: int, column: int, code: str, message: str) -> None:
        problems.append(Diagnostic(loaded.path, loaded.body_line + index, column, code, message))

    lines = body.split("\n")
    code = fenced_code_lines(lines) if may_mark or may_nest else [False] * len(lines)
    for index, line in enumerate(lines):
        found = _NONCHARACTER.search(line) if may_hide else None
        if found is not None:  # once a line: the fix is the same for every one on it
            report(
                index,
                found.start() + 1,
                "KB411",
                f"{_describe(found.group())} is not text (browsers replace it and XML cannot carry it); delete it "
                "and any other on this line",
            )
        if code[index]:
            continue  # shown as written
        marker = _toc_marker(line) if may_mark and TOC_MARKER in line else None
        if marker is not None:
            report(
                index,
                marker + 1,
                "KB413",
                f"'{TOC_MARKER}' is replaced by a list of the page's headings when the page is built, so the "
                "page would not show what was written; write it as \\[TOC\\] to show the text",
            )
        depth = nesting_depth(line) if may_nest else 0
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
    spans = code_span_ranges(line)  # one pass over backtick runs, never a backtracking pattern
    start = line.find(TOC_MARKER)
    while start >= 0:
        if not any(opened <= start < closed for opened, closed in spans):
            return start
        start = line.find(TOC_MARKER, start + 1)
    return None


def _describe(char: str) -> str:
    code = ord(char)
    if char in CONTROL_CHARACTERS:
        return f"the control character U+{code:04X}"
    if char in SURROGATES:
        return f"the lone surrogate U+{code:04X}"
    return f"the Unicode noncharacter U+{code:04X}"


FAMILY = Family(
    name="buildable",
    title="What the build can build",
    about="Text the validator would accept and the build would then fail on, or publish other than written.",
    rules=(
        Rule(
            "KB411",
            (
                "A field or field name holds a control character (U+0000 to U+001F other than tab and line break, "
                "U+007F to U+009F), or a field or the text holds a Unicode noncharacter (U+FFFE, U+FFFF, U+FDD0 to "
                "U+FDEF, ...): the feed and the other XML files cannot carry them, so feed readers would drop the "
                "whole feed."
            ),
            fails=Example(
                'summary: "A practice\\x0cin Malmo, for the validator\'s examples."',
                shown='summary: "A practice\\x0cin Malmo"',
            ),
            passes=Example('summary: "A practice in Malmo, for the validator\'s examples."'),
        ),
        Rule(
            "KB412",
            (
                "A title's heading anchor would start with '__' (a title such as '__config'), the prefix of the "
                "theme's own element ids, which the heading would shadow."
            ),
            fails=Example("title: __config"),
            passes=Example("title: Configuration of local networks"),
        ),
        Rule(
            "KB413",
            (
                "The text holds '[TOC]' outside code, which the table-of-contents extension replaces with a list of "
                "the page's headings, so the page would not show what was written."
            ),
            fails=Example("[TOC]", Where.BODY),
            passes=Example("\\[TOC\\] (shown as written)", Where.BODY),
        ),
        Rule(
            "KB414",
            (
                "A line of the text nests quotes ('>'), list items and indented blocks more than 40 levels deep; "
                "Python-Markdown gives up or fails on deep nesting, so the page would not be built as written."
            ),
            fails=Example("> " * 50 + "deep", Where.BODY, shown="a line starting with 50 '>'"),
            passes=Example("> a quote, > > at most a few levels", Where.BODY),
        ),
    ),
    checks=(
        "kb.checks.buildable.check_field_characters",
        "kb.checks.buildable.check_title_anchor",
        "kb.checks.buildable.check_text_builds",
    ),
)
