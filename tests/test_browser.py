"""Click through the built test content (tests/fixtures/content) in headless chromium, as a practitioner would."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.support.repo import FIXTURE

pytestmark = pytest.mark.browser


def search(page: Page, query: str) -> None:
    page.get_by_role("combobox", name="Search practices, countries and organisations").click()
    page.keyboard.type(query)
    expect(page.locator(".kb-search__results .kb-result").first).to_be_visible()


def test_search_frankfurt_and_open_the_practice(page: Page, site_url: str) -> None:
    page.goto(site_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Local prevention practices across Europe"))
    search(page, "Frankfurt")
    page.locator(".kb-search__results .kb-result", has_text="Neighbourhood Managers").first.click()

    expect(page).to_have_url(re.compile(re.escape(f"{site_url}practices/neighbourhood-managers-frankfurt/")))
    profile = page.locator(".kb-profile")
    expect(profile.get_by_role("link", name="Germany")).to_be_visible()
    expect(profile.get_by_role("link", name="Local authority strategy")).to_be_visible()
    expect(page.get_by_role("heading", name="Sources")).to_be_visible()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Sweden", "police-youngsters-sweden"),  # a country name, only in the profile
        ("NCTV", "dutch-multi-agency-case-management"),  # an organisation
        ("Exit and rehabilitation", "dutch-multi-agency-case-management"),  # an approach label
        ("Leicester", "leicester-response-to-edl-marches"),  # a title
        ("UK", "leicester-response-to-edl-marches"),  # the EU's code for the United Kingdom, not ISO's
        ("Great Britain", "leicester-response-to-edl-marches"),  # pycountry's official name
        ("returnee", "dutch-multi-agency-case-management"),
        ("foreign terrorist fighter", "dutch-multi-agency-case-management"),  # an audience synonym
        ("NL", "dutch-multi-agency-case-management"),  # an ISO code
    ],
)
def test_search_finds_practices_by_metadata(page: Page, site_url: str, query: str, expected: str) -> None:
    page.goto(site_url)
    search(page, query)
    result = page.locator(f".kb-search__results .kb-result[href*='practices/{expected}/']").first
    expect(result).to_be_visible()


def test_search_results_show_country_and_approach(page: Page, site_url: str) -> None:
    page.goto(site_url)
    search(page, "returnee")
    result = page.locator(".kb-search__results .kb-result[href*='dutch-multi-agency-case-management']")
    expect(result.locator(".kb-result__meta")).to_have_text(
        "Practice · Netherlands · Multi-agency work, Exit and rehabilitation"
    )
    expect(result.locator("mark").first).to_be_visible()


def test_a_practice_without_approaches_is_found_with_what_it_has(page: Page, site_url: str) -> None:
    page.goto(site_url)
    search(page, "Ghent")
    result = page.locator(".kb-search__results .kb-result[href*='example-practice-only-named']")
    expect(result.locator(".kb-result__meta")).to_have_text("Practice · Belgium")


def test_keyboard_reaches_a_result_and_the_search_page_lists_all(page: Page, site_url: str) -> None:
    page.goto(site_url)
    search(page, "Frankfurt")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"practices/neighbourhood-managers-frankfurt/$"))
    page.goto(f"{site_url}search/?q=workshop")
    expect(page.locator(".kb-search-page__status")).to_contain_text("match")
    expect(page.locator(".kb-search-page__results li").first).to_be_visible()


def test_search_does_not_find_a_page_by_the_practices_it_points_to(page: Page, site_url: str) -> None:
    # The Norwegian listing names Police Youngsters only under "Related practices", which
    # search leaves out; the practice itself and the workshop that discussed it match.
    norway = (FIXTURE / "docs" / "practices" / "norway-municipality-council-police-community-leaders.md").read_text()
    assert "Youngsters" not in norway
    page.goto(f"{site_url}search/?q=Youngsters")
    expect(page.locator(".kb-search-page__results li").first).to_be_visible()
    links = page.locator(".kb-search-page__results a")
    expect(links.filter(has_text="Police Youngsters")).not_to_have_count(0)
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    assert not any("norway-municipality-council-police-community-leaders" in href for href in hrefs), hrefs


def test_open_a_country_and_reach_a_practice(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.get_by_role("navigation").get_by_role("link", name="Countries").first.click()
    page.get_by_role("link", name="Sweden: 1 practice").click()  # the tile on the map
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Sweden"))
    page.get_by_role("link", name="Police Youngsters").first.click()
    expect(page.locator(".kb-profile").get_by_role("link", name="Sweden")).to_be_visible()


def test_a_country_page_opens_browse_filtered_to_that_country(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}countries/se/")
    page.get_by_role("link", name="Filter the practices in Sweden in Browse").click()
    expect(page.get_by_role("checkbox", name=re.compile(r"^Sweden"))).to_be_checked()
    cards = page.locator(".kb-card")
    expect(cards).not_to_have_count(0)
    # Retried until the script has replaced the page's own cards with the filtered ones.
    expect(cards.filter(has_not_text="Sweden")).to_have_count(0)


def test_a_marker_leads_to_its_source_in_the_list(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}practices/example-practice-only-named/")
    page.locator(".kb-ref").get_by_role("link", name="Source 2").first.click()
    expect(page).to_have_url(re.compile(r"#source-2$"))
    source = page.locator("ol.kb-sources > li#source-2")
    expect(source).to_be_in_viewport()
    expect(source).to_contain_text("https://example.org/practices/only-named")
    expect(source).to_contain_text("accessed 2026-11-30")


def test_phone_width_shows_the_profile_stacked(browser: Browser, site_url: str) -> None:
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        phone.goto(f"{site_url}practices/dutch-multi-agency-case-management/")
        term = phone.locator(".kb-profile dt").first.bounding_box()
        value = phone.locator(".kb-profile dd").first.bounding_box()
        assert term is not None and value is not None
        assert value["y"] > term["y"] + term["height"] - 1, "value should sit below its label on a phone"
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"page scrolls sideways: {width}px"
    finally:
        phone.close()


def test_find_a_field_from_the_contributor_guide(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.get_by_role("navigation").get_by_role("link", name="Contribute").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Contribute a practice"))
    page.get_by_role("link", name="field reference").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Field reference"))
    expect(page.locator("dt code", has_text="sources[].url").first).to_be_visible()
    page.get_by_role("link", name="Evidence levels").first.click()
    expect(page.locator("dt code", has_text="not-evaluated")).to_be_in_viewport()


@pytest.mark.parametrize("path", ["contributing/fields/", "contributing/review/", "contributing/"])
def test_contributor_pages_fit_a_phone(browser: Browser, site_url: str, path: str) -> None:
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        phone.goto(f"{site_url}{path}")
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} scrolls sideways: {width}px"
    finally:
        phone.close()
