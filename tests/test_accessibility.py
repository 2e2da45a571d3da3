"""axe-core in chromium on each kind of page of the test content: no serious or critical violations."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser
BLOCKING_IMPACTS = {"serious", "critical"}
PAGES = [
    "",
    "practices/",
    "practices/?country=DE&approach=community-engagement",
    "practices/?country=SE&approach=community-engagement",  # the empty state
    "practices/leicester-response-to-edl-marches/",
    "practices/example-practice-only-named/",  # source markers, and a profile with no approaches
    "countries/",
    "countries/de/",
    "approaches/mentoring-and-role-models/",
    "workshops/amsterdam-2016-local-preventive-approach/",
    "events/think-globally-act-locally-2016/",
    "statistics/",
    "search/?q=returnee",
    "collections/",
    "collections/think-globally-act-locally-2016/",
    "collections/think-globally-act-locally-2016/handout/",
    "collections/think-globally-act-locally-2016/compact/",
    "data/",
    "contributing/",
    "contributing/fields/",
    "contributing/review/",
]


def blocking_violations(page: Page) -> list[str]:
    results = Axe().run(page, options={"resultTypes": ["violations"]})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[node['target'] for node in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", PAGES, ids=lambda p: p or "home")
def test_no_serious_or_critical_violations(browser: Browser, site_url: str, path: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        assert blocking_violations(page) == []
    finally:
        page.close()


def test_open_search_results_have_no_serious_violations(browser: Browser, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(site_url)
        page.fill("#kb-search-input", "returnee")
        page.wait_for_selector(".kb-search__results .kb-result")
        assert blocking_violations(page) == []
    finally:
        page.close()
