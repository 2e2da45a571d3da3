"""Hand-written pages: every Markdown file under docs/ that is not an entry.

MkDocs reads a page's metadata itself, from YAML front matter or, when there
is none, from MultiMarkdown-style ``key: value`` lines at the top, and hands
all of it to the theme. Material writes ``title`` and ``description`` into
every page as they stand (the title also into the navigation of every other
page) and reads other keys (``template``, ``hide``, ...) to steer the page.
So a page's front matter is read here as strictly as an entry's, against
schema/page.schema.json; MkDocs must find exactly the same front matter
(KB015); its fields and text pass the rules an entry's pass; and the build
hands the theme only the schema's fields, escaped (``theme_meta``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from jsonschema.protocols import Validator

from kb.checks.body_rules import check_body_security, check_front_matter_security
from kb.checks.buildable import check_field_characters, check_text_builds
from kb.checks.titles import Titled, check_title_characters
from kb.content.loading import FRONT_MATTER_FENCE, LoadedFile, parse_text, read_text, split_front_matter
from kb.content.schema_check import check_against_schema
from kb.core.diagnostics import Diagnostic

PAGE_SCHEMA = "page.schema.json"

# How MkDocs 1.6 finds a page's metadata (mkdocs/utils/meta.py); a test keeps
# these equal to MkDocs' own.
MKDOCS_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
MKDOCS_META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")


def load_page(path: Path, display: str) -> LoadedFile:
    """A hand-written page: its front matter, if it has one, read strictly; never raises."""
    text, problems = read_text(path, display)
    if text is None:
        failed = LoadedFile(display, None, "", 1, 1)
        failed.diagnostics += problems
        return failed
    return parse_page(text, display)


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


def check_page(loaded: LoadedFile, validator: Validator) -> list[Diagnostic]:
    """Every problem of one hand-written page, at its line and column."""
    problems = list(loaded.diagnostics)
    if loaded.data is None:
        return problems  # unreadable front matter is its only problem
    if loaded.data:
        problems += check_against_schema(loaded, validator)
        problems += check_front_matter_security(loaded, [])
        problems += check_field_characters(loaded)
        title = loaded.data.get("title")
        if isinstance(title, str):
            where = loaded.locate(("title",))
            problems += check_title_characters(Titled(loaded.path, title, where.line, where.column))
    problems += check_body_security(loaded)
    problems += check_text_builds(loaded)
    return problems


def page_fields(schema: Mapping[str, Any]) -> tuple[str, ...]:
    """The fields a hand-written page may set, from its schema."""
    return tuple(schema.get("properties", {}))


def theme_meta(meta: Mapping[str, Any], fields: Iterable[str]) -> dict[str, str]:
    """What a hand-written page hands the theme: the schema's fields, HTML-escaped, and nothing else.

    Material writes these into the page and every navigation as they stand,
    so they are escaped here as an entry's title and summary are
    (kb.core.html_policy.template_meta); any other key MkDocs read is dropped.
    """
    return {name: html.escape(meta[name], quote=True) for name in fields if isinstance(meta.get(name), str)}
