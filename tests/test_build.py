"""A real build (``python -m kb build``, MkDocs + Material) of the real content, asserting on the HTML it writes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kb.content.loading import load_file
from kb.core.kinds import KINDS
from kb.model.knowledge_base import RECOMMENDED_SECTIONS
from kb.render.browse import BROWSE_PAGE_SIZE
from kb.tools.synthetic import add_synthetic_practices
from tests.support.building import kb_build
from tests.support.repo import REAL_ENTRY_FILES, REPOSITORY, copy_content

pytestmark = pytest.mark.build


# --- The real content: what must hold for any valid content ------------------------------------------------------


def test_build_writes_exactly_one_page_per_entry(real_site: Path) -> None:
    for kind in KINDS:
        sources = {path.stem for path in (REPOSITORY / "docs" / kind.folder).glob("*.md")}
        pages = {path.parent.name for path in (real_site / kind.folder).glob("*/index.html")}
        assert pages == sources, f"{kind.folder}: pages {sorted(pages)} != files {sorted(sources)}"


MARKER_LINK = re.compile(r'<sup class="kb-ref">(.*?)</sup>', re.DOTALL)
SOURCE_ITEM = re.compile(r'<li id="source-(\d+)">')


def source_list_problems(html: str, sources: int) -> list[str]:
    """What is wrong with a page's markers and numbered source list, given how many sources its entry lists."""
    listed = html[html.index('<ol class="kb-sources">') :] if 'class="kb-sources"' in html else ""
    items = [int(n) for n in SOURCE_ITEM.findall(listed)]
    problems = [] if items == list(range(1, sources + 1)) else [f"source list items {items}, sources {sources}"]
    for marker in MARKER_LINK.findall(html):
        targets = [int(n) for n in re.findall(r'href="#source-(\d+)"', marker)]
        if not targets or any(n not in items for n in targets):
            problems.append(f"marker {marker!r} links to no item of the source list")
    return problems


