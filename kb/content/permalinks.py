"""Permanent URLs: every published path keeps working, or the build says what to add.

Organisers print our links in programmes and reports that live for years. So:

- ``permalinks.txt`` (committed) lists every path the site has published: the
  page of each entry and the files derived from it, and the open data files.
  ``python scripts/permalinks.py`` adds new paths; it never removes one.
- ``redirects.yaml`` maps the old id of a renamed or merged entry to the id
  that replaces it; the build publishes a small page at each old address.
- A published path that is neither live nor redirected fails validation (and
  so the build), saying which line to add (kb.checks.permalink_rules).

This module reads and writes the two files and says which paths the content
publishes: plain data in, plain data and diagnostics out, no site engine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from jsonschema.protocols import Validator

from kb.content.loading import LoadedFile, parse_text
from kb.content.schema_check import check_against_schema
from kb.core.diagnostics import Diagnostic
from kb.core.kinds import COLLECTION, KIND_BY_FOLDER, KINDS, Kind
from kb.core.urls import (
    DATA_INDEX_PATH,
    FEED_PATH,
    collection_data_path,
    compact_url,
    entry_url,
    export_schema_file,
    handout_url,
    kind_data_path,
    schema_data_path,
)

MANIFEST_FILE = "permalinks.txt"
REDIRECTS_FILE = "redirects.yaml"
REDIRECTS_SCHEMA = "redirects.schema.json"
MANIFEST_HEADER = """\
# Every path this site has published, one per line, relative to the site's
# address. A published link must keep working for good: the build fails when
# one of these is neither a page nor a redirect (see redirects.yaml).
# Add new paths with `make permalinks`; never delete a line by hand.
"""
# A site path: lowercase segments, ending in '/' (a page) or a file extension.
_PATH = re.compile(r"^(?:[a-z0-9][a-z0-9._-]*/)*(?:[a-z0-9][a-z0-9._-]*\.[a-z0-9]+)?$")


def entry_paths(kind: Kind, entry_id: str, languages: Iterable[str] = ()) -> list[str]:
    """The paths published for one entry, its page first; with ``languages`` (besides English), its
    pages in each of those languages' editions too (data files are published once)."""
    paths = [entry_url(kind.folder, entry_id)]
    if kind is COLLECTION:
        paths += [
            handout_url(entry_id),
            compact_url(entry_id),
            collection_data_path(entry_id, "json"),
            collection_data_path(entry_id, "csv"),
        ]
    return paths + [f"{language}/{path}" for language in languages for path in paths if path.endswith("/")]


def data_paths(schema_files: Iterable[str]) -> list[str]:
    """The open data files, which exist whatever the content."""
    paths = [DATA_INDEX_PATH, FEED_PATH]
    for kind in KINDS:
        paths += [kind_data_path(kind.folder, "json"), kind_data_path(kind.folder, "csv")]
        paths.append(schema_data_path(export_schema_file(kind.folder)))
    paths += [schema_data_path(name) for name in schema_files]
    return paths


def published_paths(
    ids_by_kind: Mapping[Kind, Iterable[str]], schema_files: Iterable[str], languages: Iterable[str] = ()
) -> list[str]:
    """Every path the content publishes; ``languages``: the editions besides the original (English)."""
    others = tuple(languages)
    paths = [p for kind in KINDS for entry_id in ids_by_kind.get(kind, ()) for p in entry_paths(kind, entry_id, others)]
    return sorted(set(paths + data_paths(schema_files)))


@dataclass
class Redirects:
    """Old id -> new id per kind, with where each is written for messages."""

    by_kind: dict[Kind, dict[str, str]] = field(default_factory=dict)
    loaded: LoadedFile | None = None

    def paths(self, languages: Iterable[str] = ()) -> dict[str, str]:
        """Every old published path -> the path that now serves it, in every edition of ``languages``."""
        others = tuple(languages)
        moved: dict[str, str] = {}
        for kind, mapping in self.by_kind.items():
            for old, new in mapping.items():
                moved.update(zip(entry_paths(kind, old, others), entry_paths(kind, new, others), strict=True))
        return moved


def load_redirects(path: Path, display: str, validator: Validator) -> tuple[Redirects, list[Diagnostic]]:
    """redirects.yaml read as strictly as content, checked against its schema."""
    if not path.is_file():
        return Redirects(), []
    text = path.read_text(encoding="utf-8-sig")
    # The loader reads front matter: fence the file and shift lines back.
    loaded = parse_text(f"---\n{text}\n---\n", display)
    problems = [_shift(d) for d in loaded.diagnostics]
    if loaded.data is None:
        return Redirects(), problems
    problems += [_shift(d) for d in check_against_schema(loaded, validator)]
    if problems:
        return Redirects(loaded=loaded), problems
    by_kind = {KIND_BY_FOLDER[folder]: dict(mapping) for folder, mapping in loaded.data.items() if mapping}
    return Redirects(by_kind, loaded), []


def _shift(diagnostic: Diagnostic) -> Diagnostic:
    return Diagnostic(
        diagnostic.path,
        max(1, diagnostic.line - 1),
        diagnostic.column,
        diagnostic.code,
        diagnostic.message,
        diagnostic.severity,
    )


def read_manifest(path: Path, display: str) -> tuple[list[tuple[int, str]], list[Diagnostic]]:
    """(line number, path) for each published path in the manifest."""
    if not path.is_file():
        message = f"{MANIFEST_FILE} is missing; create it with `make permalinks` and commit it"
        return [], [Diagnostic(display, 1, 1, "KB713", message)]
    entries, problems = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not _PATH.fullmatch(stripped) or stripped == "":
            problems.append(
                Diagnostic(
                    display,
                    number,
                    1,
                    "KB713",
                    f"'{stripped}' is not a site path; write it as in the site, such as 'practices/some-id/' "
                    "(no leading slash; pages end with '/')",
                )
            )
            continue
        entries.append((number, stripped))
    return entries, problems


def missing_from_manifest(manifest: Iterable[str], live: Iterable[str]) -> list[str]:
    return sorted(set(live) - set(manifest))


def write_manifest(path: Path, existing: Iterable[str], live: Iterable[str]) -> list[str]:
    """Add the live paths to the manifest, keeping every path ever published; returns those added."""
    existing = set(existing)
    added = missing_from_manifest(existing, live)
    lines = sorted(existing | set(added))
    path.write_text(MANIFEST_HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return added


def redirect_targets(redirects: Redirects) -> dict[str, tuple[Kind, str, str]]:
    """Old path -> (kind, new id, new path), for writing the redirect pages and files."""
    targets = {}
    for kind, mapping in redirects.by_kind.items():
        for old, new in mapping.items():
            for old_path, new_path in zip(entry_paths(kind, old), entry_paths(kind, new), strict=True):
                targets[old_path] = (kind, new, new_path)
    return targets
