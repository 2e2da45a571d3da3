"""Nothing lost: every content file is published as exactly one page that holds it.

MkDocs drops files silently (dot-files, docs/templates/, a README.md beside
an index.md) and lets two files write the same page. The validator refuses
these (KB407, KB408), and this check proves it on the built site itself:
each Markdown file under docs/ maps to its own page, and an entry's page
holds its title and its whole text.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import threading
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import markdown

from kb.body_rules import MARKDOWN_CONFIG, MARKDOWN_EXTENSIONS

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
    body_texts: Mapping[str, str] | None = None,
) -> list[str]:
    """Problems, one sentence each: ``sources`` are the Markdown files under docs/
    (relative, as MkDocs names them), ``published`` maps each file MkDocs
    publishes to its page in the site. ``body_texts`` are ``expected_body_texts``
    of ``expected`` when the caller had them made elsewhere (in another process)."""
    if body_texts is None:
        body_texts = expected_body_texts({source: e.body for source, e in expected.items()})
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
            continue
        page = site_dir / published[source]
        if not page.is_file():
            problems.append(f"docs/{source} should be published as {published[source]}, which was not written")
            continue
        if source in expected:
            problems += _missing_text(source, page, expected[source].title, body_texts.get(source, ""))
    return problems


def expected_body_texts(bodies: Mapping[str, str]) -> dict[str, str]:
    """The visible text of each Markdown body, rendered on its own as the site renders Markdown.

    Rendering is most of the check's cost (1.4 s per 1,000 practices), and it
    needs nothing from the build, so the build runs it in another process.
    """
    renderer = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), extension_configs=MARKDOWN_CONFIG)
    return {source: page_text(renderer.reset().convert(body)) for source, body in bodies.items()}


class BodyTextsError(Exception):
    pass


class BodyTextsElsewhere:
    """``expected_body_texts`` worked out by a child Python process while this one goes on.

    A plain child process rather than multiprocessing: that would run the
    parent's main script again in the child, which breaks any caller that
    drives MkDocs from a script of its own.
    """

    def __init__(self, bodies: Mapping[str, str]) -> None:
        package_root = str(Path(__file__).resolve().parent.parent)
        environment = os.environ | {
            "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
        }
        self._process = subprocess.Popen(
            [sys.executable, "-m", "kb.published"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=environment,
        )
        request = json.dumps(dict(bodies)).encode("utf-8")
        self._output: tuple[bytes, bytes] = (b"", b"")
        # communicate() on a thread: it only waits on pipes, so this process keeps building.
        self._talking = threading.Thread(target=self._talk, args=(request,), daemon=True)
        self._talking.start()

    def _talk(self, request: bytes) -> None:
        self._output = self._process.communicate(request)

    def result(self) -> dict[str, str]:
        self._talking.join()
        stdout, stderr = self._output
        if self._process.returncode != 0:
            message = stderr.decode("utf-8", "replace")[-2000:]
            raise BodyTextsError(f"the entries' texts could not be rendered for the check: {message}")
        texts: dict[str, str] = json.loads(stdout)
        return texts

    def cancel(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._talking.join()


def _missing_text(source: str, page: Path, title: str, body: str) -> list[str]:
    text = page_text(page.read_text(encoding="utf-8"))
    problems = []
    if _normal(title) not in text:
        problems.append(f"the page of docs/{source} does not show its title '{title}'")
    if body and body not in text:
        problems.append(f"the page of docs/{source} does not hold its whole text (it starts '{body[:60]}')")
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


if __name__ == "__main__":
    # The child of BodyTextsElsewhere: bodies by source as JSON in, their texts as JSON out.
    json.dump(expected_body_texts(json.load(sys.stdin)), sys.stdout)
