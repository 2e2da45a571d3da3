"""The handout printed by chromium to A4 PDF: every QR code decodes, with zbar, to its practice's page.

The site is built with KB_SITE_URL set to the address of the local server that
then serves it, so each decoded URL is also opened to prove it leads to the
practice. Needs pdftoppm (poppler-utils) and zbarimg (zbar-tools); `make test`
installs them (scripts/ensure_print_tools.sh).
"""

from __future__ import annotations

import shutil
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from kb.checks.validation import validate_knowledge_base
from kb.core.kinds import COLLECTION
from kb.model.knowledge_base import build_knowledge_base
from tests.support.building import kb_build
from tests.support.repo import copy_content, fixture_layout
from tests.support.server import serve_directory

pytestmark = pytest.mark.browser
RASTER_DPI = 150  # enough for zbar to read a 34 mm code


@pytest.fixture(scope="module")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A build whose site URL is the local server's address, served from there."""
    site = tmp_path_factory.mktemp("served-site")
    with serve_directory(site) as base_url:
        root = copy_content(tmp_path_factory.mktemp("repo"))
        result = kb_build(root, site, site_url=base_url)
        assert result.returncode == 0, result.stderr
        yield site, base_url


def expected_urls(base_url: str) -> dict[str, list[str]]:
    result = validate_knowledge_base(fixture_layout())
    kb = build_knowledge_base(result)
    return {
        c.id: [f"{base_url}practices/{item.practice.id}/" for item in kb.collection_items(c)]
        for c in kb.of_kind(COLLECTION)
    }


def decode_qr_codes(pdf: Path) -> list[str]:
    for tool in ("pdftoppm", "zbarimg"):
        if shutil.which(tool) is None:
            pytest.fail(
                f"{tool} is missing: run `make test` (it installs it) or apt-get install poppler-utils zbar-tools"
            )
    subprocess.run(["pdftoppm", "-r", str(RASTER_DPI), "-png", str(pdf), str(pdf.with_suffix(""))], check=True)
    pages = sorted(pdf.parent.glob(f"{pdf.stem}-*.png"))
    assert pages, "pdftoppm wrote no page"
    result = subprocess.run(
        ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", *map(str, pages)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 4), result.stderr  # 4: a page without any code
    return result.stdout.split()


@pytest.mark.parametrize("collection_id", sorted(expected_urls("").keys()))
def test_every_qr_code_on_the_printed_handout_decodes_to_its_practice(
    served_site: tuple[Path, str], browser: Browser, tmp_path: Path, collection_id: str
) -> None:
    _, base_url = served_site
    page = browser.new_page()
    try:
        page.goto(f"{base_url}collections/{collection_id}/handout/")
        page.emulate_media(media="print")
        expect(page.locator(".md-header")).to_have_count(0)
        pdf = tmp_path / "handout.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    finally:
        page.close()
    width_mm = None
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False).stdout
    for line in info.splitlines():
        if line.startswith("Page size:"):
            width_mm = round(float(line.split()[2]) / 72 * 25.4)
    assert width_mm == 210, f"the handout is not A4: {info}"

    decoded = decode_qr_codes(pdf)
    # Every code once; zbar reads the codes of one page in no particular order.
    assert sorted(decoded) == sorted(expected_urls(base_url)[collection_id])
    for url in decoded:
        with urllib.request.urlopen(url) as response:  # the local server only
            assert response.status == 200
            assert response.geturl() == url


def test_the_compact_view_is_large_and_bare_and_links_to_full_pages(
    served_site: tuple[Path, str], browser: Browser
) -> None:
    _, base_url = served_site
    for width in (1280, 390):
        page = browser.new_page(viewport={"width": width, "height": 800})
        try:
            page.goto(f"{base_url}collections/think-globally-act-locally-2016/compact/")
            expect(page.locator(".md-header")).to_have_count(0)
            expect(page.locator(".md-sidebar")).to_have_count(0)
            link = page.locator(".kb-compact__items a").first
            size = float(link.evaluate("a => parseFloat(getComputedStyle(a).fontSize)"))
            assert size >= 17, f"compact view text is {size}px at {width}px wide"
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= width, f"compact view scrolls sideways at {width}px: {scroll_width}px"
            link.click()
            expect(page).to_have_url(f"{base_url}practices/dutch-multi-agency-case-management/")
        finally:
            page.close()
