"""The post-build link check (kb.build.link_check) on small hand-made sites, without an engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.build.link_check import QUICK_LOOKS, LinkCheck


def site_with(tmp_path: Path, pages: dict[str, str]) -> LinkCheck:
    check = LinkCheck(tmp_path)
    for name, content in pages.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        page = f"<html><body><article>{content}</article></body></html>"
        (tmp_path / name).write_text(page, encoding="utf-8")
    for name, content in pages.items():
        check.add_page(name, (tmp_path / name).read_text(encoding="utf-8"), content)
    return check


def test_links_to_pages_files_and_anchors_that_exist_pass(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "practices.json").write_text("[]", encoding="utf-8")
    check = site_with(
        tmp_path,
        {
            "index.html": '<p id="top"></p><a href="practices/x/">x</a> <a href="./">home</a>'
            ' <a href="data/practices.json">data</a>',
            "practices/x/index.html": '<h2 id="source-1">S</h2><a href="#source-1">[1]</a> <a href="../../#top">up</a>'
            ' <a href="https://example.org/">out</a> <a href="mailto:someone@example.org">mail</a>',
        },
    )
    assert check.problems() == []


def test_a_missing_page_file_or_anchor_is_named_with_its_page(tmp_path: Path) -> None:
    check = site_with(
        tmp_path,
        {
            "index.html": '<a href="practices/gone/">gone</a> <a href="practices/x/#nowhere">anchor</a>',
            "practices/x/index.html": '<a href="#source-9">[9]</a> <a href="../../../outside/">outside</a>',
        },
    )
    assert check.problems() == [
        "a link leads nowhere: index.html: practices/gone/",
        "a link leads nowhere: index.html: practices/x/#nowhere",
        "a link leads nowhere: practices/x/index.html: #source-9",
        "a link leads nowhere: practices/x/index.html: ../../../outside/",
    ]


def test_the_same_link_is_judged_from_each_page_folder(tmp_path: Path) -> None:
    # Links are resolved once per folder and link; pages in other folders get their own answer.
    check = site_with(
        tmp_path,
        {
            "practices/a/index.html": '<a href="../b/">b</a>',
            "practices/b/index.html": '<a href="../a/">a</a>',
            "countries/x/index.html": '<a href="../b/">b</a> <a href="?page=2">next</a>',
            "countries/y/index.html": '<a href="../x/">x</a> <a href="?page=2">next</a>',
        },
    )
    assert check.problems() == ["a link leads nowhere: countries/x/index.html: ../b/"]


@pytest.mark.parametrize("links", [1, QUICK_LOOKS, QUICK_LOOKS + 3])
def test_links_within_a_page_are_judged_alike_however_many_it_has(tmp_path: Path, links: int) -> None:
    sources = "".join(f'<li id="source-{n}">S{n}</li>' for n in range(1, links + 1))
    markers = "".join(f'<a href="#source-{n}">[{n}]</a>' for n in range(1, links + 1))
    check = site_with(tmp_path, {"practices/x/index.html": f'{markers}<a href="#source-0">[0]</a><ol>{sources}</ol>'})
    assert check.problems() == ["a link leads nowhere: practices/x/index.html: #source-0"]


@pytest.mark.parametrize("spelling", ['id="{}"', "id = '{}'", 'ID="{}"', "Id='{}'", 'data-id="x" iD="{}"'])
def test_ids_are_found_however_the_attribute_is_spelled(tmp_path: Path, spelling: str) -> None:
    # Lower case is looked for first (what engines write); any other spelling is still read.
    targets = "".join(f"<p {spelling.format(f'source-{n}')}>S{n}</p>" for n in range(1, QUICK_LOOKS + 3))
    markers = "".join(f'<a href="#source-{n}">[{n}]</a>' for n in range(1, QUICK_LOOKS + 3))
    check = site_with(tmp_path, {"practices/x/index.html": f'{markers}<a href="#other">?</a>{targets}'})
    assert check.problems() == ["a link leads nowhere: practices/x/index.html: #other"]