@pytest.mark.parametrize("path", REAL_ENTRY_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_entry_page_shows_its_title_and_numbered_sources(real_site: Path, path: Path) -> None:
    html = (real_site / path.parent.name / path.stem / "index.html").read_text(encoding="utf-8")
    data = load_file(path, path.name).data
    assert data is not None
    assert re.search(r"<h1[^>]*>", html)
    assert 'id="sources"' in html or not data.get("sources")  # a collection may list none
    assert source_list_problems(html, len(data.get("sources", []))) == []


# --- Behaviour, on the test content ------------------------------------------------------------------------------


def test_markers_link_to_their_sources_and_code_is_left_alone(built_site: Path) -> None:
    html = (built_site / "practices" / "example-practice-only-named" / "index.html").read_text(encoding="utf-8")
    assert source_list_problems(html, 2) == []
    assert (
        'started in 2020<sup class="kb-ref">&#91;<a href="#source-2" title="The city&#39;s page on the practice" '
        'aria-label="Source 2">2</a>&#93;</sup>.'
    ) in html
    assert 'what it does<sup class="kb-ref">&#91;<a href="#source-1"' in html  # [1, 2]: two links in one marker
    assert '<a href="#source-1" title="A conference report that names the practice" aria-label="Source 1">1</a>, ' in (
        html
    )
    assert "<code>[3]</code> in code is no marker, nor is [4] <sup" in html  # code and an escaped bracket stay text
    listed = html[html.index('<ol class="kb-sources">') :]
    assert (
        '<li id="source-2"><em>The city&#39;s page on the practice</em>. An example city, 2020. Official page, in '
        'Dutch. <a class="kb-url" href="https://example.org/practices/only-named">'
        'https://example.org/practices/only-named</a> <span class="kb-accessed">(accessed 2026-11-30)</span>.</li>'
    ) in listed


def test_a_practice_without_approaches_says_so_wherever_it_appears(built_site: Path) -> None:
    page = (built_site / "practices" / "example-practice-only-named" / "index.html").read_text(encoding="utf-8")
    profile = page[page.index('class="kb-profile"') :]
    assert re.search(r'<dt>Approaches</dt> <dd><span class="kb-missing">Not yet documented</span></dd>', profile)
    belgium = (built_site / "countries" / "be" / "index.html").read_text(encoding="utf-8")
    assert "Approach not yet documented" in belgium and "example-practice-only-named" in belgium
    statistics = (built_site / "statistics" / "index.html").read_text(encoding="utf-8")
    assert "Not yet documented: 1" in statistics


def test_practice_page_opens_with_its_profile(built_site: Path) -> None:
    html = (built_site / "practices" / "neighbourhood-managers-frankfurt" / "index.html").read_text()
    profile = html[html.index('class="kb-profile"') :]
    assert profile.index("Countries") < profile.index("Germany") < profile.index("Approaches")
    assert 'href="../../countries/de/"' in profile
    assert 'href="../../approaches/local-authorities/"' in profile
    assert 'href="../../workshops/amsterdam-2016-local-preventive-approach/"' in profile
    assert "Frankfurt" in profile


def test_workshop_page_lists_the_practices_that_name_it(built_site: Path) -> None:
    html = (built_site / "workshops" / "amsterdam-2016-local-preventive-approach" / "index.html").read_text()
    presented = html[html.index('id="practices-presented"') :]
    for practice in (
        "neighbourhood-managers-frankfurt",
        "police-youngsters-sweden",
        "leicester-response-to-edl-marches",
    ):
        assert f'href="../../practices/{practice}/"' in presented


def test_country_and_approach_pages_are_generated_from_the_data(built_site: Path) -> None:
    germany = (built_site / "countries" / "de" / "index.html").read_text()
    assert "Neighbourhood Managers" in germany and "180° Wende" in germany
    approach = (built_site / "approaches" / "mentoring-and-role-models" / "index.html").read_text()
    assert "coaches" in approach  # the case management workshop's recommendation on peers


def test_search_index_is_built_and_pages_carry_their_metadata(built_site: Path) -> None:
    assert (built_site / "pagefind" / "pagefind.js").is_file()
    assert list((built_site / "pagefind" / "index").glob("*.pf_index"))
    html = (built_site / "practices" / "leicester-response-to-edl-marches" / "index.html").read_text()
    assert "data-pagefind-body" in html
    assert 'data-pagefind-meta="countries:United Kingdom"' in html
    terms = re.search(r'class="kb-search-terms"[^>]*hidden>([^<]*)<', html)
    assert terms is not None
    assert {"UK", "GBR", "United Kingdom of Great Britain and Northern Ireland"} <= set(terms[1].split(" · "))
    browse = (built_site / "practices" / "index.html").read_text()
    assert "data-pagefind-body" not in browse  # lists would match every query


def test_a_marker_that_names_no_source_fails_the_build_with_its_location(tmp_path: Path) -> None:
    root = copy_content(tmp_path / "repo")
    practice = root / "docs" / "practices" / "police-youngsters-sweden.md"
    practice.write_text(practice.read_text() + "\nOne more fact [2].\n")
    result = kb_build(root, tmp_path / "site")
    assert result.returncode == 1
    assert re.search(
        r"docs/practices/police-youngsters-sweden\.md:\d+:15: KB801 marker \[2\] cites source 2", result.stderr
    )


def test_an_invalid_entry_fails_the_build_with_its_location(tmp_path: Path) -> None:
    root = copy_content(tmp_path / "repo")
    practice = root / "docs" / "practices" / "police-youngsters-sweden.md"
    practice.write_text(practice.read_text().replace("countries:", "contries:", 1))
    result = kb_build(root, tmp_path / "site")
    assert result.returncode == 1
    assert "docs/practices/police-youngsters-sweden.md:" in result.stderr
    assert "KB102 unknown field 'contries' (did you mean 'countries'?)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "practices").exists()


@pytest.mark.parametrize(
    ("page", "message"),
    [
        ("countries/de.md", "docs/countries/ is where the build writes the country pages"),
        ("search.md", "this file would be published as search/index.html, where the generated page docs/search.md"),
        ("statistics/index.md", "where the generated page docs/statistics.md goes"),
    ],
)
def test_a_hand_written_page_in_place_of_a_generated_one_fails_the_build(
    tmp_path: Path, page: str, message: str
) -> None:
    root = copy_content(tmp_path / "repo")
    (root / "docs" / page).parent.mkdir(exist_ok=True)
    (root / "docs" / page).write_text("# By hand\n")
    result = kb_build(root, tmp_path / "site")
    assert result.returncode == 1
    # The validator finds it, at its file, before the build would fail without a line.
    assert f"docs/{page}:1:1: KB407 " in result.stderr
    assert message in result.stderr


def test_contribute_section_links_the_generated_field_reference_and_review_pages(built_site: Path) -> None:
    html = (built_site / "contributing" / "index.html").read_text()
    nav = html[html.index('class="md-nav md-nav--primary') :]
    assert 'href="fields/"' in nav and "Field reference" in nav
    assert 'href="review/"' in nav and "Review due" in nav
    fields = (built_site / "contributing" / "fields" / "index.html").read_text()
    for text in ("<code>sources[].url</code>", "<code>contact.email</code>", "<code>not-evaluated</code>", "KB601"):
        assert text in fields
    review = (built_site / "contributing" / "review" / "index.html").read_text()
    assert "Due for review" in review


@pytest.mark.parametrize(
    ("page", "source"),
    [
        ("practices/police-youngsters-sweden/index.html", "docs/practices/police-youngsters-sweden.md"),
        ("organisations/nctv/index.html", "docs/organisations/nctv.md"),
        ("index.html", "docs/index.md"),
        ("contributing/index.html", "docs/contributing.md"),
    ],
)
def test_without_a_known_repository_pages_name_their_source_file_and_the_guide(
    built_site: Path, page: str, source: str
) -> None:
    html = (built_site / page).read_text()
    footer = html[html.index('class="kb-source"') :]
    assert f"Source file: <code>{source}</code>" in footer
    assert "how to contribute</a>" in footer
    assert "Edit this page" not in html and "/edit/" not in html


def test_generated_pages_say_they_are_generated(built_site: Path) -> None:
    html = (built_site / "countries" / "de" / "index.html").read_text()
    assert "This page is generated from the entries and schemas" in html


def test_outside_git_practice_pages_show_no_last_changed_date(built_site: Path) -> None:
    html = (built_site / "practices" / "police-youngsters-sweden" / "index.html").read_text()
    assert "Last reviewed" in html and "Last changed" not in html


def test_in_github_actions_every_page_links_to_its_file_for_editing(tmp_path: Path) -> None:
    root = copy_content(tmp_path / "repo")
    site = tmp_path / "site"
    actions = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "example/practice-kb"}
    result = kb_build(root, site, env=actions)
    assert result.returncode == 0, result.stderr
    edit = "https://github.com/example/practice-kb/edit/main/docs"
    practice = (site / "practices" / "police-youngsters-sweden" / "index.html").read_text()
    assert f'href="{edit}/practices/police-youngsters-sweden.md"' in practice
    assert f'href="{edit}/contributing.md"' in (site / "contributing" / "index.html").read_text()
    assert "/edit/" not in (site / "countries" / "de" / "index.html").read_text()


