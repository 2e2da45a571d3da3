"""Collections: resolved from items then rule, shown on the practices they include, updated as content grows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb.cli import EXIT_VALID, main
from kb.kinds import COLLECTION, PRACTICE
from kb.model import KnowledgeBase, build_knowledge_base
from kb.validation import Layout, validate_knowledge_base
from tests.support.repo import REPOSITORY, copy_content
from tests.test_build import mkdocs_build

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


def knowledge_base(root: Path) -> KnowledgeBase:
    result = validate_knowledge_base(Layout.for_root(root))
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


def test_the_conference_collection_holds_every_practice_of_the_event_with_a_note() -> None:
    kb = knowledge_base(REPOSITORY)
    items = kb.collection_items(kb.get(COLLECTION, CONFERENCE))
    presented = {p.id for p in kb.practices_presented_at_event(CONFERENCE)}
    assert {i.practice.id for i in items} == presented
    assert all(i.note and not i.by_rule for i in items)


def test_a_practice_knows_its_collections_without_saying_so() -> None:
    kb = knowledge_base(REPOSITORY)
    practice = kb.get(PRACTICE, "police-youngsters-sweden")
    assert "collections" not in practice.fields
    assert [c.id for c in kb.collections_including(practice)] == [CONFERENCE]


def test_a_rule_that_matches_nothing_is_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_content(tmp_path)
    (root / "docs" / "collections" / "community.md").write_text(RULE_COLLECTION.replace("[DE, NL]", "[IS]"))
    assert main(["--root", str(root)]) == EXIT_VALID
    assert capsys.readouterr().out == (
        "docs/collections/community.md:8:1: KB701 warning: rule matches no practice "
        "(approaches: community-engagement; countries: IS); a practice must have one of the values of every "
        "field. Widen the rule, or remove it if the items are enough\n"
    )


def collection_ids(site: Path, collection_id: str) -> list[str]:
    document = json.loads((site / "data" / "collections" / f"{collection_id}.json").read_text())
    return [item["practice"] for item in document["items"]]


@pytest.mark.build
def test_a_rule_based_collection_grows_when_a_matching_practice_is_added(tmp_path: Path) -> None:
    root = copy_content(tmp_path / "repo")
    (root / "docs" / "collections" / "community.md").write_text(RULE_COLLECTION)
    first = mkdocs_build(root, tmp_path / "first")
    assert first.returncode == 0, first.stderr
    assert collection_ids(tmp_path / "first", "community") == [
        "police-youngsters-sweden",
        "180-grad-wende",
        "expertise-unit-social-stability",
    ]

    (root / "docs" / "practices" / "a-new-community-practice.md").write_text(MATCHING_PRACTICE)
    second = mkdocs_build(root, tmp_path / "second")
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


@pytest.mark.build
def test_each_practice_page_shows_the_collections_that_include_it(built_site: Path) -> None:
    for path in (REPOSITORY / "docs" / "practices").glob("*.md"):
        html = (built_site / "practices" / path.stem / "index.html").read_text()
        section = html[html.index('id="in-collections"') :]
        assert f'href="../../collections/{CONFERENCE}/"' in section, path.stem


@pytest.mark.build
def test_the_compact_view_has_no_navigation_and_links_out_of_a_frame(built_site: Path) -> None:
    html = (built_site / "collections" / CONFERENCE / "compact" / "index.html").read_text()
    for chrome in ('class="md-header', 'class="md-tabs', 'class="md-sidebar', 'class="md-footer'):
        assert chrome not in html
    assert '<a href="../../../practices/police-youngsters-sweden/" target="_top">' in html


@pytest.mark.build
def test_without_a_site_url_the_handout_says_so_and_draws_no_qr_code(built_site: Path) -> None:
    html = (built_site / "collections" / CONFERENCE / "handout" / "index.html").read_text()
    assert "They need the site's public address, which is not configured" in html
    assert 'class="kb-qr"' not in html
    assert 'Path on the site: <span class="kb-url">practices/police-youngsters-sweden/</span>' in html
