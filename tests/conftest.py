from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.support.browser import launch_chromium
from tests.support.repo import copy_content
from tests.support.server import serve_directory


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test content (tests/fixtures/content) built once by a real MkDocs, for tests of behaviour."""
    return _build(tmp_path_factory, real=False)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content in docs/ built once, for tests of what must hold for any valid content."""
    return _build(tmp_path_factory, real=True)


@pytest.fixture(scope="session")
def languages_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content built once in every language of site.yml, as `make build` builds it."""
    return _build(tmp_path_factory, real=True, languages=None)


def _build(tmp_path_factory: pytest.TempPathFactory, *, real: bool, languages: str | None = "en") -> Path:
    from tests.support.building import kb_build

    name = "real" if real else ""
    if languages is None:
        name += "-languages"
    root = copy_content(tmp_path_factory.mktemp(f"{name}-repo" if name else "repo"), real=real)
    site = tmp_path_factory.mktemp(f"{name}-site" if name else "site")
    result = kb_build(root, site, languages=languages)
    assert result.returncode == 0, result.stderr
    return site


# Browser fixtures shared by the browser tests: one chromium per test module,
# the shared built site served on 127.0.0.1, and a fresh desktop-sized page.


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch_chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    with serve_directory(built_site) as url:
        yield url


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    yield page
    page.close()
