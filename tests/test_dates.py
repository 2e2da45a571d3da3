"""An unquoted date in a date field is the text it was written as, on the strict and the fast path alike.

YAML reads ``last_reviewed: 2026-12-01`` as a date. Fields whose schema says
they are dates take it as '2026-12-01'; fields that want text still refuse it
(KB104, tests/cases/invalid/yaml11-date-where-text).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

import kb.checks.validation as validation
from kb.content.catalogue import load_catalogue
from kb.content.discovery import Layout
from kb.content.schemas import format_field_paths, read_dates_as_text
from kb.core.kinds import PRACTICE
from tests.support.repo import REPOSITORY, copy_content

CASE = REPOSITORY / "tests" / "cases" / "valid" / "dates-unquoted-in-date-fields" / "docs"


def test_date_fields_are_found_from_the_schema() -> None:
    schemas = load_catalogue(Layout.for_root(REPOSITORY)).schemas
    paths = format_field_paths(schemas[PRACTICE.schema_file], schemas, "date")
    assert set(paths) == {("last_reviewed",), ("sources", "*", "accessed"), ("personal_data_consent", "*", "date")}
    assert ("start_date",) in format_field_paths(schemas["event.schema.json"], schemas, "date")


def test_only_a_plain_date_in_a_date_field_becomes_text() -> None:
    at = datetime.datetime(2026, 12, 1, 10, 30)
    data = {
        "title": datetime.date(2026, 12, 1),
        "last_reviewed": datetime.date(2026, 12, 1),
        "sources": [{"accessed": datetime.date(2026, 1, 2)}, {"accessed": at}, "not a source"],
        "dates": "not a list",
    }
    read_dates_as_text(data, [("last_reviewed",), ("sources", "*", "accessed"), ("dates", "*"), ("missing",)])
    assert data == {
        "title": datetime.date(2026, 12, 1),  # wants text: the schema refuses it with KB104
        "last_reviewed": "2026-12-01",
        "sources": [{"accessed": "2026-01-02"}, {"accessed": at}, "not a source"],
        "dates": "not a list",
    }


@pytest.mark.parametrize("fast", [True, False], ids=["fast-path", "strict-loader"])
def test_both_loaders_read_unquoted_dates_as_text(fast: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_content(tmp_path)
    for source in CASE.rglob("*.md"):
        (root / "docs" / source.relative_to(CASE)).write_bytes(source.read_bytes())
    monkeypatch.setattr(validation, "FAST_PATH_MIN_FILES", 1 if fast else 10**6)
    result = validation.validate_knowledge_base(Layout.for_root(root))
    assert result.diagnostics == []
    by_file = {entry.path.relative_to(root / "docs").as_posix(): entry for entry in result.entries}
    practice = by_file["practices/example-practice.md"]
    event = by_file["events/think-globally-act-locally-2016.md"]
    # The fast path leaves a way to locate values later; the strict loader locates them at once.
    assert (practice.loaded.relocate is not None) is fast
    assert practice.data["last_reviewed"] == "2026-11-24"
    assert practice.data["sources"][0]["accessed"] == "2026-11-20"
    assert (event.data["start_date"], event.data["end_date"]) == ("2016-02-01", "2016-02-02")
