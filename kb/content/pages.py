"""Hand-written pages: every Markdown file under docs/ that is not an entry.

MkDocs reads a page's metadata itself, from YAML front matter or, when there
is none, from MultiMarkdown-style ``key: value`` lines at the top, and hands
all of it to the theme. Material writes ``title`` and ``description`` into
every page as they stand (the title also into the navigation of every other
page) and reads other keys (``template``, ``hide``, ...) to steer the page.
So a page's front matter is read here as strictly as an entry's, and
MkDocs must find exactly the same front matter (KB015). Its fields and text
then pass the rules an entry's pass (kb.checks.page_rules), and the build
hands the theme only the schema's fields, escaped (kb.build.theme_meta).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kb.content.loading import FRONT_MATTER_FENCE, LoadedFile, load_file, parse_text, split_front_matter
from kb.core.diagnostics import Diagnostic

PAGE_SCHEMA = "page.schema.json"

# How MkDocs 1.6 finds a page's metadata (mkdocs/utils/meta.py); a test keeps
# these equal to MkDocs' own.
MKDOCS_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
MKDOCS_META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")


def load_page(path: Path, display: str) -> LoadedFile:
    """A hand-written page: its front matter, if it has one, read strictly; never raises."""
    return load_file(path, display, parse_page)


def parse_page(text: str, display: str) -> LoadedFile:
    normal = text.replace("\r\n", "\n").replace("\r", "\n")
    first_line = normal.split("\n", 1)[0]
    if first_line.rstrip() == FRONT_MATTER_FENCE:
        loaded = parse_text(text, display)
        split = split_front_matter(text)
        mkdocs = MKDOCS_FRONT_MATTER.match(normal)
        if loaded.data is not None and (mkdocs is None or split is None or mkdocs.group(1) != split.yaml_text):
            loaded.data = None  # what MkDocs would read is unknown: no other check can speak for it
            loaded.diagnostics.append(
                Diagnostic(
                    display,
                    1,
                    1,
                    "KB015",
                    "MkDocs would not read this front matter as the validator does: open and close it with "
                    "lines of exactly '---' (spaces and tabs may follow), the closing one followed by a line break",
                )
            )
        return loaded
    if MKDOCS_META_LINE.match(first_line):
        failed = LoadedFile(display, None, "", 1, 1)
        failed.diagnostics.append(
            Diagnostic(
                display,
                1,
                1,
                "KB015",
                f"MkDocs reads '{first_line[:40]}' at the top of a page as page metadata, past the validator; "
                "put fields in front matter between two '---' lines, or start the page with a heading",
            )
        )
        return failed
    return LoadedFile(display, {}, normal, 1, 1)


def page_fields(schema: Mapping[str, Any]) -> tuple[str, ...]:
    """The fields a hand-written page may set, from its schema."""
    return tuple(schema.get("properties", {}))
