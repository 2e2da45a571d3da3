"""Permanent URLs: every published path keeps working, or the build says what to add.

Organisers print our links in programmes and reports that live for years. So:

- ``permalinks.txt`` (committed) lists every path the site has published: the
  page of each entry and the files derived from it, and the open data files.
  ``python scripts/permalinks.py`` adds new paths; it never removes one.
- ``redirects.yaml`` maps the old id of a renamed or merged entry to the id
  that replaces it; the build publishes a small page at each old address.
- A published path that is neither live nor redirected fails validation (and
  so the build), saying which line to add.

Everything here is plain data in, diagnostics out: no site engine needed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html import escape
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


def entry_paths(kind: Kind, entry_id: str) -> list[str]:
    """The paths published for one entry, its page first."""
    paths = [entry_url(kind.folder, entry_id)]
    if kind is COLLECTION:
        paths += [
            handout_url(entry_id),
            compact_url(entry_id),
            collection_data_path(entry_id, "json"),
            collection_data_path(entry_id, "csv"),
        ]
    return paths


def data_paths(schema_files: Iterable[str]) -> list[str]:
    """The open data files, which exist whatever the content."""
    paths = [DATA_INDEX_PATH, FEED_PATH]
    for kind in KINDS:
        paths += [kind_data_path(kind.folder, "json"), kind_data_path(kind.folder, "csv")]
        paths.append(schema_data_path(export_schema_file(kind.folder)))
    paths += [schema_data_path(name) for name in schema_files]
    return paths


def published_paths(ids_by_kind: Mapping[Kind, Iterable[str]], schema_files: Iterable[str]) -> list[str]:
    paths = [p for kind in KINDS for entry_id in ids_by_kind.get(kind, ()) for p in entry_paths(kind, entry_id)]
    return sorted(set(paths + data_paths(schema_files)))


@dataclass
class Redirects:
    """Old id -> new id per kind, with where each is written for messages."""

    by_kind: dict[Kind, dict[str, str]] = field(default_factory=dict)
    loaded: LoadedFile | None = None

    def paths(self) -> dict[str, str]:
        """Every old published path -> the path that now serves it."""
        moved: dict[str, str] = {}
        for kind, mapping in self.by_kind.items():
            for old, new in mapping.items():
                moved.update(zip(entry_paths(kind, old), entry_paths(kind, new), strict=True))
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


def check_permalinks(
    manifest: list[tuple[int, str]],
    manifest_display: str,
    ids_by_kind: Mapping[Kind, set[str]],
    schema_files: Iterable[str],
    redirects: Redirects,
) -> list[Diagnostic]:
    """Every published path is still served, and every redirect can be followed."""
    problems = _check_redirects(redirects, ids_by_kind)
    live = set(published_paths(ids_by_kind, schema_files))
    moved = redirects.paths()
    published = {path for _, path in manifest}
    reported: set[tuple[str, str]] = set()
    for line, path in manifest:
        if path in live or path in moved:
            continue
        owner = _owner(path)
        if owner is None:
            message = (
                f"{path} was published and is gone: the build no longer writes it. "
                "Published addresses are permanent; restore what wrote it"
            )
        else:
            kind, old = owner
            if (kind.folder, old) in reported:
                continue  # one message per entry, not one per derived file
            reported.add((kind.folder, old))
            message = _gone_entry_message(kind, old, ids_by_kind[kind], published)
        problems.append(Diagnostic(manifest_display, line, 1, "KB710", message))
    return problems


def _owner(path: str) -> tuple[Kind, str] | None:
    """The entry a published path belongs to, if it belongs to one."""
    for kind in KINDS:
        match = re.fullmatch(rf"{kind.folder}/([a-z0-9-]+)/(?:handout/|compact/)?", path)
        if match and (kind is COLLECTION or path.count("/") == 2):
            return kind, match[1]
    match = re.fullmatch(r"data/collections/([a-z0-9-]+)\.(?:json|csv)", path)
    return (COLLECTION, match[1]) if match else None


def _gone_entry_message(kind: Kind, old: str, live_ids: set[str], published: set[str]) -> str:
    unpublished = sorted(i for i in live_ids if entry_url(kind.folder, i) not in published)
    guess = difflib.get_close_matches(old, unpublished, n=1, cutoff=0.5) or (
        unpublished if len(unpublished) == 1 else []
    )
    new = guess[0] if guess else "new-id"
    hint = (
        f" ('{new}' is new and looks like its successor)"
        if guess
        else f", where new-id is the {kind.name} that replaces it"
    )
    return (
        f"{entry_url(kind.folder, old)} was published and is gone: add `{old}: {new}` under `{kind.folder}:` "
        f"in {REDIRECTS_FILE}{hint}, or restore docs/{kind.folder}/{old}.md"
    )


def _check_redirects(redirects: Redirects, ids_by_kind: Mapping[Kind, set[str]]) -> list[Diagnostic]:
    loaded = redirects.loaded
    if loaded is None:
        return []
    problems = []
    for kind, mapping in redirects.by_kind.items():
        for old, new in mapping.items():
            where = loaded.locate_key((kind.folder, old))
            line = max(1, where.line - 1)

            def problem(code: str, message: str, line: int = line, column: int = where.column) -> None:
                problems.append(Diagnostic(loaded.path, line, column, code, message))

            if old in ids_by_kind[kind]:
                problem(
                    "KB711",
                    f"{kind.folder}.{old}: docs/{kind.folder}/{old}.md is still a page, so this redirect "
                    f"would never be followed; remove the redirect, or delete the page if it was merged into '{new}'",
                )
            if new not in ids_by_kind[kind]:
                onward = mapping.get(new)
                if onward is not None:
                    hint = f"'{new}' itself moved to '{onward}'; write `{old}: {onward}`"
                else:
                    match = difflib.get_close_matches(new, sorted(ids_by_kind[kind]), n=1, cutoff=0.6)
                    hint = f"did you mean '{match[0]}'?" if match else f"no docs/{kind.folder}/{new}.md exists"
                problem("KB712", f"{kind.folder}.{old}: the target '{new}' is not a {kind.name} ({hint})")
    return problems


def missing_from_manifest(manifest: Iterable[str], live: Iterable[str]) -> list[str]:
    return sorted(set(live) - set(manifest))


def write_manifest(path: Path, existing: Iterable[str], live: Iterable[str]) -> list[str]:
    """Add the live paths to the manifest, keeping every path ever published; returns those added."""
    existing = set(existing)
    added = missing_from_manifest(existing, live)
    lines = sorted(existing | set(added))
    path.write_text(MANIFEST_HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return added


def redirect_page(target_url: str, title: str, canonical: str) -> str:
    """A static page that sends readers on: no script, so it works everywhere and under any CSP."""
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Moved: {escape(title)}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<link rel="canonical" href="{escape(canonical)}">\n'
        f'<meta http-equiv="refresh" content="0; url={escape(target_url)}">\n'
        "</head>\n<body>\n"
        f'<p>This page has moved to <a href="{escape(target_url)}">{escape(title)}</a>.</p>\n'
        "</body>\n</html>\n"
    )


def redirect_targets(redirects: Redirects) -> dict[str, tuple[Kind, str, str]]:
    """Old path -> (kind, new id, new path), for writing the redirect pages and files."""
    targets = {}
    for kind, mapping in redirects.by_kind.items():
        for old, new in mapping.items():
            for old_path, new_path in zip(entry_paths(kind, old), entry_paths(kind, new), strict=True):
                targets[old_path] = (kind, new, new_path)
    return targets
