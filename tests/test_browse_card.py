"""The Browse card has one definition: the cards browse.js shows equal the server's, row for row.

kb/render/templates/browse_card.html writes the static cards; browse.js
copies the first of them and fills it from the JSON index. These tests read
both in chromium and compare them as markup (links resolved, whitespace
between tags ignored), including a card whose Evidence row is empty.
"""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from kb.render.browse import BROWSE_SRC, INDEX_FILE, card_view, sorted_practices
from kb.render.templating import render
from tests.support.golden import fixture_kb

pytestmark = pytest.mark.browser

# Each card as markup, with its link made absolute: the static card's link is relative to the
# page, the script's to the index, and both lead to the same address.
DESCRIBE_CARDS = """() => Array.from(document.querySelectorAll(".kb-cards > .kb-card")).map((card) => {
  const copy = card.cloneNode(true);
  copy.querySelectorAll("a[href]").forEach((a) => a.setAttribute("href", a.href));
  return copy.outerHTML;
})"""

# The same for markup the server writes, read as the browser would read it on the browse page.
DESCRIBE_MARKUP = """(markup) => {
  const list = document.createElement("ul");
  list.innerHTML = markup;
  const card = list.firstElementChild;
  card.querySelectorAll("a[href]").forEach((a) => a.setAttribute("href", a.href));
  return card.outerHTML;
}"""


def normalised(markup: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", markup)).strip()


def static_cards(browser: Browser, site_url: str) -> list[str]:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}practices/")
        return [normalised(card) for card in page.evaluate(DESCRIBE_CARDS)]
    finally:
        context.close()


def scripted_cards(page: Page, site_url: str, count: int) -> list[str]:
    page.goto(f"{site_url}practices/")
    expect(page.locator(".kb-browse__status")).to_be_visible()  # the script has taken over
    expect(page.locator(".kb-cards > .kb-card")).to_have_count(count)
    return [normalised(card) for card in page.evaluate(DESCRIBE_CARDS)]


def test_the_script_shows_each_practice_as_the_server_writes_it(browser: Browser, page: Page, site_url: str) -> None:
    server = static_cards(browser, site_url)
    assert len(server) == len(fixture_kb().practices)
    script = scripted_cards(page, site_url, len(server))
    assert page.locator(".kb-browse--live").count() == 1
    for written, shown in zip(server, script, strict=True):
        assert shown == written
    # The fixture has cards with empty rows, so the comparison covers hidden rows too.
    assert any("<dt hidden" in card for card in server)


def test_an_empty_evidence_row_is_hidden_by_both(page: Page, site_url: str) -> None:
    kb = fixture_kb()
    first = sorted_practices(kb)[0]
    # The server's card for the first practice with its Evidence emptied...
    view = card_view(kb, first, BROWSE_SRC)
    emptied = dataclasses.replace(
        view,
        rows=tuple(dataclasses.replace(row, values=()) if row.facet == "evidence" else row for row in view.rows),
    )
    server_markup = render("browse_card.html", card=emptied)
    assert re.search(r'<dt hidden>Evidence</dt>\s*<dd data-kb-facet="evidence" hidden></dd>', server_markup)

    # ...and the script's, given an index in which that practice has no evidence.
    def without_evidence(route: Route) -> None:
        index: dict[str, Any] = route.fetch().json()
        evidence = [facet["id"] for facet in index["facets"]].index("evidence")
        values = index["items"][0].split("|")
        values[evidence] = ""
        index["items"][0] = "|".join(values)
        route.fulfill(status=200, content_type="application/json", body=json.dumps(index))

    page.route(f"**/{INDEX_FILE}", without_evidence)
    script = scripted_cards(page, site_url, len(kb.practices))
    assert script[0] == normalised(page.evaluate(DESCRIBE_MARKUP, server_markup))
    card = page.locator(".kb-cards > .kb-card").first
    expect(card.locator("dt", has_text="Evidence")).to_be_hidden()
    expect(card.locator('dd[data-kb-facet="evidence"]')).to_be_hidden()
    expect(card.locator('dd[data-kb-facet="country"]')).to_be_visible()
