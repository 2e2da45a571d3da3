"""The browse page of the test content in chromium: facets, counts, URL state, history, and no JavaScript."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.support.repo import FIXTURE, entry_files

pytestmark = pytest.mark.browser
PRACTICE_COUNT = len(entry_files(FIXTURE, "practices"))  # the test content: these tests assert its exact cards


def facet(page: Page, legend: str) -> Locator:
    return page.locator("fieldset.kb-facet", has=page.locator("legend", has_text=legend))


def count_of(page: Page, legend: str, value: str) -> str:
    label = facet(page, legend).locator("label", has_text=value)
    return label.locator(".kb-facet__count").inner_text()


def card_titles(page: Page) -> list[str]:
    return page.locator(".kb-card__title").all_inner_texts()


def open_browse(page: Page, site_url: str, query: str = "") -> None:
    page.goto(f"{site_url}practices/{query}")
    expect(page.locator(".kb-browse__status")).to_be_visible()


def test_two_facets_update_the_list_and_the_counts(page: Page, site_url: str) -> None:
    open_browse(page, site_url)
    expect(page.locator(".kb-browse__status")).to_have_text(f"All {PRACTICE_COUNT} practices")
    assert count_of(page, "Approach", "Community engagement") == "(4)"

    facet(page, "Country").get_by_label("Germany").check()
    expect(page.locator(".kb-browse__status")).to_have_text(f"2 of {PRACTICE_COUNT} practices match")
    assert sorted(card_titles(page)) == ["180° Wende", "Neighbourhood Managers (Frankfurt)"]
    # Counts in other facets now count only German practices; within Country, others stay selectable.
    assert count_of(page, "Approach", "Community engagement") == "(1)"
    assert count_of(page, "Country", "Netherlands") == "(2)"

    facet(page, "Approach").get_by_label("Community engagement").check()
    expect(page.locator(".kb-browse__status")).to_have_text(f"1 of {PRACTICE_COUNT} practices match")
    assert card_titles(page) == ["180° Wende"]
    assert count_of(page, "Country", "Netherlands") == "(1)"  # adding it would bring in one more
    assert re.search(r"country=DE.*approach=community-engagement", page.url)


def test_copied_url_reproduces_the_view_in_a_fresh_page(browser: Browser, page: Page, site_url: str) -> None:
    open_browse(page, site_url)
    facet(page, "Country").get_by_label("Netherlands").check()
    facet(page, "Country").get_by_label("Germany").check()
    page.get_by_label("Sort by").select_option("country")
    expect(page.locator(".kb-browse__status")).to_have_text(f"4 of {PRACTICE_COUNT} practices match")
    copied = page.url
    expected = card_titles(page)

    fresh = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        fresh.goto(copied)
        expect(fresh.locator(".kb-browse__status")).to_have_text(f"4 of {PRACTICE_COUNT} practices match")
        assert card_titles(fresh) == expected
        expect(facet(fresh, "Country").get_by_label("Netherlands")).to_be_checked()
        expect(fresh.get_by_label("Sort by")).to_have_value("country")
    finally:
        fresh.close()


def test_back_button_restores_the_previous_filters(page: Page, site_url: str) -> None:
    open_browse(page, site_url)
    facet(page, "Country").get_by_label("Germany").check()
    facet(page, "Approach").get_by_label("Community engagement").check()
    expect(page.locator(".kb-browse__status")).to_have_text(f"1 of {PRACTICE_COUNT} practices match")

    page.go_back()
    expect(page.locator(".kb-browse__status")).to_have_text(f"2 of {PRACTICE_COUNT} practices match")
    expect(facet(page, "Approach").get_by_label("Community engagement")).not_to_be_checked()
    expect(facet(page, "Country").get_by_label("Germany")).to_be_checked()
    page.go_forward()
    expect(page.locator(".kb-browse__status")).to_have_text(f"1 of {PRACTICE_COUNT} practices match")


def test_text_filter_and_empty_state_suggest_what_to_relax(page: Page, site_url: str) -> None:
    open_browse(page, site_url, "?country=SE&approach=community-engagement")
    expect(page.locator(".kb-browse__status")).to_have_text(f"0 of {PRACTICE_COUNT} practices match")
    suggestion = page.get_by_role("button", name="Remove Community engagement (1 practice)")
    suggestion.click()
    # Waits for the re-render: read at once, the list can still be the empty one on a busy machine.
    expect(page.locator(".kb-card__title")).to_have_text(["Police Youngsters (Sweden)"])

    page.get_by_role("button", name="Clear all").click()
    page.get_by_label("Filter", exact=True).fill("leicester")
    expect(page.locator(".kb-card__title")).to_have_text(["Leicester: responding to English Defence League marches"])
    assert "q=leicester" in page.url


def test_without_javascript_the_page_lists_every_practice(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}practices/")
        titles = page.locator(".kb-card__title a")
        expect(titles).to_have_count(PRACTICE_COUNT)
        for path in entry_files(FIXTURE, "practices"):
            expect(page.locator(f".kb-card__title a[href='{path.stem}/']")).to_have_count(1)
        expect(page.locator(".kb-browse__static").get_by_role("link", name="country")).to_be_visible()
    finally:
        context.close()


def test_on_a_phone_the_facets_fold_into_a_panel(browser: Browser, site_url: str) -> None:
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        open_browse(phone, site_url)
        toggle = phone.get_by_role("button", name="Filters")
        expect(phone.locator(".kb-facets")).to_be_hidden()
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        facet(phone, "Country").get_by_label("Sweden").check()
        expect(phone.get_by_role("button", name="Filters (1)")).to_be_visible()
        expect(phone.locator(".kb-browse__status")).to_have_text(f"1 of {PRACTICE_COUNT} practices match")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        phone.close()
