"""The site in other languages, read in chromium as a reader in Berlin or Lyon would, on a phone and a desk.

The real content is built in every language of site.yml (``languages_site``).
Expected words come from the catalogues and vocabularies, never typed here,
and each must differ from the English one: a page still in English fails.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from kb.checks.validation import validate_knowledge_base
from kb.content.discovery import Layout
from kb.content.languages import language_name, read_languages
from kb.core.kinds import PRACTICE
from kb.model.knowledge_base import KnowledgeBase, Record, build_knowledge_base
from tests.support.repo import REPOSITORY
from tests.support.server import serve_directory

pytestmark = pytest.mark.browser

WIDTHS = [390, 1280]
EXIT_WORK = "exit-and-rehabilitation"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return build_knowledge_base(validate_knowledge_base(Layout.for_root(REPOSITORY)))


@pytest.fixture(scope="module")
def languages_url(languages_site: Path) -> Iterator[str]:
    with serve_directory(languages_site) as url:
        yield url


def _page(browser: Browser, width: int) -> Page:
    return browser.new_page(viewport={"width": width, "height": 900})


def _translated(kb: KnowledgeBase, language: str) -> Record:
    """A practice of a country where ``language`` is spoken, with a translation into it."""
    practices = [p for p in kb.practices if language in kb.translations_of(PRACTICE, p.id)]
    assert practices, f"no practice has a translation into {language}"
    return practices[0]


def _untranslated(kb: KnowledgeBase, language: str) -> Record:
    practices = [p for p in kb.practices if language not in kb.translations_of(PRACTICE, p.id)]
    assert practices, f"every practice has a translation into {language}: pick another check"
    return practices[0]


def _words(kb: KnowledgeBase, in_language: str, key: str, **values: object) -> str:
    """A string in ``in_language``, checked to be a translation and not the English text."""
    said = kb.in_language(in_language).speech.t(key, **values)
    assert said != kb.speech.t(key, **values), f"i18n/{in_language}.yaml does not translate {key}"
    return said


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", ["de", "fr"])
def test_a_translated_practice_speaks_its_language_with_alternates_and_a_switcher(
    browser: Browser, languages_url: str, kb: KnowledgeBase, language: str, width: int
) -> None:
    practice = _translated(kb, language)
    view = kb.in_language(language)
    page = _page(browser, width)
    page.goto(f"{languages_url}{language}/practices/{practice.id}/")

    expect(page.locator("html")).to_have_attribute("lang", language)
    # The heading ends with its permalink (¶).
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("^" + re.escape(view.get(PRACTICE, practice.id).title))
    )
    # hreflang: the same page in every language, each address served.
    alternates = page.locator("head link[rel=alternate][hreflang]")
    expect(alternates).to_have_count(len(read_languages(REPOSITORY).all))
    for href in alternates.evaluate_all("links => links.map(link => link.href)"):
        assert page.request.get(href).ok, f"{href} is not served"
    # Profile labels and facet values in the page's language.
    profile = page.locator(".kb-profile")
    expect(profile.locator("dt", has_text=_words(kb, language, "profile.countries"))).to_be_visible()
    expect(profile.locator("dt", has_text=_words(kb, language, "profile.approaches"))).to_be_visible()
    for approach in practice.values("approaches"):
        label = view.vocabulary_of("approaches").term(approach).label
        assert label != kb.vocabulary_of("approaches").term(approach).label, f"{approach} is not translated"
        expect(profile.get_by_role("link", name=label, exact=True)).to_be_visible()
    # The switcher leads to the same page in English, and back.
    page.locator(".kb-languages__current").click()
    page.locator(".kb-languages__list a[hreflang=en]").click()
    expect(page).to_have_url(f"{languages_url}practices/{practice.id}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator(".kb-languages__current").click()
    page.locator(f".kb-languages__list a[hreflang={language}]").click()
    expect(page).to_have_url(f"{languages_url}{language}/practices/{practice.id}/")
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", ["de", "fr"])
def test_an_untranslated_practice_says_so_in_the_readers_language(
    browser: Browser, languages_url: str, kb: KnowledgeBase, language: str, width: int
) -> None:
    practice = _untranslated(kb, language)
    page = _page(browser, width)
    page.goto(f"{languages_url}{language}/practices/{practice.id}/")
    name = kb.in_language(language).speech.language_in_sentence(language)
    notice = page.locator(
        ".admonition", has_text=_words(kb, language, "translation.entry_untranslated.title", language=name)
    )
    expect(notice).to_be_visible()
    expect(notice.get_by_role("link", name=_words(kb, language, "translation.help_link"))).to_be_visible()
    # The original text under the notice, and the interface around it in the reader's language.
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^" + re.escape(practice.title)))
    expect(page.locator(".kb-profile dt", has_text=_words(kb, language, "profile.countries"))).to_be_visible()
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", ["de", "fr"])
def test_browse_facets_speak_the_language_and_keep_the_filter_in_the_address(
    browser: Browser, languages_url: str, kb: KnowledgeBase, language: str, width: int
) -> None:
    view = kb.in_language(language)
    exit_label = view.vocabulary_of("approaches").term(EXIT_WORK).label
    page = _page(browser, width)
    page.goto(f"{languages_url}{language}/practices/?approach={EXIT_WORK}")
    expect(page.get_by_text(_words(kb, language, "facet.approach"), exact=True).first).to_be_attached()
    expect(page.get_by_text(exit_label).first).to_be_attached()
    cards = page.locator(".kb-card")
    expect(cards.first).to_be_visible()
    # The same address in English filters alike: a shared link works across languages.
    count = cards.count()
    page.goto(f"{languages_url}practices/?approach={EXIT_WORK}")
    expect(page.locator(".kb-card").first).to_be_visible()
    assert page.locator(".kb-card").count() == count
    page.close()


def _search(page: Page, query: str) -> None:
    page.locator("#kb-search-input").click()  # on a phone, the box opens from its button
    page.keyboard.type(query)
    expect(page.locator(".kb-search__results .kb-result").first).to_be_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_ausstieg_on_the_german_site_finds_exit_work(
    browser: Browser, languages_url: str, kb: KnowledgeBase, width: int
) -> None:
    page = _page(browser, width)
    page.goto(f"{languages_url}de/")
    _open_search(page)
    box = page.locator("#kb-search-input")
    expect(box).to_have_attribute("placeholder", _words(kb, "de", "theme.search_placeholder"))
    _search(page, "Ausstieg")
    # The dropdown speaks German: its link to the search page, and each result's kind.
    # The link to all results, as dom.js words it from the German js strings.
    template = kb.in_language("de").speech.strings.text("js.search.all_results")
    assert isinstance(template, dict) and template["other"] != kb.speech.strings.text("js.search.all_results")
    pattern = re.escape(template["other"]).replace(r"\{count\}", r"[\d.]+").replace(r"\{query\}", "Ausstieg")
    expect(page.locator(".kb-search__all")).to_have_text(re.compile(f"^{pattern}$"))
    expect(page.locator(".kb-search__results")).to_contain_text(_words(kb, "de", "kind.practice"))
    exit_work = {p.id for p in kb.practices_with("approaches", EXIT_WORK)}
    hrefs = page.locator(".kb-search__results .kb-result").evaluate_all("links => links.map(link => link.href)")
    assert any(re.search(rf"/de/practices/({'|'.join(exit_work)})/", href) for href in hrefs), hrefs
    page.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_pays_bas_on_the_french_site_finds_the_dutch_practices(
    browser: Browser, languages_url: str, kb: KnowledgeBase, width: int
) -> None:
    page = _page(browser, width)
    page.goto(f"{languages_url}fr/")
    _open_search(page)
    name = kb.in_language("fr").speech.country("NL")
    _search(page, name)
    # The dropdown's first result is the country's page, which lists them; the search page lists them all.
    country = page.locator(".kb-search__results .kb-result").first
    expect(country).to_have_attribute("href", re.compile(r"/fr/countries/nl/$"))
    page.goto(f"{languages_url}fr/search/?q={name}")
    expect(page.locator(".kb-search-page__results li").first).to_be_visible()
    dutch = {p.id for p in kb.practices_with("countries", "NL")}
    hrefs = page.locator(".kb-search-page__results a").evaluate_all("links => links.map(link => link.href)")
    found = {href for href in hrefs if re.search(rf"/fr/practices/({'|'.join(dutch)})/", href)}
    assert found, hrefs
    page.close()


def _open_search(page: Page) -> None:
    opener = page.locator(".kb-search__open")
    if opener.is_visible():
        opener.click()


def test_every_language_names_itself_in_the_switcher(browser: Browser, languages_url: str) -> None:
    page = _page(browser, 1280)
    page.goto(f"{languages_url}de/")
    names = page.locator(".kb-languages__list a").all_text_contents()
    assert names == [language_name(code) for code in read_languages(REPOSITORY).all]
    page.close()
