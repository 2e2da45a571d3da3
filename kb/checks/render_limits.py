"""Bounded work per file: what rendering an entry's text would cost, measured in one pass, and the limits.

Python-Markdown does work that grows faster than the text, and a file of
256 KB written to exploit it kept the validator, and the build that runs it
first, busy for minutes:

- **Searching for closers.** From each ``[`` it searches on for the matching
  ``]`` (once for each kind of link and image), from a link's ``(`` for its
  ``)``, and from each run of backticks for the next run of the same length.
  An opener that is never closed searches to the end of its paragraph, so a
  paragraph of openers costs the square of its length.
- **Rewriting for each piece of markup.** Each link, code span, emphasis,
  escape or entity it finds makes it rebuild the paragraph's whole text, and
  each line that starts a list item, quote, heading or rule makes it split and
  re-read the block: the cost is the block's length times its markup.
- **Work per block and per piece of markup.** It tries each of its inline
  patterns on every paragraph, list item, heading and table cell, and takes
  each block from the front of a list that shifts all the others.

``measure_rendering_work`` measures all of it in one pass over the text, with
the code spans the renderer would find (it also gives the validator's other
rules the text with code blanked out). ``check_rendering_work`` refuses a file
over a limit (KB440 searches, KB441 density, KB442 blocks, KB443 markup;
``check_line_count`` KB444 lines) before anything renders it; ordinary text
stays far below them. ``stated_limits`` lists them for the field reference.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from kb.checks.family import Example, Family, Rule, Where
from kb.content.loading import MAX_FILE_BYTES, MAX_NESTING_DEPTH, LoadedFile
from kb.core.diagnostics import Diagnostic

# Characters searched from openers to their closers, summed over the file. An
# ordinary text's links and code spans search their own length, well under
# one file's size (256 KB); the limit leaves four times that.
MAX_CLOSER_SEARCH = 1_000_000
# A block's length times its markup characters, summed over the file. A
# paragraph of 2,000 characters with 100 of them markup costs 200,000, so a
# file of such paragraphs stays far below; the limit is reached by a paragraph
# of 40,000 characters with 10,000 of them markup.
MAX_MARKUP_DENSITY = 400_000_000
# The renderer's work per block and per piece of markup. Entries run to a few
# dozen blocks and a few hundred markup characters.
MAX_BLOCKS = 2_000
MAX_MARKUP = 10_000
# Every rule reads the text line by line; a file of a quarter of a million
# empty lines would make that the cost. Entries run to a few hundred lines.
MAX_LINES = 10_000
# A file can hold tens of thousands of one problem (a control character
# repeated); listing each would cost more than finding them, and help no one.
MAX_PROBLEMS_PER_RULE = 25
# Python-Markdown parses quotes, lists, definition lists and admonitions by
# recursion; it silently stops nesting blockquotes, or fails, when the stack
# runs short, which depends on how deep the caller already is. No text needs
# more than a few levels.
MAX_TEXT_NESTING = 40
TAB_WIDTH = 4
# markdown.extensions.fenced_code's opening line (a fence, then an optional {attributes} or language
# and hl_lines) and closing line (the same fence alone).
_FENCE_OPENER = re.compile(r"(`{3,}|~{3,})[ ]*(?:\{[^\n]*\}|\.?[\w#.+-]*[ ]*(?:hl_lines=(\"|').*?\2[ ]*)?)")
_FENCE_CLOSER = re.compile(r"(`{3,}|~{3,})[ ]*")
# A line's container prefix: quote markers, list and definition markers, indentation.
_PREFIX = re.compile(r"(?:[ \t]|>|[-*+:](?=[ \t])|\d{1,9}[.)](?=[ \t]))*")
_MARKER = re.compile(r">|[-*+:](?=[ \t])|\d{1,9}[.)](?=[ \t])")
_WHITESPACE = re.compile(r"[ \t]+")
# A line whose prefix could nest too deep, found after a line break: a pattern that starts with a fixed
# character is searched for in C, where one that starts with '^' is tried at every position of the text.
_DEEP_PREFIX = re.compile(rf"\n[ \t>:*+\-0-9.)]{{{MAX_TEXT_NESTING + 1}}}")
_RULE = re.compile(r"^[ ]{0,3}([-*_])(?:[ ]*\1){2,}[ ]*$")  # a horizontal rule, not a nested list
# What makes the renderer rewrite or re-read a block when it meets it: inline
# markup (code, escapes, links, images, raw HTML, entities, emphasis) and what
# starts a block inside a block (lists, quotes, headings, rules, tables,
# definitions, admonitions). Counting all of them, wherever they stand, overstates
# the work of ordinary prose but never understates a hostile text's.
MARKUP_CHARACTERS = "`\\[]()<>&*_!#|:=~+-"

_BACKTICKS = re.compile(r"`+")
# Lines holding more than blanks, with no blank line between them (code lines are blank here).
_BLOCK = re.compile(r"^[^\S\n]*\S.*(?:\n[^\S\n]*\S.*)*", re.MULTILINE)
_MAY_BE_MARKUP = re.compile("[" + re.escape(MARKUP_CHARACTERS) + "]")
# Written as alternatives that each start with a fixed character, so the search skips other text in C.
_BRACKETS = re.compile(r"\\.|\[|\]|\(|\)", re.DOTALL)


_Where = Callable[[int], tuple[int, int]]  # an offset in a block -> (line, column) in the file


class SourceLine(Protocol):
    """A line of an entry's text, as the validator reads it (``kb.checks.body_rules``)."""

    @property
    def number(self) -> int: ...  # 1-based line in the file

    @property
    def text(self) -> str: ...  # notes for editors blanked out

    @property
    def code(self) -> bool: ...  # inside a fenced code block


