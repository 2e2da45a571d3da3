"""kb.build.arrivals: the pages an engine has finished writing, found while it writes them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kb.build.arrivals import Arrivals, is_complete

WHOLE = "<!doctype html><html><body>page</body></html>\n"


def write(site: Path, name: str, text: str) -> None:
    path = site / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_page_arrives_once_it_ends_its_document_and_is_named_once(tmp_path: Path) -> None:
    arrivals = Arrivals(tmp_path, ["index.html", "practices/a/index.html", "practices/b/index.html", "404.html"])
    assert arrivals.ready() == []  # nothing written: the site folder itself may not exist yet
    write(tmp_path, "practices/a/index.html", "<!doctype html><html><body>half")
    write(tmp_path, "index.html", WHOLE)
    assert arrivals.ready() == ["index.html"]
    write(tmp_path, "practices/a/index.html", WHOLE)
    write(tmp_path, "practices/b/index.html", WHOLE)
    assert arrivals.ready() == ["practices/a/index.html", "practices/b/index.html"]
    assert arrivals.ready() == []
    assert arrivals.waiting
    write(tmp_path, "404.html", WHOLE)
    assert arrivals.ready() == ["404.html"]
    assert not arrivals.waiting


def test_files_nobody_waits_for_are_not_named(tmp_path: Path) -> None:
    arrivals = Arrivals(tmp_path, ["practices/a/index.html"])
    write(tmp_path, "practices/other/index.html", WHOLE)
    write(tmp_path, "practices/a/extra.html", WHOLE)
    write(tmp_path, "practices/index.html", WHOLE)
    assert arrivals.ready() == []
    write(tmp_path, "practices/a/index.html", WHOLE)
    assert arrivals.ready() == ["practices/a/index.html"]


def test_a_finished_folder_is_not_listed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "practices/a/index.html", WHOLE)
    arrivals = Arrivals(tmp_path, ["practices/a/index.html", "countries/de/index.html"])
    assert arrivals.ready() == ["practices/a/index.html"]
    listed: list[str] = []
    real_scandir = os.scandir

    def scandir(path: Path) -> Iterator[os.DirEntry[str]]:
        listed.append(Path(path).relative_to(tmp_path).as_posix())
        return real_scandir(path)

    monkeypatch.setattr("kb.build.arrivals.os.scandir", scandir)
    assert arrivals.ready() == []
    assert listed == ["."]  # the site folder; countries/ does not exist yet, practices/ is done


def test_is_complete_needs_the_end_of_the_document(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    assert not is_complete(page)
    page.write_text("<html>", encoding="utf-8")
    assert not is_complete(page)  # shorter than the tail it reads
    page.write_text(WHOLE, encoding="utf-8")
    assert is_complete(page)
