"""Open data: the knowledge base as JSON and CSV, its JSON Schemas, and an Atom feed.

Every file sits at a stable path (kb.core.urls; listed in permalinks.txt) and says
when it was generated and which version of the data format it follows. The
JSON exports validate against the published export schemas, which are built
from the same schemas in schema/ that validate the content, with every
vocabulary and code list filled in (kb.content.catalogue.Catalogue.filled).
The data keeps its field names in every language; the open data page and the
list of files describe each file with ``open_data.*`` strings.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree

from kb.checks.personal_data import CONSENT_FIELD
from kb.content.speech import Speech
from kb.core.kinds import COLLECTION, KINDS, PRACTICE, Kind
from kb.core.markdown import html_block
from kb.core.urls import (
    DATA_INDEX_PATH,
    FEED_PATH,
    OPEN_DATA_SRC,
    absolute_url,
    collection_data_path,
    export_schema_file,
    kind_data_path,
    page_url,
    schema_data_path,
)
from kb.model.knowledge_base import KnowledgeBase, Record
from kb.render.markup import fill_markdown, heading, relative, text
from kb.render.templating import render

# The version of the data format: bump the major number when a field is
# removed or changes meaning, the minor one when a field is added.
# 2: a practice may have no approaches; a curator may be "editors";
# personal_data_consent is published as true, not as the record.
DATA_FORMAT_VERSION = "2.0.0"
FEED_MAX_ENTRIES = 50
LIST_SEPARATOR = "; "  # between the values of a list in a CSV cell
ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
ID_PREFIX = "urn:practice-kb"
# A consent record is published as the fact that it exists (kb.model.knowledge_base.published_fields).
PUBLISHED_CONSENT = {
    "description": "Present, and true, when the people whose e-mail address or phone number the entry shows "
    "consented to it being published. Who consented, when, and the evidence are kept by the editors, "
    "not published.",
    "const": True,
}  # the same scheme as the schemas' $id: stable whatever the site's address


@dataclass(frozen=True)
class Stamp:
    """When the files were generated and the data format version they follow."""

    generated: str
    version: str = DATA_FORMAT_VERSION


def generated_today(environ: Mapping[str, str] = os.environ) -> Stamp:
    """Today (UTC), or SOURCE_DATE_EPOCH for a reproducible build."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = (
        datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
        if epoch.isdigit()
        else datetime.datetime.now(datetime.UTC)
    )
    return Stamp(moment.date().isoformat())


def _address(kb: KnowledgeBase, path: str) -> dict[str, str]:
    url = absolute_url(kb.site.url, path)
    return {"path": path, "url": url} if url else {"path": path}


def export_record(kb: KnowledgeBase, record: Record) -> dict[str, Any]:
    return {"id": record.id, **_address(kb, page_url(record.src_uri)), **record.fields}


def export_document(kb: KnowledgeBase, kind: Kind, stamp: Stamp) -> dict[str, Any]:
    records = sorted(kb.records[kind].values(), key=lambda r: r.id)
    return {
        "title": f"{kind.plural} in {kb.site.name}",
        "generated": stamp.generated,
        "version": stamp.version,
        "schema": posixpath.relpath(schema_data_path(export_schema_file(kind.folder)), "data"),
        "count": len(records),
        "records": [export_record(kb, r) for r in records],
    }


def published_schema(document: dict[str, Any], kb: KnowledgeBase, stamp: Stamp) -> dict[str, Any]:
    return {**document, "x-kb-generated": stamp.generated, "x-kb-version": stamp.version}


def export_schema(kind: Kind, kb: KnowledgeBase, stamp: Stamp) -> dict[str, Any]:
    """The schema of data/<kind>.json: the entry schema, plus the id and address of each record."""
    # A shallow copy: only its top level is changed below (new properties, new required), never the catalogue's.
    item = dict(kb.catalogue.filled[kind.schema_file])
    for key in ("$schema", "$id"):
        item.pop(key, None)
    item["properties"] = {
        "id": {
            "description": "The entry's permanent id: its file name without '.md'.",
            "$ref": "urn:practice-kb:schema:common#/$defs/entryId",
        },
        "path": {"description": "The entry's page, as a path on the site.", "type": "string"},
        "url": {
            "description": "The entry's page as a permanent absolute URL; absent when no site address was configured.",
            "type": "string",
            "format": "uri",
        },
        **item["properties"],
    }
    item["required"] = ["id", "path", *item.get("required", [])]
    if CONSENT_FIELD in item["properties"]:
        item["properties"][CONSENT_FIELD] = PUBLISHED_CONSENT
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{ID_PREFIX}:schema:export:{kind.folder}",
        "title": f"{kind.plural}: open data export",
        "description": f"The file {kind_data_path(kind.folder, 'json')}: every {kind.name} of the knowledge base, "
        "one record each, with the fields of its front matter.",
        "x-kb-generated": stamp.generated,
        "x-kb-version": stamp.version,
        "type": "object",
        "additionalProperties": False,
        "required": ["title", "generated", "version", "schema", "count", "records"],
        "properties": {
            "title": {"description": "What the file holds.", "type": "string"},
            "generated": {
                "description": "The day the file was generated, YYYY-MM-DD.",
                "$ref": "urn:practice-kb:schema:common#/$defs/date",
            },
            "version": {"description": "The version of the data format (semantic versioning).", "type": "string"},
            "schema": {"description": "This schema, as a path relative to the file.", "type": "string"},
            "count": {"description": "The number of records.", "type": "integer", "minimum": 0},
            "records": {"description": f"One record per {kind.name}, sorted by id.", "type": "array", "items": item},
        },
    }


