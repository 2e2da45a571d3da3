"""In chromium: a hand-written page's front matter and link titles run nothing, ask no other host, and stay text.

The sites here are built with the validator switched off (tests/support/patched_build.py),
so what is proved is the build's own defence, whatever the validator misses.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.repo import REPOSITORY
from tests.support.server import serve_directory
from tests.test_browser_safety import Watch, watch_page, watched_context
from tests.test_theme_markup import build

pytestmark = pytest.mark.browser

TITLE = (
    '<script>alert(document.domain)</script><img src="https://tracker.example/title.png">'
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">Contribute'
)
# A link title written with character references: decoded, it is a <meta refresh> and an outside image.
TOOLTIP = (
    "&lt;meta http-equiv=refresh content='0;url=https://evil.example/'&gt;"
    "&lt;img src=https://tracker.example/tooltip.png&gt;Read the report"
)
LINK = f'\n\nSee [the hostile report](https://example.org/report "{TOOLTIP}").\n'
PRACTICE = "docs/practices/neighbourhood-managers-frankfurt.md"
PAGES = ["", "contributing/", "practices/neighbourhood-managers-frankfurt/", "statistics/", "404.html"]


def quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def hostile_files(title: str | None = None, *, link: bool = False) -> dict[str, str]:
    contributing = (REPOSITORY / "docs/contributing.md").read_text(encoding="utf-8")
    practice = (REPOSITORY / PRACTICE).read_text(encoding="utf-8")
    front_matter = f"---\ntitle: {quoted(title)}\n---\n" if title else ""
    end = LINK if link else ""
    return {"docs/contributing.md": front_matter + contributing + end, PRACTICE: practice + end}


def built_and_served(tmp_path_factory: pytest.TempPathFactory, files: dict[str, str]) -> Iterator[str]:
    code, stderr, site = build(tmp_path_factory.mktemp("hostile-pages"), files, "validator")
    assert code == 0, stderr  # text is only text: the build shows it as such
    with serve_directory(site) as url:
        yield url


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from built_and_served(tmp_path_factory, hostile_files(TITLE))


@pytest.fixture(scope="module")
def tooltip_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from built_and_served(tmp_path_factory, hostile_files(link=True))


def visit(page: Page, url: str) -> None:
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)  # a refresh of 0 seconds or a script would have acted by now


def assert_stayed(watch: Watch, page: Page) -> None:
    assert watch.dialogs == []
    assert watch.leaving() == [], f"requests to other hosts: {watch.leaving()}"
    assert page.url.startswith(watch.origin), f"the page went to {page.url}"


def test_a_hand_written_pages_title_runs_nothing_and_asks_no_other_host(browser: Browser, hostile_site: str) -> None:
    context, watch = watched_context(browser, hostile_site)
    try:
        page = watch_page(context, watch)
        for path in PAGES:
            visit(page, hostile_site + path)
            assert_stayed(watch, page)
            assert page.evaluate("window.__violations") == [], path
            assert page.locator("meta[http-equiv=refresh], img[src*=tracker]").count() == 0, path
        visit(page, hostile_site)
        # The navigation shows the title as the text it is.
        expect(page.locator(".md-nav--primary").first).to_contain_text("<script>alert(document.domain)</script>")
    finally:
        context.close()
    assert_stayed(watch, page)


@pytest.mark.parametrize("path", ["contributing/", "practices/neighbourhood-managers-frankfurt/"])
def test_hovering_a_link_shows_its_title_as_text(browser: Browser, tooltip_site: str, path: str) -> None:
    context, watch = watched_context(browser, tooltip_site)
    try:
        page = watch_page(context, watch)
        visit(page, tooltip_site + path)
        link = page.get_by_role("link", name="the hostile report")
        link.hover()
        tooltip = page.locator(".md-tooltip2").filter(has_text="Read the report")
        expect(tooltip).to_be_visible()
        expect(tooltip).to_contain_text("<meta http-equiv=refresh content='0;url=https://evil.example/'>")
        page.wait_for_timeout(1000)
        assert tooltip.locator("meta, img").count() == 0
        assert page.locator("meta[http-equiv=refresh]").count() == 0
        assert_stayed(watch, page)
    finally:
        context.close()


@pytest.fixture(scope="module")
def failed_build_output(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # With escaping and the leak check off too, the title reaches the templates as written: the build
    # fails and publishes nothing, and the pages the engine wrote, left in the generated source's
    # folder, hold the elements as plain text under a policy that does not allow them.
    title = '<script>alert(document.domain)</script><img src="https://tracker.example/title.png">Contribute'
    layers = "validator,escaping,leak-check"
    code, stderr, site = build(tmp_path_factory.mktemp("failed"), hostile_files(title), layers)
    assert code == 1 and "pages hold scripts, styles or head elements" in stderr
    assert not site.exists()
    left = site.parent / "repo" / "build" / "src" / "site"
    assert (left / "index.html").is_file()
    with serve_directory(left) as url:
        yield url


def test_the_pages_of_a_failed_build_run_nothing_either(browser: Browser, failed_build_output: str) -> None:
    context, watch = watched_context(browser, failed_build_output)
    try:
        page = watch_page(context, watch)
        for path in PAGES[:3]:
            visit(page, failed_build_output + path)
            scripts = page.locator("script").evaluate_all("all => all.map(s => s.textContent)")
            assert not any("alert" in script for script in scripts), path
            # The <img> is not one of the elements made text: the policy stops it in the browser.
            assert any(
                v.startswith("img-src blocked https://tracker.example") for v in page.evaluate("window.__violations")
            )
    finally:
        context.close()
    assert watch.dialogs == []
    assert watch.stopped == [], "nothing got past the policy to the network"
    assert page.url.startswith(watch.origin)
