"""Collections: resolved from items then rule, shown on the practices they include, updated as content grows."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from kb.checks.validation import validate_knowledge_base
from kb.content.discovery import Layout
from kb.core.kinds import COLLECTION, PRACTICE
from kb.model.knowledge_base import KnowledgeBase, build_knowledge_base
from kb.render.collection_pages import render_handout
from kb.tools.cli import EXIT_VALID, main
from tests.support.building import kb_build
from tests.support.repo import FIXTURE_ENTRY_FILES, REAL_ENTRY_FILES, REPOSITORY, copy_content, fixture_layout

CONFERENCE = "think-globally-act-locally-2016"
RULE_COLLECTION = """---
title: Community engagement in Germany and the Netherlands
curator: ran-local
description: "One practice chosen by hand, then every practice with a community approach in Germany or the Netherlands."
items:
  - practice: police-youngsters-sweden
    note: "Chosen by hand, so shown first."
rule:
  approaches: [community-engagement]
  countries: [DE, NL]
last_reviewed: '2026-11-24'
---
"""
MATCHING_PRACTICE = """---
title: A new community practice
summary: A practice added after the collection was written, which its rule should pick up.
countries: [NL]
approaches: [community-engagement]
status: unknown
evidence: not-documented
sources:
  - title: A test source
