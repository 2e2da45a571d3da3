"""The generated field reference and review page, freshness dates and edit links, without a build."""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from kb.checks.registry import FAMILIES, RULES
from kb.checks.validation import validate_knowledge_base
from kb.core.kinds import KINDS, PRACTICE
from kb.core.urls import REVIEW_SRC
from kb.model.freshness import REVIEW_AFTER_MONTHS, is_review_due, last_changed_dates, months_before
from kb.model.knowledge_base import RECOMMENDED_SECTIONS, KnowledgeBase, build_knowledge_base
from kb.render.contributor_pages import render_review_page
from kb.render.entry_pages import render_entry_page
from kb.render.field_reference import render_field_reference
from kb.render.source_links import SourceLinks, github_web_url, repository_url, source_footer, source_links_for
from tests.support.repo import fixture_layout, speech

TODAY = datetime.date(2026, 11, 24)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return build_knowledge_base(validate_knowledge_base(fixture_layout()))


@pytest.fixture(scope="module")
def field_reference(kb: KnowledgeBase) -> str:
    return render_field_reference(kb.schemas, kb.vocabularies, "../contributing.md", kb.speech)


# --- Field reference ----------------------------------------------------------------------------------------------


def schema_paths(schemas: Mapping[str, dict[str, Any]], schema_file: str) -> set[str]:
    """Every property path of a schema, found by following $ref by hand (apart from the page's code)."""
    by_id = {doc["$id"]: doc for doc in schemas.values()}

    def follow(node: dict[str, Any], doc_id: str) -> tuple[dict[str, Any], str]:
        while "$ref" in node:
            target_id, _, pointer = node["$ref"].partition("#")
            doc_id = target_id or doc_id
            node = by_id[doc_id]
            for part in pointer.strip("/").split("/"):
                node = node[part]
        return node, doc_id

    def walk(node: dict[str, Any], doc_id: str, prefix: str) -> set[str]:
        node, doc_id = follow(node, doc_id)
        if "items" in node:
            return walk(node["items"], doc_id, prefix + "[]")
        found = set()
        for name, child in node.get("properties", {}).items():
            path = f"{prefix}.{name}" if prefix else name
            found |= {path} | walk(child, doc_id, path)
        return found

    return walk(schemas[schema_file], schemas[schema_file]["$id"], "")


def section(page: str, title: str) -> str:
    start = page.index(f"\n## {title} ")
    end = page.find("\n## ", start + 1)
    return page[start:end]


@pytest.mark.parametrize("kind", KINDS, ids=[k.name for k in KINDS])
def test_field_reference_lists_every_property_of_every_kind(kind: Any, kb: KnowledgeBase, field_reference: str) -> None:
    listed = section(field_reference, kind.label)
    paths = schema_paths(kb.schemas, kind.schema_file)
    assert paths, kind
    missing = sorted(path for path in paths if f"`{path}`" not in listed)
    assert not missing, f"{kind.name}: not on the field reference: {missing}"


def test_field_reference_shows_nested_fields_by_their_path(field_reference: str) -> None:
    practice = section(field_reference, "Practice")
    for path in ("sources[].url", "sources[].locator", "contact.email", "contact.organisation"):
        assert f"`{path}`" in practice
    assert "`findings[].approaches`" in section(field_reference, "Workshop")
    assert "`title` · **required**" in practice and "`website` · **required**" not in practice


def test_field_reference_lists_every_vocabulary_value(kb: KnowledgeBase, field_reference: str) -> None:
    values = section(field_reference, "Allowed values")
    for vocabulary in kb.vocabularies.values():
        assert f"{{#vocabulary-{vocabulary.id}}}" in values
        for term in vocabulary.terms:
            assert f"`{term.id}`\n:   **{term.label}**" in values, (vocabulary.id, term.id)


def test_field_reference_lists_every_rule_with_its_examples(field_reference: str) -> None:
    messages = section(field_reference, "Validator messages")
    for rule in RULES.values():
        assert f'<span id="{rule.code.lower()}"></span>`{rule.code}` {rule.name}' in messages
    assert "`title: A` ↵ `title: B`" in messages  # KB008's bad example, over two lines


