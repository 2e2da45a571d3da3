"""Open data: exports that validate against the published schemas, one record per entry, a feed, citations."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from kb.core.kinds import KINDS, PRACTICE
from kb.model.knowledge_base import Record, SiteInfo
from kb.render.citation import cite
from kb.render.open_data import DATA_FORMAT_VERSION, FEED_MAX_ENTRIES
from tests.support.repo import FIXTURE, entry_files, speech

pytestmark = pytest.mark.build
ATOM = "{http://www.w3.org/2005/Atom}"
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def entry_ids(folder: str) -> list[str]:
    """The ids of the test content's entries of one kind, which the built site (built_site) publishes."""
    return [path.stem for path in entry_files(FIXTURE, folder)]


def published_schemas(site: Path) -> dict[str, dict[str, Any]]:
    return {path.name: json.loads(path.read_text()) for path in (site / "data" / "schema").glob("*.json")}


def validator_for(site: Path, name: str) -> Draft202012Validator:
    """A validator using only what the site publishes, as a reuser would."""
    schemas = published_schemas(site)
    registry: Registry[Any] = Registry().with_resources(
        (doc["$id"], Resource.from_contents(doc, default_specification=DRAFT202012)) for doc in schemas.values()
    )
    return Draft202012Validator(schemas[name], registry=registry, format_checker=FormatChecker())