@dataclass(frozen=True)
class Search:
    """One opener's search for its closer: where it starts (line, column) and how far it reads."""

    line: int
    column: int
    length: int
    opener: str  # "[", "(" or a run of backticks
    closed: bool


@dataclass
class RenderingWork:
    """The text with code spans blanked out, and the work rendering it would take."""

    masked_lines: list[str]
    blocks: int = 0
    first_block_over: int = 0  # the line of the first block over MAX_BLOCKS
    markup: int = 0  # markup characters in all
    first_markup_over: int = 0  # the line of the block where they pass MAX_MARKUP
    searched: int = 0  # characters searched in all
    longest_search: Search | None = None
    density: int = 0  # the sum of each block's length times its markup characters
    densest: tuple[int, int, int] = (0, 0, 0)  # (first line, length, markup characters) of the costliest block

    def within_limits(self) -> bool:
        return (
            self.blocks <= MAX_BLOCKS
            and self.markup <= MAX_MARKUP
            and self.density <= MAX_MARKUP_DENSITY
            and self.searched <= MAX_CLOSER_SEARCH
        )


def check_rendering_limits(path: str, lines: Sequence[SourceLine]) -> tuple[list[str], list[Diagnostic]]:
    """The text with code blanked out (``RenderingWork.masked_lines``), and KB440 to KB443 if it is over a limit.

    Measuring each block costs as much as the other rules together; a text
    whose bounds (``_surely_within_limits``) keep it under every limit is spared it.
    """
    masked = ["" if line.code else line.text for line in lines]
    if _surely_within_limits(masked):
        return masked, []
    work = measure_rendering_work(lines)
    return work.masked_lines, check_rendering_work(path, work)


def _surely_within_limits(masked: list[str]) -> bool:
    """Whether the text stays under every limit even if each count were at its most.

    Without backticks there are no code spans to blank out, and only brackets
    and parentheses search: each at most the whole text. The blocks are at most
    the lines, and each block's length times markup at most the text's length
    times all its markup.
    """
    joined = "\n".join(masked)
    if "`" in joined or len(masked) > MAX_BLOCKS:
        return False
    # Markup characters are at most all the characters: an ordinary text is short enough for that bound.
    markup = len(joined) if len(joined) <= MAX_MARKUP else sum(map(joined.count, MARKUP_CHARACTERS))
    openers = joined.count("[") + joined.count("(")
    return (
        markup <= MAX_MARKUP
        and len(joined) * markup <= MAX_MARKUP_DENSITY
        and len(joined) * openers <= MAX_CLOSER_SEARCH
    )