def test_field_reference_groups_the_rules_by_family(field_reference: str) -> None:
    messages = section(field_reference, "Validator messages")
    for family in FAMILIES:
        start = messages.index(f"\n### {family.title} {{#rules-{family.name}}}\n")
        end = messages.find("\n### ", start + 1)
        listed = messages[start : end if end > 0 else None]
        assert family.about in listed
        for rule in family.rules:
            assert f'<span id="{rule.code.lower()}"></span>`{rule.code}` {rule.name}' in listed
    assert "`KB802` source-not-cited · *warning*" in messages


def test_field_reference_explains_the_text_its_sections_and_markers(field_reference: str) -> None:
    text = section(field_reference, "The text")
    listed = [line.split("**")[1] for line in text.splitlines() if line.startswith("- **")]
    assert listed == list(RECOMMENDED_SECTIONS)
    for code in ("KB801", "KB802", "KB803"):
        assert f"[{code}](#{code.lower()})" in text
    assert "`[1]` or `[1, 3]`" in text
    practice = section(field_reference, "Practice")
    assert "`approaches`\n" in practice and "`approaches` · **required**" not in practice
    collection = section(field_reference, "Collection")
    assert "(its file name without `.md`), or `editors`." in collection


def test_field_reference_follows_a_new_schema_field(kb: KnowledgeBase) -> None:
    schemas = json.loads(json.dumps(kb.schemas))
    schemas["practice.schema.json"]["properties"]["funding"] = {"description": "Who pays.", "type": "string"}
    page = render_field_reference(schemas, kb.vocabularies, "../contributing.md", kb.speech)
    assert "`funding`\n:   Who pays.  \n    Text." in page


# --- Freshness ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 11, 24), 24, datetime.date(2024, 11, 24)),
        (datetime.date(2026, 3, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2024, 2, 29), -24, datetime.date(2026, 2, 28)),
        (datetime.date(2026, 1, 15), 1, datetime.date(2025, 12, 15)),
    ],
)
def test_months_before(day: datetime.date, months: int, expected: datetime.date) -> None:
    assert months_before(day, months) == expected


def test_review_is_due_after_the_named_number_of_months() -> None:
    assert REVIEW_AFTER_MONTHS == 24
    assert is_review_due(datetime.date(2024, 11, 24), TODAY)
    assert not is_review_due(datetime.date(2024, 11, 25), TODAY)


def git(root: Path, *arguments: str, date: str = "2020-01-01T12:00:00") -> None:
    env = os.environ | {
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }
    subprocess.run(["git", "-C", str(root), *arguments], check=True, capture_output=True, env=env)


def test_last_changed_dates_come_from_one_git_history(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "docs" / "practices").mkdir(parents=True)
    git(repo, "init", "-q")
    for name in ("a", "b"):
        (repo / "docs" / "practices" / f"{name}.md").write_text(name)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "first", date="2021-03-04T10:00:00")
    (repo / "docs" / "practices" / "b.md").write_text("changed")
    git(repo, "commit", "-qam", "second", date="2023-07-08T10:00:00")
    (repo / "docs" / "practices" / "new.md").write_text("not committed")

    paths = ["docs/practices/a.md", "docs/practices/b.md", "docs/practices/new.md"]
    assert last_changed_dates(repo, paths) == {
        "docs/practices/a.md": datetime.date(2021, 3, 4),
        "docs/practices/b.md": datetime.date(2023, 7, 8),
    }
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True)
    assert last_changed_dates(shallow, paths) == {}, "a shallow clone would date every file to its one commit"
    assert last_changed_dates(tmp_path / "not-a-repository", paths) == {}


