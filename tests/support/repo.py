"""Throwaway copies of the repository's content, for tests that change it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
CONTENT_FOLDERS = ("docs", "schema", "overrides")
CONTENT_FILES = ("mkdocs.yml", "permalinks.txt", "redirects.yaml")
ROOT_DATA_FILES = ("redirects.yaml",)  # a case may replace these as well as files in docs/


def copy_content(target: Path) -> Path:
    """Copy docs/ and schema/ (and what a build needs) into ``target``."""
    for folder in CONTENT_FOLDERS:
        shutil.copytree(REPOSITORY / folder, target / folder)
    for name in CONTENT_FILES:
        shutil.copy2(REPOSITORY / name, target / name)
    # The hooks file is referenced relative to mkdocs.yml.
    shutil.copytree(REPOSITORY / "kb", target / "kb", ignore=shutil.ignore_patterns("__pycache__"))
    return target


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