def measure_rendering_work(lines: Sequence[SourceLine]) -> RenderingWork:
    """Blocks are lines with no blank line between them, outside fenced code: a paragraph, list, table or quote."""
    masked = ["" if line.code else line.text for line in lines]
    work = RenderingWork(masked)
    joined = "\n".join(masked)
    # Most texts have no code span or bracket to follow, and are too short or too
    # plain for any count to reach its limit even taken as one block: their
    # totals are the answer, without looking at each block.
    markup = sum(map(joined.count, MARKUP_CHARACTERS)) if _MAY_BE_MARKUP.search(joined) else 0
    plain = "`" not in joined and "[" not in joined and len(lines) <= MAX_BLOCKS
    if plain and markup <= MAX_MARKUP and len(joined) * markup <= MAX_MARKUP_DENSITY:
        work.markup, work.density = markup, len(joined) * markup  # the density at most
        return work
    densest_cost = -1
    index = offset = 0  # the line, and where it starts in the joined text
    for block in _BLOCK.finditer(joined):
        index += joined.count("\n", offset, block.start())
        offset = block.start()
        text = block.group()
        start, end = index, index + text.count("\n") + 1
        work.blocks += 1
        if work.blocks == MAX_BLOCKS + 1:
            work.first_block_over = lines[start].number
        markup = sum(map(text.count, MARKUP_CHARACTERS)) if _MAY_BE_MARKUP.search(text) else 0
        if work.markup <= MAX_MARKUP < work.markup + markup:
            work.first_markup_over = lines[start].number
        work.markup += markup
        cost = len(text) * markup
        work.density += cost
        if cost > densest_cost:
            densest_cost = cost
            work.densest = (lines[start].number, len(text), markup)
        # Searches are followed only while the text is within the limits: past one
        # of them the text is refused, and no other rule reads its markup.
        if markup and work.within_limits():
            where = _locator(lines[start:end])
            spans = _code_spans(text, work, where) if "`" in text else []
            if spans:
                text = _blank(text, spans)
                masked[start:end] = text.split("\n")
            if "[" in text:
                _bracket_searches(text, work, where)
    return work


