"""Nothing lost: every content file is published as exactly one page that holds it.

MkDocs drops files silently (dot-files, docs/templates/, a README.md beside
an index.md) and lets two files write the same page. The validator refuses
these (KB407, KB408), and this check proves it on the built site itself:
each Markdown file under docs/ maps to its own page, and an entry's page
shows its title and every word of its text, read from the Markdown as
written by another parser (kb.build.source_text).
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kb.build.source_text import first_missing, source_words, words_in

PERMALINK_SIGN = "\N{PILCROW SIGN}"
SHOWN_WORDS = 8  # of the text a page lacks, in the message


@dataclass(frozen=True)
class Expected:
    """What one source file's page must hold."""

    title: str
    body: str = ""  # Markdown as written; the page must show its words in order (kb.build.source_text)


def unpublished(sources: list[str], published: Mapping[str, str], site_dir: Path) -> list[str]:
    """Sources published nowhere, or as a page that was never written, and pages two sources share."""
    problems = []
    writers: dict[str, list[str]] = defaultdict(list)
    for source, destination in published.items():
        writers[destination.casefold()].append(source)
    for destination, names in sorted(writers.items()):
        if len(names) > 1:
            problems.append(f"{' and '.join(sorted(names))} are all published as {destination}; only one survives")
    for source in sorted(sources):
        if source not in published:
            problems.append(f"docs/{source} is not published at all")
        elif not (site_dir / published[source]).is_file():
            problems.append(f"docs/{source} should be published as {published[source]}, which was not written")
    return problems


def missing_text(source: str, page: str, title: str, body: str) -> list[str]:
    """What a finished page fails to show of its entry: the title, or any word of its text.

    The text's words are read from the Markdown as written by a parser of
    their own (kb.build.source_text), never through the function that publishes
    it, so a bug there cannot hide the loss it causes.
    """
    text = page_text(page)
    problems = []
    if _normal(title) not in text:
        problems.append(f"the page of docs/{source} does not show its title '{title}'")
    expected = source_words(body)
    missing = first_missing(expected, words_in(text))
    if missing is not None:
        problems.append(
            f"the page of docs/{source} does not show all of its text: the words from "
            f"'{' '.join(expected[missing : missing + SHOWN_WORDS])}' on (word {missing + 1} of {len(expected)}) "
            "are missing or out of order"
        )
    return problems


# Our pages are well-formed and every attribute value has '>' escaped (Python-Markdown,
# Jinja's autoescape and html.escape all do), so a tag ends at the first '>'.
# A regular expression reads a page ten times faster than html.parser, and a
# misread could only make text look missing: a loud failure, never a silent one.
_HIDDEN_PARTS = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def page_text(markup: str) -> str:
    """The visible text of some HTML, with whitespace and permalink signs normalised."""
    return _normal(html.unescape(_TAG.sub(" ", _HIDDEN_PARTS.sub(" ", markup))))


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace(PERMALINK_SIGN, " ")).strip()
