"""Related practices for a practice with no approaches: only what is stated or shared counts."""

from __future__ import annotations

from pathlib import Path

from kb.checks.validation import validate_knowledge_base
from kb.content.discovery import Layout
from kb.core.kinds import PRACTICE
from kb.model.knowledge_base import build_knowledge_base
from kb.model.related import related_practices
from tests.support.repo import copy_content, fixture_layout

ONLY_NAMED = "example-practice-only-named"


def test_a_practice_without_approaches_or_audiences_has_no_computed_relations() -> None:
    kb = build_knowledge_base(validate_knowledge_base(fixture_layout()))
    assert related_practices(kb, kb.get(PRACTICE, ONLY_NAMED)) == []
    for practice in kb.practices:
        assert ONLY_NAMED not in [r.practice.id for r in related_practices(kb, practice)]


def test_a_stated_relation_still_counts_without_approaches(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    path = root / "docs" / "practices" / f"{ONLY_NAMED}.md"
    path.write_text(path.read_text().replace("sources:\n", "related: [police-youngsters-sweden]\nsources:\n", 1))
    kb = build_knowledge_base(validate_knowledge_base(Layout.for_root(root)))
    (related,) = related_practices(kb, kb.get(PRACTICE, ONLY_NAMED))
    assert (related.practice.id, related.reason) == ("police-youngsters-sweden", "named as related")
    assert ONLY_NAMED in [r.practice.id for r in related_practices(kb, kb.get(PRACTICE, "police-youngsters-sweden"))]