def csv_table(kb: KnowledgeBase, kind: Kind) -> str:
    """One row per entry; lists joined with '; ', nested groups as JSON so nothing is lost."""
    properties = kb.schemas[kind.schema_file]["properties"]
    columns = ["id", "path", "url", *properties]
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow(columns)
    for record in sorted(kb.records[kind].values(), key=lambda r: r.id):
        row = export_record(kb, record)
        writer.writerow([_cell(row.get(column)) for column in columns])
    return output.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def collection_document(kb: KnowledgeBase, collection: Record, stamp: Stamp) -> dict[str, Any]:
    items = []
    for position, item in enumerate(kb.collection_items(collection), start=1):
        practice = item.practice
        entry = {
            "position": position,
            "practice": practice.id,
            "title": practice.title,
            **_address(kb, page_url(practice.src_uri)),
            "included_by": "rule" if item.by_rule else "items",
            "countries": practice.values("countries"),
            "approaches": practice.values("approaches"),
            "summary": practice.summary,
        }
        if item.note:
            entry["note"] = item.note
        items.append(entry)
    return {
        "title": collection.title,
        "generated": stamp.generated,
        "version": stamp.version,
        "collection": {"id": collection.id, **_address(kb, page_url(collection.src_uri)), **collection.fields},
        "items": items,
    }


def collection_csv(kb: KnowledgeBase, collection: Record) -> str:
    columns = ["position", "practice", "title", "path", "url", "included_by", "countries", "approaches", "note"]
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow(columns)
    document = collection_document(kb, collection, Stamp(""))
    for item in document["items"]:
        writer.writerow([_cell(item.get(column)) for column in columns])
    return output.getvalue()


def atom_feed(kb: KnowledgeBase) -> str:
    """New and updated practices, newest review first. Dates are last_reviewed: no other date is known."""
    ElementTree.register_namespace("", ATOM_NAMESPACE)

    def element(parent: ElementTree.Element, tag: str, value: str | None = None, **attributes: str) -> Any:
        child = ElementTree.SubElement(parent, f"{{{ATOM_NAMESPACE}}}{tag}", attributes)
        if value is not None:
            child.text = value
        return child

    def link(path: str) -> str:
        # Relative references resolve against the feed's own address (RFC 4287 section 3.5 / xml:base).
        if kb.site.url:
            return kb.site.url + path
        relative = posixpath.relpath("/" + path, "/" + posixpath.dirname(FEED_PATH))
        return "./" if relative == "." else relative + ("/" if path.endswith("/") else "")

    practices = sorted(kb.practices, key=lambda p: (p.fields["last_reviewed"], p.id), reverse=True)
    practices = practices[:FEED_MAX_ENTRIES]
    feed = ElementTree.Element(f"{{{ATOM_NAMESPACE}}}feed")
    element(feed, "id", f"{ID_PREFIX}:feed:practices")
    element(feed, "title", f"{kb.site.name}: new and updated practices")
    element(
        feed, "updated", _timestamp(practices[0].fields["last_reviewed"]) if practices else _timestamp("1970-01-01")
    )
    element(feed, "link", rel="self", href=link(FEED_PATH), type="application/atom+xml")
    element(feed, "link", rel="alternate", href=link(""), type="text/html")
    author = element(feed, "author")
    element(author, "name", kb.site.name)
    approaches = kb.vocabulary_of("approaches")
    for practice in practices:
        entry = element(feed, "entry")
        element(entry, "id", f"{ID_PREFIX}:practice:{practice.id}")
        element(entry, "title", practice.title)
        element(entry, "updated", _timestamp(practice.fields["last_reviewed"]))
        element(entry, "link", rel="alternate", href=link(page_url(practice.src_uri)), type="text/html")
        element(entry, "summary", practice.summary)
        for approach in practice.values("approaches"):
            element(entry, "category", term=approach, label=approaches.term(approach).label)
    ElementTree.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(feed, encoding="unicode") + "\n"


