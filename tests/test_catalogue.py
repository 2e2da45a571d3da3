"""Which field takes which vocabulary is read from the schemas, and nowhere else."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from kb.checks import validation
from kb.checks.validation import validate_knowledge_base
from kb.content.catalogue import Catalogue, ValueList, load_catalogue
from kb.content.collection_rule import describe_rule
from kb.content.discovery import Layout
from kb.content.languages import SETTINGS_FILE
from kb.core.kinds import COLLECTION, ORGANISATION, WORKSHOP
from kb.model.knowledge_base import KnowledgeBase, build_knowledge_base
from kb.render.browse import build_browse_index
from kb.render.entry_pages import render_entry_page
from tests.support.repo import FIXTURE, REPOSITORY, fixture_layout


def test_the_map_comes_from_the_schema_markers() -> None:
    catalogue = validate_knowledge_base(fixture_layout()).catalogue
    assert catalogue.vocabulary_of("status").id == "statuses"
    assert catalogue.vocabulary_of("type", kind=ORGANISATION).id == "organisation-types"
    assert catalogue.vocabulary_of(("findings", "*", "audiences"), WORKSHOP).id == "audiences"
    assert catalogue.value_lists(COLLECTION, ("rule",))["countries"] == ValueList(codes="countries")
    with pytest.raises(KeyError, match=r"practice\.schema\.json gives the field title no vocabulary"):
        catalogue.vocabulary_of("title")


@pytest.fixture(scope="module")
def renamed(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The test content with the statuses vocabulary renamed 'lifecycle' in its files and in the schemas only."""
    schema = tmp_path_factory.mktemp("renamed") / "schema"
    shutil.copytree(REPOSITORY / "schema", schema)
    shutil.copytree(REPOSITORY / "i18n", schema.parent / "i18n")
    shutil.copy2(REPOSITORY / SETTINGS_FILE, schema.parent)  # the languages its vocabularies are translated into
    for old in sorted((schema / "vocabularies").glob("statuses.*")):
        text = old.read_text(encoding="utf-8")
        renamed = text.replace("id: statuses", "id: lifecycle").replace("vocabulary: statuses", "vocabulary: lifecycle")
        (old.parent / old.name.replace("statuses", "lifecycle")).write_text(renamed, encoding="utf-8")
        old.unlink()
    for name in ("practice.schema.json", "collection.schema.json"):
        path = schema / name
        path.write_text(path.read_text(encoding="utf-8").replace('"statuses"', '"lifecycle"'), encoding="utf-8")
    result = validate_knowledge_base(Layout(FIXTURE, FIXTURE / "docs", schema))
    assert result.ok, result.diagnostics
    return build_knowledge_base(result)


def test_pages_follow_a_vocabulary_renamed_in_the_schema(renamed: KnowledgeBase) -> None:
    practice = renamed.practices[0]
    label = renamed.vocabularies["lifecycle"].term(practice.fields["status"]).label
    assert f"<dt>Status</dt> <dd>{label}" in render_entry_page(renamed, practice)
    index, _, _ = build_browse_index(renamed)
    (status,) = [facet for facet in index["facets"] if facet["id"] == "status"]
    assert [value[0] for value in status["values"]] == renamed.vocabularies["lifecycle"].ids()
    rule = {"status": ["active"], "countries": ["SE"]}
    assert describe_rule(rule, renamed.catalogue, renamed.speech) == "country Sweden; status Active"


def test_one_validation_reads_each_schema_and_vocabulary_file_once(monkeypatch: pytest.MonkeyPatch) -> None:
    layout = fixture_layout()
    reads: Counter[str] = Counter()
    read_text = Path.read_text

    def counting(path: Path, *args: Any, **kwargs: Any) -> str:
        if path.is_relative_to(layout.schema_dir):
            reads[path.relative_to(layout.schema_dir).as_posix()] += 1
        return read_text(path, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", counting)
    result = validate_knowledge_base(layout)
    assert result.ok
    expected = {p.relative_to(layout.schema_dir).as_posix() for p in layout.schema_dir.rglob("*.*")}
    assert dict(reads) == dict.fromkeys(sorted(expected), 1)


def test_a_catalogue_given_is_the_one_used(monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue = load_catalogue(fixture_layout())

    def refuse(_: Layout) -> Catalogue:
        raise AssertionError("the catalogue was loaded again")

    monkeypatch.setattr(validation, "load_catalogue", refuse)
    result = validate_knowledge_base(fixture_layout(), catalogue=catalogue)
    assert result.ok and result.catalogue is catalogue
    assert build_knowledge_base(result).catalogue is catalogue


def test_a_schema_that_is_not_json_is_a_located_problem(tmp_path: Path) -> None:
    schema = tmp_path / "schema"
    shutil.copytree(REPOSITORY / "schema", schema)
    shutil.copytree(REPOSITORY / "i18n", tmp_path / "i18n")
    for translation in (schema / "vocabularies").glob("*.*.yaml"):
        translation.unlink()  # a repository in English alone, with no site.yml: its problem is the only one
    path = schema / "practice.schema.json"
    path.write_text('{\n  "title": "Practice",\n  "type" "object"\n}\n', encoding="utf-8")
    result = validate_knowledge_base(Layout(tmp_path, FIXTURE / "docs", schema))
    assert [(d.path, d.line, d.column, d.code) for d in result.diagnostics] == [
        ("schema/practice.schema.json", 3, 10, "KB901")
    ]
    assert "not valid JSON: Expecting ':' delimiter" in result.diagnostics[0].message
