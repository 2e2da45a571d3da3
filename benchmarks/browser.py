"""What a visitor's browser downloads and waits for, measured in chromium."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page, Response

from benchmarks.measure import gzip_size
from tests.support.browser import launch_chromium
from tests.support.server import serve_directory

CPU_SLOWDOWN = 4  # Chrome DevTools' "4x slowdown", a mid-range phone
FACET_SAMPLES = 5


@dataclass(frozen=True)
class SearchCost:
    query: str
    results: int
    page_bytes: int  # compressed bytes of the page itself and its assets
    search_bytes: int  # compressed bytes fetched from typing the query to the first result


@dataclass(frozen=True)
class BrowseCost:
    page_bytes: int  # compressed: the browse HTML and everything it loads before the cards show
    html_bytes: int
    data_bytes: int
    facet_ms: float  # median time from a facet click to the updated list, CPU slowed down
    items: int


class _Recorder:
    """Compressed size of every response, as a server with gzip would send it."""

    def __init__(self, page: Page) -> None:
        self.bytes = 0
        self.urls: list[str] = []
        page.on("response", self._on_response)

    def _on_response(self, response: Response) -> None:
        try:
            body = response.body()
        except Exception:  # a redirect or aborted request has no body
            return
        self.bytes += gzip_size(body)
        self.urls.append(response.url)


def measure_search(site: Path, queries: list[str]) -> list[SearchCost]:
    costs = []
    with serve_directory(site) as url, launch_chromium() as browser:
        for query in queries:
            context = browser.new_context()
            page = context.new_page()
            recorder = _Recorder(page)
            page.goto(url, wait_until="networkidle")
            before = recorder.bytes
            page.fill("#kb-search-input", query)
            page.wait_for_selector(".kb-search__results .kb-result, .kb-search__none", timeout=60_000)
            page.wait_for_load_state("networkidle")
            results = page.locator(".kb-search__results .kb-result").count()
            costs.append(SearchCost(query, results, before, recorder.bytes - before))
            context.close()
    return costs


def measure_browse(site: Path) -> BrowseCost:
    with serve_directory(site) as url, launch_chromium() as browser:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        recorder = _Recorder(page)
        page.goto(f"{url}practices/", wait_until="networkidle")
        page.wait_for_selector(".kb-browse__status")
        html = gzip_size((site / "practices" / "index.html").read_bytes())
        data = gzip_size((site / "practices" / "browse-index.json").read_bytes())
        items = page.evaluate("document.querySelectorAll('.kb-facet input').length")
        session = context.new_cdp_session(page)
        session.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.get_by_role("button", name="Filters").click()
        timings = []
        for sample in range(FACET_SAMPLES):
            # Alternate checking and unchecking the first approach and country values.
            selector = ".kb-facet:nth-of-type(2) input" if sample % 2 == 0 else ".kb-facet:nth-of-type(1) input"
            timings.append(page.evaluate(_FACET_TIMER, selector))
        timings.sort()
        return BrowseCost(recorder.bytes, html, data, timings[len(timings) // 2], items)


# Time from the click to the painted list: the handler filters and counts
# synchronously; cards whose titles are not loaded yet wait for their chunk,
# so the clock stops at the first frame after the list itself changed.
_FACET_TIMER = """async (selector) => {
  const list = document.querySelector('.kb-cards');
  const input = document.querySelector(selector);
  const changed = new Promise(resolve => new MutationObserver((records, observer) => {
    observer.disconnect(); resolve();
  }).observe(list, {childList: true}));
  const start = performance.now();
  input.click();
  await Promise.race([changed, new Promise(resolve => setTimeout(resolve, 5000))]);
  await new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return performance.now() - start;
}"""