last_reviewed: '2026-11-24'
---
"""


def knowledge_base(root: Path | Layout) -> KnowledgeBase:
    result = validate_knowledge_base(root if isinstance(root, Layout) else Layout.for_root(root))
    assert result.ok, result.diagnostics
    return build_knowledge_base(result)


def test_items_come_first_then_rule_matches_by_title_each_once(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    (root / "docs" / "collections" / "community.md").write_text(
        RULE_COLLECTION.replace(
            "  - practice: police-youngsters-sweden", "  - practice: expertise-unit-social-stability"
        )
    )
    kb = knowledge_base(root)
    items = kb.collection_items(kb.get(COLLECTION, "community"))
    assert [(i.practice.id, i.by_rule) for i in items] == [
        ("expertise-unit-social-stability", False),  # listed by hand, so not repeated by the rule
        ("180-grad-wende", True),
    ]


def test_a_collection_holds_its_items_in_order_each_with_its_note() -> None:
    kb = knowledge_base(fixture_layout())
    collection = kb.get(COLLECTION, CONFERENCE)
    items = kb.collection_items(collection)
    assert [i.practice.id for i in items] == [item["practice"] for item in collection.fields["items"]]
    assert [i.note for i in items] == [item["note"] for item in collection.fields["items"]]
    assert not any(i.by_rule for i in items)


def test_a_practice_knows_its_collections_without_saying_so() -> None:
    kb = knowledge_base(fixture_layout())
    practice = kb.get(PRACTICE, "police-youngsters-sweden")
    assert "collections" not in practice.fields
    assert [c.id for c in kb.collections_including(practice)] == [CONFERENCE]
    assert kb.collections_including(kb.get(PRACTICE, "example-practice-only-named")) == []


def test_a_collection_chosen_by_the_editors_names_them_as_curator(tmp_path: Path) -> None:
    kb = knowledge_base(fixture_layout())
    collection = kb.get(COLLECTION, CONFERENCE)
    assert collection.fields["curator"] == "editors" and kb.curator_of(collection) is None
    root = copy_content(tmp_path)
    path = root / "docs" / "collections" / "community.md"
    path.write_text(RULE_COLLECTION.replace("curator: ran-local", "curator: editor"))
    assert main(["--root", str(root), str(path)]) != EXIT_VALID  # only the exact word, or an organisation's id


def test_a_rule_that_matches_nothing_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_content(tmp_path)
    (root / "docs" / "collections" / "community.md").write_text(RULE_COLLECTION.replace("[DE, NL]", "[IS]"))
    assert main(["--root", str(root)]) == EXIT_VALID
    assert capsys.readouterr().out == (
        "docs/collections/community.md:8:1: KB701 warning: rule matches no practice "
        "(approaches: community-engagement; countries: IS); a practice must have one of the values of every "
        "field. Widen the rule, or remove it if the items are enough\n"
    )


def test_a_handout_says_when_a_practice_has_no_documented_approach(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    (root / "docs" / "collections" / "community.md").write_text(
        RULE_COLLECTION.replace("police-youngsters-sweden", "example-practice-only-named")
    )
    kb = knowledge_base(root)
    handout = render_handout(kb, kb.get(COLLECTION, "community"))
    block = handout[handout.index('data-practice="example-practice-only-named"') :]
    assert "<dt>Approaches</dt><dd>Not yet documented</dd>" in block[: block.index("</li>")]


def collection_ids(site: Path, collection_id: str) -> list[str]:
    document = json.loads((site / "data" / "collections" / f"{collection_id}.json").read_text())
    return [item["practice"] for item in document["items"]]


@pytest.mark.build
def test_a_rule_based_collection_grows_when_a_matching_practice_is_added(tmp_path: Path) -> None:
    root = copy_content(tmp_path / "repo")
    (root / "docs" / "collections" / "community.md").write_text(RULE_COLLECTION)
    first = kb_build(root, tmp_path / "first")
    assert first.returncode == 0, first.stderr
    assert collection_ids(tmp_path / "first", "community") == [
        "police-youngsters-sweden",
        "180-grad-wende",
        "expertise-unit-social-stability",
    ]

    (root / "docs" / "practices" / "a-new-community-practice.md").write_text(MATCHING_PRACTICE)
    second = kb_build(root, tmp_path / "second")
    assert second.returncode == 0, second.stderr
    assert collection_ids(tmp_path / "second", "community") == [
        "police-youngsters-sweden",
        "180-grad-wende",
        "a-new-community-practice",
        "expertise-unit-social-stability",
    ]
    page = (tmp_path / "second" / "collections" / "community" / "index.html").read_text()
    assert 'href="../../practices/a-new-community-practice/"' in page
    assert "every practice with approach Community engagement; country Germany or Netherlands" not in page
    assert "every practice with country Germany or Netherlands; approach Community engagement" in page
    new_page = (tmp_path / "second" / "practices" / "a-new-community-practice" / "index.html").read_text()
    assert 'href="../../collections/community/"' in new_page


@pytest.mark.build
def test_the_collections_list_and_the_collection_page(built_site: Path) -> None:
    listing = (built_site / "collections" / "index.html").read_text()
    assert f'href="{CONFERENCE}/"' in listing
    page = (built_site / "collections" / CONFERENCE / "index.html").read_text()
    assert page.index("dutch-multi-agency-case-management") < page.index("expertise-unit-social-stability")
    assert "Why it is here:" in page
    for target in ("handout/", "compact/", f"../../data/collections/{CONFERENCE}.json"):
        assert f'href="{target}"' in page


def collections_shown(html: str) -> list[str]:
    """The collections a practice page lists under 'In collections'."""
    if 'id="in-collections"' not in html:
        return []
    section = html[html.index('id="in-collections"') :]
    section = section[: section.index("</ul>")]
    return re.findall(r'<strong><a href="\.\./\.\./collections/([a-z0-9-]+)/">', section)


@pytest.mark.build
@pytest.mark.parametrize(
    ("content", "files"),
    [
        ("test", [p for p in FIXTURE_ENTRY_FILES if p.parent.name == "practices"]),
        ("real", [p for p in REAL_ENTRY_FILES if p.parent.name == "practices"]),
    ],
)
def test_each_practice_page_shows_exactly_the_collections_that_include_it(
    request: pytest.FixtureRequest, content: str, files: list[Path]
) -> None:
    site: Path = request.getfixturevalue("built_site" if content == "test" else "real_site")
    kb = knowledge_base(fixture_layout() if content == "test" else Layout.for_root(REPOSITORY))
    assert files
    for path in files:
        html = (site / "practices" / path.stem / "index.html").read_text()
        expected = [c.id for c in kb.collections_including(kb.get(PRACTICE, path.stem))]
        assert collections_shown(html) == expected, path.stem


@pytest.mark.build
def test_a_collection_curated_by_the_editors_says_so_and_links_to_how_they_work(built_site: Path) -> None:
    page = (built_site / "collections" / CONFERENCE / "index.html").read_text()
    assert (
        '<dt>Curator</dt> <dd><a href="../../contributing/#how-review-works">'
        "The editors of Local Prevention Practice Exchange</a></dd>"
    ) in page
    practice = (built_site / "practices" / "police-youngsters-sweden" / "index.html").read_text()
    assert '· curated by <a href="../../contributing/#how-review-works">the editors of' in practice
    handout = (built_site / "collections" / CONFERENCE / "handout" / "index.html").read_text()
    assert "Curated by the editors of Local Prevention Practice Exchange · Event: Think globally" in handout


@pytest.mark.build
def test_the_compact_view_has_no_navigation_and_links_out_of_a_frame(built_site: Path) -> None:
    html = (built_site / "collections" / CONFERENCE / "compact" / "index.html").read_text()
    for chrome in ('class="md-header', 'class="md-tabs', 'class="md-sidebar', 'class="md-footer'):
        assert chrome not in html
    assert '<a href="../../../practices/police-youngsters-sweden/" target="_top">' in html


@pytest.mark.build
def test_without_a_site_url_the_handout_says_so_and_draws_no_qr_code(built_site: Path) -> None:
    html = (built_site / "collections" / CONFERENCE / "handout" / "index.html").read_text()
    # As a reader sees it: the sentence comes from the strings, escaped as a whole (an apostrophe as &#39;).
    assert "They need the site's public address, which is not configured" in unescape(html)
    assert 'class="kb-qr"' not in html
    assert 'Path on the site: <span class="kb-url">practices/police-youngsters-sweden/</span>' in html