def test_a_practice_not_reviewed_for_24_months_says_so_and_is_listed_for_review(kb: KnowledgeBase) -> None:
    stale = kb.get(PRACTICE, "police-youngsters-sweden")
    original = dict(stale.fields)
    try:
        stale.fields["last_reviewed"] = "2024-11-23"
        kb.today = TODAY
        kb.last_changed = {stale.source_path: datetime.date(2025, 1, 2)}
        page = render_entry_page(kb, stale)
        # Search leaves the notice out: it reads the same on every page not reviewed for a while.
        notice = '<p class="admonition-title">May be out of date</p>'
        assert f'<div class="admonition warning" data-pagefind-ignore>{notice}' in page
        assert "last checked against its sources on 2024-11-23, more than 24 months ago" in page
        assert "<dt>Last changed</dt> <dd>2025-01-02</dd>" in page
        fresh = render_entry_page(kb, kb.get(PRACTICE, "neighbourhood-managers-frankfurt"))
        assert "May be out of date" not in fresh and "Last changed" not in fresh

        review = render_review_page(kb, SourceLinks())
        due = review[review.index("## Due for review") : review.index("## Due in the next")]
        assert "Police Youngsters (Sweden)" in due and "Neighbourhood Managers" not in due
        assert "Reviewed 2024-11-23, due 2026-11-23, file changed 2025-01-02" in due
        assert "<code>docs/practices/police-youngsters-sweden.md</code>" in due
        linked = render_review_page(kb, SourceLinks("https://github.com/example/kb"))
        assert '<a href="https://github.com/example/kb/edit/main/docs/practices/police-youngsters-sweden.md">' in linked
    finally:
        stale.fields.clear()
        stale.fields.update(original)
        kb.last_changed = {}


def test_the_review_page_says_when_nothing_is_due(kb: KnowledgeBase) -> None:
    kb.today = TODAY
    page = render_review_page(kb, SourceLinks())
    assert "No practice is due: every one was reviewed in the last 24 months." in page
    assert "## Next due" in page
    assert re.search(r'<a href="\.\./\.\./practices/[a-z0-9-]+/">', page), f"links are relative to {REVIEW_SRC}"


# --- Edit links ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("remote", "url"),
    [
        ("https://github.com/example/kb.git", "https://github.com/example/kb"),
        ("https://github.com/example/kb", "https://github.com/example/kb"),
        ("git@github.com:example/kb.git", "https://github.com/example/kb"),
        ("ssh://git@github.com/example/kb.git", "https://github.com/example/kb"),
        ("https://token@github.com/example/kb.git", "https://github.com/example/kb"),
        ("/srv/git/kb.git", None),
        ("https://gitlab.example.org/example/kb.git", None),
        ("https://github.com/example", None),
    ],
)
def test_only_github_remotes_give_a_web_address(remote: str, url: str | None) -> None:
    assert github_web_url(remote) == url


def test_the_repository_address_comes_from_settings_then_actions_then_origin() -> None:
    actions = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "example/kb"}
    origin = "git@github.com:fork/kb.git"
    assert repository_url({"KB_REPOSITORY_URL": "https://git.example.org/kb/"} | actions, origin) == (
        "https://git.example.org/kb"
    )
    assert repository_url(actions, origin) == "https://github.com/example/kb"
    assert repository_url({}, origin) == "https://github.com/fork/kb"
    assert repository_url({}, None) is None
    assert repository_url({"GITHUB_SERVER_URL": "https://x", "GITHUB_REPOSITORY": "a/b) [x](y"}, None) is None


def test_outside_git_and_actions_no_address_is_invented(tmp_path: Path) -> None:
    assert source_links_for(tmp_path, env={}) == SourceLinks(None, "main")
    assert source_links_for(tmp_path, env={"KB_EDIT_BRANCH": "trunk"}).branch == "trunk"


def test_the_footer_links_to_the_source_or_says_where_it_is() -> None:
    known = source_footer(
        SourceLinks("https://github.com/example/kb"), "practices/x.md", "docs/practices/x.md", speech()
    )
    assert '<a href="https://github.com/example/kb/edit/main/docs/practices/x.md">Edit this page</a>' in known
    assert "data-pagefind-ignore" in known  # the footer is not what a search should find
    unknown = source_footer(SourceLinks(), "practices/x.md", "docs/practices/x.md", speech())
    assert "Source file: <code>docs/practices/x.md</code>" in unknown and 'href="../../contributing/"' in unknown
    assert "Edit this page" not in unknown
    generated = source_footer(SourceLinks("https://github.com/example/kb"), "countries/de.md", None, speech())
    assert "generated" in generated and "edit/" not in generated