def _locator(block: Sequence[SourceLine]) -> _Where:
    """Where an offset into a block's text (its lines joined by line breaks) is in the file."""
    starts = [0]
    for line in block[:-1]:
        starts.append(starts[-1] + len(line.text) + 1)

    def where(offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(starts, offset) - 1
        return block[index].number, offset - starts[index] + 1

    return where


def _code_spans(text: str, work: RenderingWork, where: _Where) -> list[tuple[int, int]]:
    """The code spans of one block, as Python-Markdown's backtick pattern pairs runs of backticks.

    An opening run pairs with the next run of the same length; failing that,
    with the longest later run if it is shorter (the extra backticks become
    code); failing that, it is text. A backslash before a run takes its first
    backtick out of it. Every opener searches to its partner, or to the end.
    """
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    if not runs:
        return []
    by_length: dict[int, list[int]] = {}
    for index, (first, last) in enumerate(runs):
        by_length.setdefault(last - first, []).append(index)
    # The longest run from each index on, and the first index where it stands.
    longest: list[tuple[int, int]] = [(0, -1)] * (len(runs) + 1)
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        later = longest[index + 1]
        longest[index] = (length, index) if length >= later[0] else later
    spans: list[tuple[int, int]] = []
    consumed = 0
    for index, (first, last) in enumerate(runs):
        if first < consumed:
            continue
        backslashes = 0
        while first - backslashes > 0 and text[first - backslashes - 1] == "\\":
            backslashes += 1
        opener = first + backslashes % 2
        ticks = last - opener
        if ticks == 0:
            continue
        same = by_length.get(ticks, [])
        partner = bisect.bisect_right(same, index)
        longest_length, longest_index = longest[index + 1]
        if partner < len(same):
            end = runs[same[partner]][1]
            searched = end - opener
        elif 0 < longest_length < ticks:
            end = runs[longest_index][1]
            searched = len(text) - opener
        else:
            end = 0
            searched = len(text) - opener
        line, column = where(opener)
        _add_search(work, Search(line, column, searched, "`" * ticks, end > 0))
        if end:
            spans.append((opener, end))
            consumed = end
    return spans


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each span replaced by spaces, line breaks kept, so every column stays where it was."""
    if not spans:
        return text
    parts = []
    previous = 0
    for first, last in spans:
        parts.append(text[previous:first])
        parts.append("".join("\n" if char == "\n" else " " for char in text[first:last]))
        previous = last
    parts.append(text[previous:])
    return "".join(parts)


def _bracket_searches(text: str, work: RenderingWork, where: _Where) -> None:
    """Each '[' searches on for its ']', and a link's '(' (right after the ']') for its ')'.

    Escaped characters are not markup. Brackets and parentheses are matched
    with a stack each, so the whole block is read once.
    """
    brackets: list[int] = []
    parentheses: list[int] = []
    link_openings: set[int] = set()
    for match in _BRACKETS.finditer(text):
        char = match.group()
        position = match.start()
        if char == "[":
            brackets.append(position)
        elif char == "]" and brackets:
            opener = brackets.pop()
            _add_search(work, Search(*where(opener), position - opener, "[", True))
            if text.startswith("(", position + 1):
                link_openings.add(position + 1)
        elif char == "(":
            parentheses.append(position)
        elif char == ")" and parentheses:
            opener = parentheses.pop()
            if opener in link_openings:
                link_openings.discard(opener)
                _add_search(work, Search(*where(opener), position - opener, "(", True))
    for opener in brackets:
        _add_search(work, Search(*where(opener), len(text) - opener, "[", False))
    for opener in link_openings:
        _add_search(work, Search(*where(opener), len(text) - opener, "(", False))


def _add_search(work: RenderingWork, search: Search) -> None:
    work.searched += search.length
    if work.longest_search is None or search.length > work.longest_search.length:
        work.longest_search = search


def check_rendering_work(path: str, work: RenderingWork) -> list[Diagnostic]:
    """KB440 and KB441 when rendering the text would take more work than the limits allow."""
    problems = []
    if work.blocks > MAX_BLOCKS:
        problems.append(
            Diagnostic(
                path,
                work.first_block_over,
                1,
                "KB442",
                f"the text has {work.blocks:,} paragraphs, lists, tables and other blocks (separated by blank "
                f"lines); the limit is {MAX_BLOCKS:,}, and this is the first over it. Keep entries short and "
                "link to longer documents in sources",
            )
        )
    if work.markup > MAX_MARKUP:
        problems.append(
            Diagnostic(
                path,
                work.first_markup_over,
                1,
                "KB443",
                f"the text has {work.markup:,} markup characters ({' '.join(MARKUP_CHARACTERS)}); the limit is "
                f"{MAX_MARKUP:,}, passed in this paragraph. Write plain sentences, keep entries short and link to "
                "longer documents in sources",
            )
        )
    worst = work.longest_search
    if work.searched > MAX_CLOSER_SEARCH and worst is not None:
        problems.append(Diagnostic(path, worst.line, worst.column, "KB440", _search_message(worst, work.searched)))
    if work.density > MAX_MARKUP_DENSITY:
        line, length, markup = work.densest
        problems.append(
            Diagnostic(
                path,
                line,
                1,
                "KB441",
                f"this paragraph (or list, table or quote: lines with no blank line between them) has "
                f"{length:,} characters, {markup:,} of them markup ({' '.join(MARKUP_CHARACTERS)}); rendering "
                f"takes work that grows with both, and the text's total ({work.density:,}) is over the limit of "
                f"{MAX_MARKUP_DENSITY:,} (length times markup characters, summed over the paragraphs). Split it "
                "into shorter paragraphs with blank lines",
            )
        )
    return problems


def _search_message(worst: Search, total: int) -> str:
    if worst.opener.startswith("`"):
        what = (
            f"this run of {len(worst.opener)} backtick(s) has no run of the same length after it in its paragraph"
            if not worst.closed
            else f"this run of {len(worst.opener)} backtick(s) is closed {worst.length:,} characters further on"
        )
        fix = "close each code span with as many backticks as opened it, or write \\` for a backtick as text"
    else:
        closer = "]" if worst.opener == "[" else ")"
        what = (
            f"this '{worst.opener}' is not closed by a '{closer}' in its paragraph"
            if not worst.closed
            else f"this '{worst.opener}' is closed by a '{closer}' {worst.length:,} characters further on"
        )
        fix = (
            f"close each '{worst.opener}' with '{closer}' close by, or write \\{worst.opener} for the character as text"
        )
    return (
        f"{what}; with the others like it, rendering the text would search {total:,} characters for closing "
        f"marks (the limit is {MAX_CLOSER_SEARCH:,}): {fix}"
    )


def check_line_count(loaded: LoadedFile) -> list[Diagnostic]:
    """KB444 when the text has more lines than the rules that read it line by line may be asked to read."""
    lines = loaded.body.count("\n") + 1
    if lines <= MAX_LINES:
        return []
    return [
        Diagnostic(
            loaded.path,
            loaded.body_line + MAX_LINES,
            1,
            "KB444",
            f"the text has {lines:,} lines; the limit is {MAX_LINES:,}, and this is the first over it (the text "
            "is checked further once it is within the limit). Keep entries short and link to longer documents "
            "in sources",
        )
    ]


class BoundedProblems:
    """One file's problems, at most ``MAX_PROBLEMS_PER_RULE`` of each code, the rest counted in one more."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._kept: list[Diagnostic] = []
        self._counts: Counter[str] = Counter()
        self._first_unlisted: dict[str, tuple[int, int, str]] = {}

    def add(self, line: int, column: int, code: str, message: str) -> None:
        self._counts[code] += 1
        if self._counts[code] <= MAX_PROBLEMS_PER_RULE:
            self._kept.append(Diagnostic(self.path, line, column, code, message))
        elif code not in self._first_unlisted:
            self._first_unlisted[code] = (line, column, message)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        for diagnostic in diagnostics:
            self.add(diagnostic.line, diagnostic.column, diagnostic.code, diagnostic.message)

    def codes(self) -> set[str]:
        return set(self._counts)

    def result(self) -> list[Diagnostic]:
        unlisted = [
            Diagnostic(
                self.path,
                line,
                column,
                code,
                f"{self._counts[code] - MAX_PROBLEMS_PER_RULE:,} more {code} problems from here on are not listed "
                f"(only the first {MAX_PROBLEMS_PER_RULE} of each kind are); the first: {message}",
            )
            for code, (line, column, message) in self._first_unlisted.items()
        ]
        return self._kept + unlisted


