"""Which of the pages we wait for has the engine finished writing, asked again and again while it runs.

Asking each page in turn costs a failed ``open`` per page not yet written,
so a poll grows with the site and the polls of a build with its square:
at 10,000 practices that was most of a core, taken from the engine. Here a
poll lists the folders that still lead to a waiting page, one ``scandir``
each, and opens only files that exist and were not finished before; a
folder with nothing left to wait for is never listed again.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

_TAIL_BYTES = 16  # enough to hold "</html>" and the whitespace an engine ends a page with


def is_complete(path: Path | str) -> bool:
    """The file ends its document (``</html>``): the engine wrote all of it."""
    try:
        with open(path, "rb") as file:
            file.seek(-_TAIL_BYTES, os.SEEK_END)
            return file.read().rstrip().endswith(b"</html>")
    except OSError:  # not written yet, or shorter than the tail: not a whole page either way
        return False


class Arrivals:
    """The pages (paths relative to ``site``, with ``/``) still to arrive, and the folders that lead to them."""

    def __init__(self, site: Path, names: Iterable[str]) -> None:
        self.site = site
        self._files: dict[str, set[str]] = {}  # folder -> names of waiting files in it
        self._folders: dict[str, set[str]] = {}  # folder -> its subfolders that lead to a waiting file
        for name in names:
            folder, _, file = name.rpartition("/")
            self._files.setdefault(folder, set()).add(file)
            while folder:
                parent = folder.rpartition("/")[0]
                self._folders.setdefault(parent, set()).add(folder)
                folder = parent

    @property
    def waiting(self) -> bool:
        return bool(self._files)

    def ready(self) -> list[str]:
        """The waiting pages written whole since the last call, sorted; each is named once, ever."""
        found: list[str] = []
        if self.waiting:
            self._visit("", found)
        return sorted(found)

    def _visit(self, folder: str, found: list[str]) -> None:
        files = self._files.get(folder, set())
        folders = self._folders.get(folder, set())
        try:
            entries = list(os.scandir(self.site / folder if folder else self.site))
        except OSError:  # not made yet
            return
        for entry in entries:
            name = f"{folder}/{entry.name}" if folder else entry.name
            if entry.name in files and entry.is_file() and is_complete(entry.path):
                files.discard(entry.name)
                found.append(name)
            elif name in folders and entry.is_dir():
                self._visit(name, found)
        self._forget_if_done(folder)

    def _forget_if_done(self, folder: str) -> None:
        if self._files.get(folder) or self._folders.get(folder):
            return
        self._files.pop(folder, None)
        self._folders.pop(folder, None)
        if folder:
            self._folders.get(folder.rpartition("/")[0], set()).discard(folder)