def test_the_guide_lists_the_evidence_levels_and_sections_from_their_sources(built_site: Path) -> None:
    html = (built_site / "contributing" / "index.html").read_text()
    assert "kb:evidence-levels" not in html and "kb:body-sections" not in html
    sections = html[html.index('id="write-the-text"') : html.index('id="cite-every-fact"')]
    assert re.findall(r"<strong>([^<]+)</strong>", sections) == list(RECOMMENDED_SECTIONS)
    for level in ("not-documented", "not-evaluated", "impact-evaluated"):
        assert f"<code>{level}</code>" in html
    assert 'href="fields/#validator-messages"' in html and 'href="review/"' in html


def test_a_base_larger_than_one_browse_page_builds_and_pages_through_every_practice(tmp_path: Path) -> None:
    # Only a base with more practices than one static browse page holds the page links,
    # so the real content alone would never show whether they survive the build's checks.
    root = copy_content(tmp_path / "repo")
    add_synthetic_practices(root, 2 * BROWSE_PAGE_SIZE + 10)
    site = tmp_path / "site"
    result = kb_build(root, site)
    assert result.returncode == 0, result.stderr[-3000:]
    total = len(list((root / "docs" / "practices").glob("*.md")))
    pages = -(-total // BROWSE_PAGE_SIZE)
    assert pages == 3
    listed: set[str] = set()
    for number in range(1, pages + 1):
        html = (site / "practices" / ("" if number == 1 else f"page/{number}") / "index.html").read_text()
        assert 'aria-label="Pages of practices"' in html
        assert re.search(rf'<a href="[^"]*" aria-current="page">{number}</a>', html)
        hrefs = re.findall(r'<h2 class="kb-card__title"><a href="([^"]+)"', html)
        listed.update(href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs)
    assert len(listed) == total
