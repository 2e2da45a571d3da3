"""Nothing lost: every content file is published as exactly one page that holds it.

MkDocs drops files silently (dot-files, docs/templates/, a README.md beside
an index.md) and lets two files write the same page. The validator refuses
these (KB407, KB408), and this check proves it on the built site itself:
each Markdown file under docs/ maps to its own page, and an entry's page
holds its title and its whole text.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from kb.body_rules import markdown_renderer

PERMALINK_SIGN = "\N{PILCROW SIGN}"


@dataclass(frozen=True)
class Expected:
    """What one source file's page must hold."""

    title: str
    body: str = ""  # Markdown; its text must appear on the page as a whole


def check_nothing_lost(
    sources: list[str],
    published: Mapping[str, str],
    site_dir: Path,
    expected: Mapping[str, Expected],
) -> list[str]:
    """Problems, one sentence each: ``sources`` are the Markdown files under docs/
    (relative, as MkDocs names them), ``published`` maps each file MkDocs
    publishes to its page in the site. Pages are read back from ``site_dir``."""
    problems = unpublished(sources, published, site_dir)
    body_texts = expected_body_texts({source: e.body for source, e in expected.items()})
    for source in sorted(set(sources) & set(expected) & set(published)):
        page = site_dir / published[source]
        if page.is_file():
            text = page.read_text(encoding="utf-8")
            problems += missing_text(source, text, expected[source].title, body_texts[source])
    return problems


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


def expected_body_texts(bodies: Mapping[str, str]) -> dict[str, str]:
    """The visible text of each Markdown body, rendered on its own as the site renders Markdown."""
    render = body_text_renderer()
    return {source: render(body) for source, body in bodies.items()}


def body_text_renderer() -> Callable[[str], str]:
    """A function giving a body's visible text; one Markdown instance serves every call."""
    renderer = markdown_renderer()
    return lambda body: page_text(renderer.reset().convert(body))


def missing_text(source: str, page: str, title: str, body_text: str) -> list[str]:
    """What a finished page fails to show of its entry: the title, or the text of its body."""
    text = page_text(page)
    problems = []
    if _normal(title) not in text:
        problems.append(f"the page of docs/{source} does not show its title '{title}'")
    if body_text and body_text not in text:
        problems.append(f"the page of docs/{source} does not hold its whole text (it starts '{body_text[:60]}')")
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
