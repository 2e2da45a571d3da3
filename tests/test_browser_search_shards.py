"""In chromium: a site whose search index is written in several bundles (shards) searches as one.

The test content is built with a shard size of a few pages
(kb.build.pagefind_service), and served under a subpath, as a project site is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from kb.build.pagefind_service import SHARD_PAGES_VARIABLE, SHARDS_FILE
from tests.support.building import kb_build
from tests.support.repo import copy_content
from tests.support.server import serve_directory

pytestmark = pytest.mark.browser

SHARD_PAGES = 8  # the test content has about 50 searchable pages: the practices are far past the first bundle
SUBPATH = "kb/"
PRACTICE = "practices/neighbourhood-managers-frankfurt/"
ONLY_THERE = "Quokkaweg"  # a word written on that practice alone
# The first bundle alone, as Pagefind's own API searches it: no other bundle merged in.
FIRST_BUNDLE_ONLY = """async (query) => {
  const pagefind = await import(new URL("pagefind/pagefind.js", document.baseURI).href);
  await pagefind.options({ baseUrl: new URL(".", document.baseURI).pathname });
  const found = await pagefind.search(query);
  return Promise.all(found.results.map(async (result) => (await result.data()).url));
}"""


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_content(tmp_path_factory.mktemp("sharded-repo"))
    practice = root / "docs" / f"{PRACTICE.rstrip('/')}.md"
    text = practice.read_text(encoding="utf-8")
    sentence = "It does not say how the practice works."
    assert sentence in text
    practice.write_text(text.replace(sentence, f"{sentence} Its office is in the {ONLY_THERE}.", 1), encoding="utf-8")
    served = tmp_path_factory.mktemp("sharded-served")
    result = kb_build(root, served / SUBPATH, env={SHARD_PAGES_VARIABLE: str(SHARD_PAGES)})
    assert result.returncode == 0, result.stderr
    return served


@pytest.fixture(scope="module")
def site_url(sharded_site: Path) -> Iterator[str]:
    with serve_directory(sharded_site) as url:
        yield url + SUBPATH


def first_bundle_results(page: Page, site_url: str, query: str) -> list[str]:
    page.goto(f"{site_url}404.html")  # a page of the site that has not loaded search yet
    urls: list[str] = page.evaluate(FIRST_BUNDLE_ONLY, query)
    return urls


def test_the_index_is_written_in_several_bundles_listed_in_the_first(sharded_site: Path) -> None:
    bundle = sharded_site / SUBPATH / "pagefind"
    listed = json.loads((bundle / SHARDS_FILE).read_text(encoding="utf-8"))["bundles"]
    assert len(listed) >= 4, listed
    assert all((bundle / path / "pagefind-entry.json").is_file() for path in listed)


def test_a_word_only_in_a_later_bundle_is_found_from_the_header_and_the_search_page(page: Page, site_url: str) -> None:
    assert first_bundle_results(page, site_url, ONLY_THERE) == []  # so it is found in another bundle

    page.goto(site_url)
    page.get_by_role("combobox", name="Search practices, countries and organisations").click()
    page.keyboard.type(ONLY_THERE)
    options = page.locator(".kb-search__results .kb-result")
    expect(options).to_have_count(1)
    expect(options.first).to_have_attribute("href", f"/{SUBPATH}{PRACTICE}")
    expect(options.first).to_contain_text(ONLY_THERE)  # the excerpt, from that bundle's fragment

    page.goto(f"{site_url}search/?q={ONLY_THERE}")
    expect(page.locator(".kb-search-page__status")).to_have_text(re.compile(r"^1 page matches"))
    expect(page.locator(".kb-search-page__results a")).to_have_attribute("href", f"/{SUBPATH}{PRACTICE}")


def test_results_from_all_bundles_are_ranked_together(page: Page, site_url: str) -> None:
    # The practice named after Frankfurt is in a later bundle; pages of the first bundle mention Frankfurt
    # in passing. Ranked together, the practice leads; bundle by bundle, the first bundle's pages would.
    first = first_bundle_results(page, site_url, "Frankfurt")
    assert first, "the first bundle should hold a page that mentions Frankfurt (its approach page)"
    assert f"/{SUBPATH}{PRACTICE}" not in first

    page.goto(f"{site_url}search/?q=Frankfurt")
    expect(page.locator(".kb-search-page__status")).to_contain_text("match")
    links = page.locator(".kb-search-page__results a.kb-result__title")
    expect(links.first).to_have_attribute("href", f"/{SUBPATH}{PRACTICE}")
    shown = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert set(first) <= set(shown), (first, shown)

    page.goto(site_url)
    page.get_by_role("combobox", name="Search practices, countries and organisations").click()
    page.keyboard.type("Frankfurt")
    expect(page.locator(".kb-search__results .kb-result").first).to_have_attribute("href", f"/{SUBPATH}{PRACTICE}")