@dataclass(frozen=True)
class Limit:
    """One limit on a content file, as the field reference states it."""

    name: str
    value: str
    meaning: str
    code: str  # the rule that refuses a file over it


def stated_limits() -> list[Limit]:
    """Every limit on the work one content file may cause, from the constants that enforce them."""
    markup = " ".join(MARKUP_CHARACTERS)
    return [
        Limit(
            "File size",
            f"{MAX_FILE_BYTES:,} bytes",
            "The whole file, front matter and text. Keep entries short and link to longer documents.",
            "KB002",
        ),
        Limit(
            "Front matter depth",
            f"{MAX_NESTING_DEPTH} levels",
            "How deep fields may nest in the front matter.",
            "KB014",
        ),
        Limit("Lines of text", f"{MAX_LINES:,}", "Lines of the text after the front matter.", "KB444"),
        Limit(
            "Blocks",
            f"{MAX_BLOCKS:,}",
            "Paragraphs, lists, tables, quotes and other blocks of the text: lines with no blank line "
            "between them make one block.",
            "KB442",
        ),
        Limit(
            "Markup characters",
            f"{MAX_MARKUP:,}",
            f"Characters that can be markup, wherever they stand: {markup}. An entry of a few pages uses a "
            "few hundred.",
            "KB443",
        ),
        Limit(
            "Markup density",
            f"{MAX_MARKUP_DENSITY:,}",
            "Each block's length in characters times its markup characters, summed over the text. "
            "Paragraphs of a few hundred characters never come near it; one of 40,000 characters with 10,000 "
            "of them markup reaches it.",
            "KB441",
        ),
        Limit(
            "Searching for closers",
            f"{MAX_CLOSER_SEARCH:,} characters",
            "Rendering reads on from each '[' to its ']', from a link's '(' to its ')', and from each run of "
            "backticks to the next run of the same length; an opener never closed reads to the end of its "
            "paragraph. The characters read are summed over the text.",
            "KB440",
        ),
        Limit(
            "Problems listed",
            f"{MAX_PROBLEMS_PER_RULE} per rule and file",
            "Further problems of the same kind in the file are counted in one more message.",
            "",
        ),
    ]


