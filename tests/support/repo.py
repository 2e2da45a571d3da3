"""Throwaway copies of the repository, with the frozen test content or the real content.

Tests of behaviour run on the test content in tests/fixtures/content/ (see its
README): a small knowledge base that never changes, so they can assert exact
counts, titles and pages. Tests of the real content in docs/ assert only what
must hold for any valid content, and say so by asking for it (``real=True``,
``REAL_ENTRY_FILES``).
"""

from __future__ import annotations

import os
import shutil
from functools import cache
from pathlib import Path

from kb.content.catalogue import Catalogue, load_catalogue
from kb.content.discovery import Layout
from kb.content.speech import Speech, speech_for
from kb.content.translations import TRANSLATIONS_FOLDER
from kb.core.kinds import KINDS

REPOSITORY = Path(__file__).resolve().parents[2]
FIXTURE = REPOSITORY / "tests" / "fixtures" / "content"
CONTENT_FOLDERS = ("docs", "schema", "overrides", "i18n")
CONTENT_FILES = ("site.yml", "permalinks.txt", "redirects.yaml")
ENTRY_DATA_FILES = ("permalinks.txt", "redirects.yaml")  # they name entries, so they go with them
ROOT_DATA_FILES = ("redirects.yaml",)  # a case may replace these as well as files in docs/


def copy_content(target: Path, *, real: bool = False) -> Path:
    """Copy what a build needs into ``target``: the test content's entries, or with ``real`` the real ones."""
    for folder in CONTENT_FOLDERS:
        shutil.copytree(REPOSITORY / folder, target / folder)
    for name in CONTENT_FILES:
        shutil.copy2(REPOSITORY / name, target / name)
    if not real:
        for kind in KINDS:
            shutil.rmtree(target / "docs" / kind.folder, ignore_errors=True)
            shutil.copytree(FIXTURE / "docs" / kind.folder, target / "docs" / kind.folder)
        # The real translations translate the real entries; the test content's go with its entries.
        shutil.rmtree(target / "docs" / TRANSLATIONS_FOLDER, ignore_errors=True)
        if (FIXTURE / "docs" / TRANSLATIONS_FOLDER).is_dir():
            shutil.copytree(FIXTURE / "docs" / TRANSLATIONS_FOLDER, target / "docs" / TRANSLATIONS_FOLDER)
        for name in ENTRY_DATA_FILES:
            shutil.copy2(FIXTURE / name, target / name)
    return target


def fixture_layout() -> Layout:
    """The test content as the validator sees it, read in place with the repository's schemas."""
    return Layout(FIXTURE, FIXTURE / "docs", REPOSITORY / "schema")


def entry_files(root: Path, folder: str | None = None) -> list[Path]:
    """Every entry file under ``root``/docs (of one kind's folder, if given); never an empty list.

    A loop over no files passes without checking anything, so finding none is
    an error here rather than a silent pass.
    """
    folders = [folder] if folder else [kind.folder for kind in KINDS]
    found = sorted(path for name in folders for path in (root / "docs" / name).glob("*.md"))
    if not found:
        raise AssertionError(f"no entry files in {root / 'docs'} ({', '.join(folders)}): nothing would be checked")
    return found


FIXTURE_ENTRY_FILES = entry_files(FIXTURE)
REAL_ENTRY_FILES = entry_files(REPOSITORY)


def overlay(case_dir: Path, target: Path) -> list[Path]:
    """Copy a case's files over the content; returns the files it adds."""
    added = []
    for source in sorted(case_dir.rglob("*")):
        relative = source.relative_to(case_dir)
        if (source.is_dir() and not source.is_symlink()) or (
            relative.parts[0] != "docs" and relative.as_posix() not in ROOT_DATA_FILES
        ):
            continue
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():  # a case about links keeps its link, never what it points to
            os.symlink(os.readlink(source), destination)
        else:
            shutil.copy2(source, destination)
        added.append(destination)
    return added


@cache
def repository_catalogue() -> Catalogue:
    return load_catalogue(Layout.for_root(REPOSITORY))


def speech(language: str = "en") -> Speech:
    """How pages speak ``language``, with the repository's strings and vocabularies."""
    return speech_for(repository_catalogue(), language)