@pytest.mark.parametrize("folder", [kind.folder for kind in KINDS])
def test_each_json_export_validates_against_its_published_schema(built_site: Path, folder: str) -> None:
    document = json.loads((built_site / "data" / f"{folder}.json").read_text())
    validator = validator_for(built_site, document["schema"].removeprefix("schema/"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert errors == []


def test_the_practice_export_holds_exactly_one_record_per_practice(built_site: Path) -> None:
    document = json.loads((built_site / "data" / "practices.json").read_text())
    ids = [record["id"] for record in document["records"]]
    assert ids == entry_ids("practices")  # each once, none missing, none extra
    assert document["count"] == len(ids)
    assert ISO_DAY.match(document["generated"]) and document["version"] == DATA_FORMAT_VERSION
    first = document["records"][0]
    assert first["path"] == f"practices/{first['id']}/" and "url" not in first  # no site URL configured


def test_a_record_from_the_export_is_rejected_when_broken(built_site: Path) -> None:
    document = json.loads((built_site / "data" / "practices.json").read_text())
    document["records"][0]["approaches"] = ["not-an-approach"]
    validator = validator_for(built_site, "export-practices.schema.json")
    assert any("not-an-approach" in e.message for e in validator.iter_errors(document))


def test_published_schemas_carry_the_vocabularies_a_date_and_a_version(built_site: Path) -> None:
    schema = published_schemas(built_site)["practice.schema.json"]
    assert "community-engagement" in schema["properties"]["approaches"]["items"]["enum"]
    assert ISO_DAY.match(schema["x-kb-generated"]) and schema["x-kb-version"] == DATA_FORMAT_VERSION


def test_the_csv_has_one_row_per_practice(built_site: Path) -> None:
    with (built_site / "data" / "practices.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["id"] for row in rows] == entry_ids("practices")
    leicester = next(row for row in rows if row["id"] == "leicester-response-to-edl-marches")
    assert leicester["countries"] == "GB"
    assert (
        leicester["approaches"]
        == "crisis-response; community-engagement; local-authorities; communication-and-narratives"
    )
    assert json.loads(leicester["sources"])[0]["locator"].startswith("Workshop 2")


def test_a_practice_without_approaches_is_exported_without_them(built_site: Path) -> None:
    document = json.loads((built_site / "data" / "practices.json").read_text())
    record = next(r for r in document["records"] if r["id"] == "example-practice-only-named")
    assert "approaches" not in record
    with (built_site / "data" / "practices.csv").open(newline="", encoding="utf-8") as handle:
        row = next(row for row in csv.DictReader(handle) if row["id"] == "example-practice-only-named")
    assert row["approaches"] == ""
    feed = ElementTree.parse(built_site / "feed.xml").getroot()
    entry = next(
        e for e in feed.findall(f"{ATOM}entry") if e.findtext(f"{ATOM}id", "").endswith(":example-practice-only-named")
    )
    assert entry.findall(f"{ATOM}category") == []


def test_each_collection_is_published_as_json_and_csv(built_site: Path) -> None:
    for collection_id in entry_ids("collections"):
        document = json.loads((built_site / "data" / "collections" / f"{collection_id}.json").read_text())
        assert document["collection"]["id"] == collection_id
        assert [item["position"] for item in document["items"]] == list(range(1, len(document["items"]) + 1))
        rows = (built_site / "data" / "collections" / f"{collection_id}.csv").read_text().splitlines()
        assert len(rows) == len(document["items"]) + 1


def test_the_catalogue_lists_files_that_exist(built_site: Path) -> None:
    catalogue = json.loads((built_site / "data" / "index.json").read_text())
    assert ISO_DAY.match(catalogue["generated"])
    for entry in catalogue["files"]:
        assert (built_site / "data" / entry["path"]).resolve().is_file(), entry["path"]


def test_the_feed_lists_practices_by_their_review_date(built_site: Path) -> None:
    feed = ElementTree.parse(built_site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == min(FEED_MAX_ENTRIES, len(entry_ids("practices")))
    reviewed = {
        path.stem: re.search(r"last_reviewed: '([\d-]+)'", path.read_text())[1]  # type: ignore[index]
        for path in entry_files(FIXTURE, "practices")
    }
    for entry in entries:
        practice_id = entry.findtext(f"{ATOM}id", "").removeprefix("urn:practice-kb:practice:")
        assert entry.findtext(f"{ATOM}updated") == f"{reviewed[practice_id]}T00:00:00Z"
        link = entry.find(f"{ATOM}link")
        assert link is not None and link.get("href") == f"practices/{practice_id}/"
    home = (built_site / "index.html").read_text()
    assert (
        '<link rel="alternate" type="application/atom+xml" title="New and updated practices" href="feed.xml">' in home
    )


def test_every_practice_page_has_a_citation_with_its_path(built_site: Path) -> None:
    for practice_id in entry_ids("practices"):
        html = (built_site / "practices" / practice_id / "index.html").read_text()
        assert 'id="cite-this-practice"' in html
        assert f"practices/{practice_id}/ (a path on the site; no public address is configured yet)" in html
        assert f"@misc{{{practice_id}," in html


def test_a_citation_uses_the_permanent_url_and_leaves_the_retrieval_date_to_the_reader() -> None:
    practice = Record(
        PRACTICE,
        "police-youngsters-sweden",
        "practices/police-youngsters-sweden.md",
        "docs/practices/police-youngsters-sweden.md",
        {"title": "Police Youngsters (Sweden) & co", "last_reviewed": "2026-11-24"},
        "",
    )
    citation = cite(practice, SiteInfo("Local Prevention Practice Exchange", "https://kb.example.test/x/"), speech())
    assert citation.text == (
        "Police Youngsters (Sweden) & co. In: Local Prevention Practice Exchange. Last reviewed 2026-11-24. "
        "https://kb.example.test/x/practices/police-youngsters-sweden/ (accessed [date])."
    )
    assert citation.bibtex == (
        "@misc{police-youngsters-sweden,\n"
        "  title = {{Police Youngsters (Sweden) \\& co}},\n"
        "  howpublished = {Local Prevention Practice Exchange},\n"
        "  url = {https://kb.example.test/x/practices/police-youngsters-sweden/},\n"
        "  addendum = {Last reviewed 2026-11-24},\n"
        "  urldate = {[date]},\n"
        "}"
    )


def test_a_consent_record_is_published_only_as_the_fact_of_consent(tmp_path: Path) -> None:
    """The record (who, when, where the evidence is) stays in the source file; pages and data say only 'true'."""
    from tests.support.building import kb_build
    from tests.support.repo import REPOSITORY, copy_content, overlay

    root = copy_content(tmp_path / "repo")
    case = REPOSITORY / "tests" / "cases" / "valid" / "personal-data-with-consent"
    overlay(case, root)
    source = (root / "docs" / "practices" / "example-practice.md").read_text(encoding="utf-8")
    record = {"archive_reference": "CONSENT-2026-914", "date": "2026-11-19", "role": "coordinator"}
    assert all(f"{name}: {value}" in source or f"{name}: '{value}'" in source for name, value in record.items())
    site = tmp_path / "site"
    result = kb_build(root, site)
    assert result.returncode == 0, result.stderr

    document = json.loads((site / "data" / "practices.json").read_text())
    published = next(r for r in document["records"] if r["id"] == "example-practice")
    assert published["personal_data_consent"] is True
    assert published["contact"]["email"] == "jan.de.vries@example.org"  # consented to, so shown
    validator = validator_for(site, "export-practices.schema.json")
    assert [e.message for e in validator.iter_errors(document)] == []
    with (site / "data" / "practices.csv").open(newline="", encoding="utf-8") as handle:
        row = next(r for r in csv.DictReader(handle) if r["id"] == "example-practice")
    assert row["personal_data_consent"] == "True"

    # Nothing of the record on any page or in any data file: its archive reference and
    # consent date are written nowhere else in the content.
    for path in site.rglob("*"):
        if path.suffix in {".html", ".json", ".csv", ".xml", ".txt", ".js"} and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "CONSENT-2026-914" not in text, path
            assert "2026-11-19" not in text, path
    page = (site / "practices" / "example-practice" / "index.html").read_text(encoding="utf-8")
    assert "jan.de.vries@example.org" in page and "archive_reference" not in page
