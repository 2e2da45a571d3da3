"""Source markers against an entry's sources (KB801 to KB806).

Every marker names a listed source, every source is cited, a practice that
cites the web marks each section, and a link label is never a number. What
counts as a marker is decided by the scanner the page uses too
(kb.content.source_markers).
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from kb.checks.family import EXAMPLE_FIELDS, EXAMPLE_URL_SOURCE, Example, Family, Rule, Where
from kb.content.loading import LoadedFile
from kb.content.source_markers import (
    REFERENCE_DEFINITION,
    Marker,
    Section,
    find_markers,
    line_starts,
    sections,
    without_code,
)
from kb.core.diagnostics import Diagnostic
from kb.core.kinds import PRACTICE, Kind
from kb.core.markdown import mask_comments

SHOWN_TITLE_LENGTH = 60
_NUMBER_LABEL = re.compile(r"[ \t]*\d[\d \t,]*")


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
    starts = line_starts(text)
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
        for match in REFERENCE_DEFINITION.finditer(without_code(text)):
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


def _with_web_source(body: str) -> str:
    """The example practice, its source given a web address, with ``body`` as its text."""
    fields = EXAMPLE_FIELDS.replace("  - title: Test source document\n    locator: Section 1", EXAMPLE_URL_SOURCE)
    return f"---\n{fields}\n---\n\n{body}"


FAMILY = Family(
    name="markers",
    title="Source markers",
    about="The numbered markers in entry text that point to the entry's sources.",
    rules=(
        Rule(
            "KB801",
            (
                "A marker in the text names a source the entry does not list: markers count the sources from 1, in the "
                "order of the sources field."
            ),
            fails=Example("As the report says [3].", Where.BODY),
            passes=Example("As the report says [1].", Where.BODY),
        ),
        Rule(
            "KB802",
            (
                "A listed source is not cited by any marker in the text (a warning). Every practice cites each of its "
                "sources; other entries do once their text uses markers."
            ),
            fails=Example(
                "sources:\n  - title: Test source document\n    locator: Section 1\n"
                "  - title: Another document\n    locator: Page 2",
                shown="sources: [A, B] with only [1] in the text",
            ),
            passes=Example(
                "sources:\n  - title: Test source document\n    locator: Section 1",
                shown="sources: [A] with [1] in the text",
            ),
        ),
        Rule(
            "KB803",
            (
                "A section of a practice's text (a '## ' heading and what follows it, or the text before the first "
                "heading) has no marker, though the practice lists a source with a web address."
            ),
            fails=Example(
                where=Where.FILE,
                text=_with_web_source(
                    "## What it is\n\nA visit [1].\n\n## How it works\n\nVolunteers visit schools.\n"
                ),
                shown="## How it works\\nVolunteers visit schools.",
            ),
            passes=Example(
                where=Where.FILE,
                text=_with_web_source("## How it works\n\nVolunteers visit schools [1].\n"),
                shown="## How it works\\nVolunteers visit schools [1].",
            ),
        ),
        Rule(
            "KB804",
            "Square brackets hold numbers in a form that is not a marker, such as a range or a semicolon.",
            fails=Example("As the reports say [1-3].", Where.BODY),
            passes=Example("As the report says [1].", Where.BODY),
        ),
        Rule(
            "KB805",
            (
                "A marker stands in a heading or inside other square brackets, such as a link's text, where it cannot "
                "become a link to the source."
            ),
            fails=Example("## How it works [1]", Where.BODY),
            passes=Example("[the report](https://example.org) [1]", Where.BODY),
        ),
        Rule(
            "KB806",
            "A reference-style link is labelled with a number, which the text would read as a source marker.",
            fails=Example(
                "[the report][1]\n\n[1]: https://example.org/report",
                Where.BODY,
                shown="[the report][1] with [1]: https://example.org/report",
            ),
            passes=Example(
                "[the report][report]\n\n[report]: https://example.org/report",
                Where.BODY,
                shown="[the report][report] with [report]: https://example.org/report",
            ),
        ),
    ),
    checks=("kb.checks.marker_rules.check_markers",),
)