def fenced_code_lines(lines: list[str]) -> list[bool]:
    """Which lines Python-Markdown's fenced_code extension reads as code.

    As its FENCED_BLOCK_RE: a fence at the very start of a line opens a block
    that the next line holding the same fence alone closes; a fence never
    closed is text, and so is an indented one. Found by pairing, in one pass
    and a lookup per fence, rather than by that pattern, which searches to the
    end of the text from every fence that is not closed.
    """
    # Python-Markdown expands tabs before it looks for fences.
    fences = [line.expandtabs(TAB_WIDTH) if line[:1] in "`~" else "" for line in lines]
    closers: dict[str, list[int]] = defaultdict(list)
    for index, line in enumerate(fences):
        closing = _FENCE_CLOSER.fullmatch(line) if line else None
        if closing:
            closers[closing.group(1)].append(index)
    code = [False] * len(lines)
    index = 0
    while index < len(lines):
        opening = _FENCE_OPENER.fullmatch(fences[index]) if fences[index] else None
        if opening:
            candidates = closers.get(opening.group(1), [])
            after = bisect.bisect_right(candidates, index)
            if after < len(candidates):
                closing_index = candidates[after]
                code[index : closing_index + 1] = [True] * (closing_index + 1 - index)
                index = closing_index + 1
                continue
        index += 1
    return code


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


def may_nest_too_deep(text: str) -> bool:
    """Whether some line's prefix is long enough to nest deeper than MAX_TEXT_NESTING (its depth is at most that)."""
    return _DEEP_PREFIX.search("\n" + text) is not None


def nests_too_deep(text: str) -> bool:
    """Whether a line outside fenced code nests deeper than MAX_TEXT_NESTING (KB414): the renderer would fail."""
    if not may_nest_too_deep(text):
        return False
    lines = text.split("\n")
    code = fenced_code_lines(lines)
    return any(not code[index] and nesting_depth(line) > MAX_TEXT_NESTING for index, line in enumerate(lines))


FAMILY = Family(
    name="work",
    title="Bounded work",
    about="Text that would keep the validator and the build busy: each limit is stated under Limits.",
    rules=(
        Rule(
            "KB440",
            (
                "The text leaves brackets, link parentheses or runs of backticks open (or closes them far away): "
                "rendering searches on from each for its closer, and the searches add up to more than the limit stated "
                "under Limits."
            ),
            fails=Example("[" * 2_000, Where.BODY, shown="a paragraph of 2,000 '[' characters"),
            passes=Example("[a link](https://example.org), `code`, and \\[ for a bracket as text", Where.BODY),
        ),
        Rule(
            "KB441",
            (
                "A paragraph (or list, table or quote) is so long and so full of markup that rendering it would take "
                "too long: its length times its markup characters, summed over the text, is over the limit stated "
                "under Limits."
            ),
            fails=Example(
                "`a` word word word " * 4_900,
                Where.BODY,
                shown="one paragraph of 93,000 characters, a code span in every 19: '`a` word word word `a` ...'",
            ),
            passes=Example("`a` " * 50, Where.BODY, shown="the same text in paragraphs of a few hundred characters"),
        ),
        Rule(
            "KB442",
            (
                "The text has more paragraphs, lists, tables and other blocks (separated by blank lines) than the "
                "limit stated under Limits."
            ),
            fails=Example("a\n\n" * 2_500, Where.BODY, shown="'a' and a blank line, 2,500 times"),
            passes=Example("a\n\n" * 30, Where.BODY, shown="an entry of a few dozen paragraphs"),
        ),
        Rule(
            "KB443",
            "The text has more markup characters than the limit stated under Limits.",
            fails=Example(" ".join(["`a`"] * 6_000), Where.BODY, shown="6,000 code spans"),
            passes=Example("plain sentences, with [links](https://example.org) where they help", Where.BODY),
        ),
        Rule(
            "KB444",
            "The text has more lines than the limit stated under Limits; it is checked further once it is within it.",
            fails=Example("\n" * 12_000, Where.BODY, shown="a body of 12,000 empty lines"),
            passes=Example("\n" * 100, Where.BODY, shown="an entry of a few hundred lines"),
        ),
    ),
    checks=(
        "kb.checks.render_limits.check_rendering_work",
        "kb.checks.render_limits.check_line_count",
        "kb.content.loading.load_file",
    ),
)
