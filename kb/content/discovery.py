"""Where the content lives, and the entry files found there.

``Layout`` names the folders and files of one repository and writes paths in
messages relative to it; ``discover_content_files`` finds every entry file of
each kind, with a located problem (KB013) for anything else in an entry
folder; ``Entry`` is one entry file as loaded.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from kb.content.loading import LoadedFile
from kb.content.permalinks import MANIFEST_FILE, REDIRECTS_FILE
from kb.core.diagnostics import Diagnostic
from kb.core.kinds import KINDS, Kind

CONTENT_SUFFIX = ".md"


@dataclass(frozen=True)
class Layout:
    """Where content and schemas live; paths in messages are relative to root."""

    root: Path
    docs_dir: Path
    schema_dir: Path

    @classmethod
    def for_root(cls, root: Path) -> Layout:
        return cls(root, root / "docs", root / "schema")

    @property
    def vocabulary_dir(self) -> Path:
        return self.schema_dir / "vocabularies"

    @property
    def strings_dir(self) -> Path:
        # Beside schema/, not under the content root: a test repository that borrows the
        # schemas borrows the interface's words with them.
        return self.schema_dir.parent / "i18n"

    @cached_property
    def resolved_root(self) -> Path:
        return self.root.resolve()

    @cached_property
    def _root_prefix(self) -> str:
        return str(self.resolved_root).rstrip(os.sep) + os.sep

    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST_FILE

    @property
    def redirects_path(self) -> Path:
        return self.root / REDIRECTS_FILE

    def display(self, path: Path) -> str:
        # Resolving costs several system calls; discovery hands over paths
        # that are already absolute and clean, so try the plain way first.
        text = str(path)
        # A '..' part is looked for in the text: Path.parts parses the path again, thousands of times over.
        if text.startswith(self._root_prefix) and f"{os.sep}..{os.sep}" not in text + os.sep:
            return text[len(self._root_prefix) :].replace(os.sep, "/")
        try:
            return _real(path).relative_to(self.resolved_root).as_posix()
        except ValueError:
            return path.as_posix()


@dataclass
class Entry:
    kind: Kind
    id: str
    path: Path
    loaded: LoadedFile

    @property
    def data(self) -> dict[str, Any]:
        assert self.loaded.data is not None
        return self.loaded.data


def _through_link(path: Path, folder: Path) -> bool:
    """Whether the path, or a folder between it and ``folder``, is a symbolic link."""
    return any(p.is_symlink() for p in (path, *path.parents) if folder in p.parents)


def _real(path: Path) -> Path:
    """The path with its folders resolved but not the file itself, so a symbolic link stays itself."""
    return path.parent.resolve() / path.name


def discover_content_files(layout: Layout) -> tuple[list[tuple[Kind, Path]], list[Diagnostic]]:
    """Every entry file, and a problem for anything in a content folder that is not one."""
    files: list[tuple[Kind, Path]] = []
    problems: list[Diagnostic] = []
    for kind in KINDS:
        folder = (layout.docs_dir / kind.folder).resolve()
        if not folder.is_dir():
            continue
        for path, nested in _walk(folder):
            if not nested and path.suffix == CONTENT_SUFFIX and not path.name.startswith("."):
                files.append((kind, path))
                continue
            if nested:
                why = (
                    f"entries must sit directly in docs/{kind.folder}/; move it there as docs/{kind.folder}/{path.name}"
                )
            elif path.name.startswith("."):
                why = "hidden files are not published; rename it without the leading dot or delete it"
            else:
                why = f"only '{CONTENT_SUFFIX}' entries belong in docs/{kind.folder}/; move or delete this file"
            problems.append(Diagnostic(layout.display(path), 1, 1, "KB013", why))
    return files, problems


def _walk(folder: Path) -> list[tuple[Path, bool]]:
    """Every file under ``folder``, sorted, and whether it sits in a subfolder.

    os.scandir knows from the directory listing which entries are folders, so
    a folder of thousands of entries costs no system call per file.
    """
    found: list[tuple[Path, bool]] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_symlink():
                continue  # never read through a link; check_docs_tree reports it (KB409)
            if entry.is_dir():
                found += [
                    (path, True)
                    for path in Path(entry.path).rglob("*")
                    if not path.is_dir() and not _through_link(path, folder)
                ]
            else:
                found.append((Path(entry.path), False))
    return sorted(found, key=lambda item: str(item[0]))
