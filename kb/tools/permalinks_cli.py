"""``python scripts/permalinks.py [--check]``: add newly published paths to permalinks.txt.

Paths are only ever added: a path that is no longer live stays listed, and
validation then asks for a redirect (see kb.checks.permalink_rules).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kb.content.catalogue import read_schemas
from kb.content.discovery import Layout, discover_content_files
from kb.content.languages import LanguagesError, read_languages
from kb.content.permalinks import MANIFEST_FILE, published_paths, read_manifest, write_manifest
from kb.core.kinds import KINDS

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
EXIT_OK, EXIT_OUT_OF_DATE = 0, 1


def live_paths(layout: Layout) -> list[str]:
    """Every path the current content publishes, from the file names alone."""
    files, _ = discover_content_files(layout)
    ids_by_kind = {kind: {path.stem for k, path in files if k is kind} for kind in KINDS}
    schemas, _ = read_schemas(layout)
    try:
        others = read_languages(layout.root).others
    except LanguagesError:
        others = ()  # the validator names the setting to fix (KB821)
    return published_paths(ids_by_kind, schemas, others)


def manifest_paths(layout: Layout) -> list[str]:
    if not layout.manifest_path.is_file():
        return []
    entries, _ = read_manifest(layout.manifest_path, MANIFEST_FILE)
    return [path for _, path in entries]


def missing_paths(layout: Layout) -> list[str]:
    listed = set(manifest_paths(layout))
    return [path for path in live_paths(layout) if path not in listed]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="permalinks.py", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a path is missing")
    parser.add_argument("--root", type=Path, default=REPOSITORY_ROOT, help="the repository (default: this one)")
    args = parser.parse_args(argv)
    layout = Layout.for_root(args.root)
    missing = missing_paths(layout)
    if args.check:
        if missing:
            print(
                f"{MANIFEST_FILE} lacks {len(missing)} published path(s): {', '.join(missing)}. "
                f"Run `make permalinks` and commit {MANIFEST_FILE}.",
                file=sys.stderr,
            )
            return EXIT_OUT_OF_DATE
        return EXIT_OK
    added = write_manifest(layout.manifest_path, manifest_paths(layout), live_paths(layout))
    for path in added:
        print(f"added {path}")
    return EXIT_OK
