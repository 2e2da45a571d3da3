"""The processes a build runs beside itself: the page checks and Pagefind's indexing service."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb.build.page_checks import PageCheckError, PageChecks
from kb.build.pagefind_service import (
    INDEX_CHUNK_SIZE,
    SHARD_PAGES_VARIABLE,
    PagefindError,
    PagefindService,
    SearchIndex,
    start_search_index,
    start_search_service,
)
from kb.build.published import Expected
from kb.render.search_index import SearchDescription, search_document, wrap_for_search

PAGE = "<html><body><article><h1>{title}</h1>{body}</article></body></html>"


def test_page_checks_report_unsafe_markup_and_lost_text() -> None:
    checks = PageChecks({"practices/a.md": Expected("A", "Some *text*."), "practices/b.md": Expected("B", "Kept.")})
    checks.check_content("practices/a.md", "<h1>A</h1><p>Some <em>text</em>.</p><script>alert(1)</script>")
    checks.check_content("practices/b.md", "<h1>B</h1><p>Kept.</p>")
    checks.check_page("practices/a.md", PAGE.format(title="A", body="<p>Some.</p>"))
    checks.check_page("practices/b.md", PAGE.format(title="B", body="<p>Kept.</p>"))
    unsafe, lost = checks.problems()
    assert len(unsafe) == 1 and unsafe[0].startswith("docs/practices/a.md: the page's HTML holds markup")
    assert "element <script>" in unsafe[0]
    assert lost == [
        "the page of docs/practices/a.md does not show all of its text: the words from 'text' on (word 2 of 2) "
        "are missing or out of order"
    ]


def test_page_checks_that_stop_early_say_so_instead_of_hanging() -> None:
    checks = PageChecks({})
    checks.cancel()
    with pytest.raises(PageCheckError, match="the page checks stopped"):
        checks.check_content("index.md", "<p>x</p>")
        checks.problems()


def test_the_search_service_indexes_pages_and_writes_the_bundle(tmp_path: Path) -> None:
    service = start_search_service()
    try:
        description = SearchDescription("Neighbourhood Managers", "Practice", ("Germany",))
        for number in range(3):
            content = wrap_for_search(f"<h1>Page {number}</h1><p>Frankfurt neighbourhood work</p>", description)
            service.add_page(f"/practices/p{number}/", search_document(content))
        service.start_writing(tmp_path / "pagefind")
        assert service.finish_writing() == 3
    finally:
        service.close()
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()
    assert len(list((tmp_path / "pagefind" / "fragment").iterdir())) == 3


def test_a_search_service_that_stopped_fails_with_a_message(tmp_path: Path) -> None:
    service = start_search_service()
    service.close()
    with pytest.raises(PagefindError, match="Pagefind service"):
        service.add_page("/x/", search_document("<div data-pagefind-body><p>x</p></div>"))
        service.start_writing(tmp_path / "pagefind")


def test_the_index_is_written_in_shards_by_one_service_at_a_time(tmp_path: Path) -> None:
    started: list[PagefindService] = []

    def start_after_the_last_exited() -> PagefindService:
        assert all(service._process.poll() is not None for service in started), "two Pagefind services at once"
        started.append(start_search_service())
        return started[-1]

    index = SearchIndex(tmp_path / "pagefind", 2, start_after_the_last_exited)
    try:
        description = SearchDescription("Neighbourhood Managers", "Practice", ("Germany",))
        for number in range(5):  # later pages may wait here while the first shard is written
            content = wrap_for_search(f"<h1>Page {number}</h1><p>Frankfurt neighbourhood work</p>", description)
            index.add_page(f"/practices/p{number}/", search_document(content))
        index.start_writing()
        assert index.finish_writing() == 5
    finally:
        index.close()
    bundles = [tmp_path / "pagefind", tmp_path / "pagefind" / "shard-2", tmp_path / "pagefind" / "shard-3"]
    assert [len(list((bundle / "fragment").iterdir())) for bundle in bundles] == [2, 2, 1]
    assert len(started) == 3
    listed = json.loads((tmp_path / "pagefind" / "kb-shards.json").read_text(encoding="utf-8"))
    assert listed == {"bundles": ["shard-2/", "shard-3/"]}


def test_a_site_without_searchable_pages_gets_one_empty_bundle(tmp_path: Path) -> None:
    index = start_search_index(tmp_path / "pagefind", {})
    try:
        index.start_writing()
        assert index.finish_writing() == 0
    finally:
        index.close()
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()
    assert json.loads((tmp_path / "pagefind" / "kb-shards.json").read_text(encoding="utf-8")) == {"bundles": []}


@pytest.mark.parametrize("value", ["0", "-3", "many"])
def test_a_bad_shard_size_is_refused_by_name(tmp_path: Path, value: str) -> None:
    with pytest.raises(PagefindError, match=f"{SHARD_PAGES_VARIABLE} must be a whole number of pages above 0, not"):
        start_search_index(tmp_path / "pagefind", {SHARD_PAGES_VARIABLE: value})


def test_the_service_writes_index_chunks_of_the_size_set_for_it(tmp_path: Path) -> None:
    # Pagefind's default chunk is 20,000: if an upgrade stops reading the setting, these words make 4 chunks, not 12.
    words = " ".join(f"w{number:05d}x" for number in range(4 * INDEX_CHUNK_SIZE))
    service = start_search_service()
    try:
        content = wrap_for_search(f"<h1>Many words</h1><p>{words}</p>", SearchDescription("Many", "Practice"))
        service.add_page("/practices/many/", search_document(content))
        service.start_writing(tmp_path / "pagefind")
        service.finish_writing()
    finally:
        service.close()
    assert len(list((tmp_path / "pagefind" / "index").iterdir())) >= 8