def _timestamp(day: str) -> str:
    return f"{day}T00:00:00Z"


@dataclass(frozen=True)
class About:
    """What a data file holds: a string of the catalogue and its values, worded in any language.

    A value is text as it stands, a number (written the language's way) or another ``About``.
    """

    key: str
    values: Mapping[str, str | int | About] = field(default_factory=dict)

    def words(self, say: Speech) -> str:
        def worded(value: str | int | About) -> str:
            if isinstance(value, About):
                return value.words(say)
            return say.number(value) if isinstance(value, int) else value

        return say.t(self.key, **{name: worded(value) for name, value in self.values.items()})


@dataclass(frozen=True)
class DataFile:
    path: str
    format: str
    about: About
    content: str


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def _json_and_csv(
    path_for: Callable[[str], str], subject: About, document: str, table: str, detail: str = "with_all_fields"
) -> list[DataFile]:
    """The same records as a JSON document (all fields) and a CSV table (one row each)."""
    return [
        DataFile(path_for("json"), "JSON", About(f"open_data.files.{detail}", {"subject": subject}), document),
        DataFile(path_for("csv"), "CSV", About("open_data.files.one_row_each", {"subject": subject}), table),
    ]


def open_data_files(kb: KnowledgeBase, stamp: Stamp) -> list[DataFile]:
    """Every data file; the list of files (data/index.json) describes them in the knowledge base's language."""
    say = kb.speech
    files = []
    for kind in KINDS:
        files += _json_and_csv(
            lambda extension, kind=kind: kind_data_path(kind.folder, extension),  # type: ignore[misc]
            About(f"open_data.files.every.{kind.name}", {"count": len(kb.records[kind])}),
            _json(export_document(kb, kind, stamp)),
            csv_table(kb, kind),
        )
    for collection in kb.of_kind(COLLECTION):
        files += _json_and_csv(
            lambda extension, collection=collection: collection_data_path(collection.id, extension),  # type: ignore[misc]
            About("open_data.files.collection", {"title": collection.title}),
            _json(collection_document(kb, collection, stamp)),
            collection_csv(kb, collection),
            detail="in_order",
        )
    for kind in KINDS:
        files.append(
            DataFile(
                schema_data_path(export_schema_file(kind.folder)),
                "JSON Schema",
                About("open_data.files.export_schema", {"path": kind_data_path(kind.folder, "json")}),
                _json(export_schema(kind, kb, stamp)),
            )
        )
    for name, document in sorted(kb.catalogue.filled.items()):
        files.append(
            DataFile(
                schema_data_path(name),
                "JSON Schema",
                About("open_data.files.content_schema", {"title": str(document.get("title", name))}),
                _json(published_schema(document, kb, stamp)),
            )
        )
    files.append(DataFile(FEED_PATH, "Atom", About("open_data.files.feed"), atom_feed(kb)))
    catalogue = {
        "title": f"Open data of {kb.site.name}",
        "generated": stamp.generated,
        "version": stamp.version,
        "files": [
            {"path": posixpath.relpath(f.path, "data"), "format": f.format, "description": f.about.words(say)}
            for f in files
        ],
    }
    files.append(DataFile(DATA_INDEX_PATH, "JSON", About("open_data.files.index"), _json(catalogue)))
    return files


def render_open_data_page(kb: KnowledgeBase, files: list[DataFile], stamp: Stamp) -> str:
    src, say = OPEN_DATA_SRC, kb.speech
    # An HTML table, not Markdown: another language's edition links to the files only the original
    # publishes, which an engine would take for missing pages of its own and rewrite.
    rows = [
        DataFileRow(data_file.path, kb.shared_url(src, data_file.path), data_file.format, data_file.about.words(say))
        for data_file in files
    ]
    table = html_block(render("data_files.html", rows=rows, say=say))
    practices = f"[{text(say.t('open_data.practices'))}]({relative(src, f'{PRACTICE.folder}/index.md')})"
    intro = fill_markdown(
        say.t("open_data.intro"),
        date=text(say.date(stamp.generated)),
        version=text(stamp.version),
        practices=practices,
    )
    return heading(1, say.t("open_data.title")) + f"\n{intro}\n\n" + table


@dataclass(frozen=True)
class DataFileRow:
    path: str
    href: str
    format: str
    description: str  # what the file holds, in the page's language
