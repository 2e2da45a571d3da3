"""The JSON Schemas in schema/, with vocabularies and code lists filled in.

Schemas mark controlled values with ``x-kb-vocabulary`` (a file in
schema/vocabularies/) or ``x-kb-codes`` (a pycountry list). Filling these in
as ``enum`` here keeps each list of allowed values in exactly one place.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from kb.content.loading import JsonPath
from kb.content.vocabularies import Vocabulary
from kb.core.codes import country_codes, language_codes

SCHEMA_SUFFIX = ".schema.json"
VOCABULARY_SCHEMA = "vocabulary.schema.json"
CODE_LISTS = {"countries": country_codes, "languages": language_codes}


def fill_in_enums(schema: Any, vocabularies: Mapping[str, Vocabulary]) -> Any:
    """A copy of the schema with every controlled-value marker given its enum."""
    filled = copy.deepcopy(schema)
    _fill(filled, vocabularies)
    return filled


def _fill(node: Any, vocabularies: Mapping[str, Vocabulary]) -> None:
    if isinstance(node, dict):
        if node.get("x-kb-vocabulary") in vocabularies:
            node["enum"] = vocabularies[node["x-kb-vocabulary"]].ids()
        if "x-kb-codes" in node:
            node["enum"] = sorted(CODE_LISTS[node["x-kb-codes"]]())
        for value in node.values():
            _fill(value, vocabularies)
    elif isinstance(node, list):
        for value in node:
            _fill(value, vocabularies)


def vocabularies_named(schema: Any) -> set[str]:
    """Every vocabulary a schema refers to, to check that each file exists."""
    if isinstance(schema, dict):
        named = {schema["x-kb-vocabulary"]} if "x-kb-vocabulary" in schema else set()
        return named.union(*(vocabularies_named(value) for value in schema.values()))
    if isinstance(schema, list):
        return set().union(*(vocabularies_named(value) for value in schema))
    return set()


def format_field_paths(
    schema: Mapping[str, Any], documents: Mapping[str, Mapping[str, Any]], form: str
) -> list[JsonPath]:
    """Paths (with '*' for list items) of every field whose schema has this ``format``, such as "date" or "uri"."""
    by_id = {doc.get("$id"): doc for doc in documents.values()}
    found: list[JsonPath] = []

    def resolve(node: Mapping[str, Any], base: Mapping[str, Any]) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
        seen = 0
        while "$ref" in node and seen < 20:
            reference = str(node["$ref"])
            document_id, _, pointer = reference.partition("#")
            base = by_id.get(document_id, base) if document_id else base
            target: Any = base
            for part in [p for p in pointer.split("/") if p]:
                target = target[part]
            node, seen = target, seen + 1
        return node, base

    def walk(node: Mapping[str, Any], base: Mapping[str, Any], path: JsonPath, depth: int) -> None:
        if depth > 10:
            return
        node, base = resolve(node, base)
        if node.get("format") == form:
            found.append(path)
        for name, sub in node.get("properties", {}).items():
            walk(sub, base, (*path, name), depth + 1)
        if isinstance(node.get("items"), dict):
            walk(node["items"], base, (*path, "*"), depth + 1)

    walk(schema, schema, (), 0)
    return found


def read_dates_as_text(data: Any, date_paths: Iterable[JsonPath]) -> None:
    """Make an unquoted date in a date field the text 'YYYY-MM-DD' it was written as.

    YAML reads ``last_reviewed: 2026-12-01`` as a date, and the schema wants
    the text; for a field that means a date, that is what the writer meant.
    Anything else stays as read, so the schema still refuses a date where text
    is wanted (a title), and a date with a time (KB104).
    """
    for path in date_paths:
        _date_as_text(data, path)


def _date_as_text(node: Any, path: JsonPath) -> None:
    head, rest = path[0], path[1:]
    if head == "*" and isinstance(node, list):
        keys: Iterable[Any] = range(len(node))
    elif isinstance(node, dict) and head in node:
        keys = (head,)
    else:
        return
    for key in keys:
        value = node[key]
        if rest:
            _date_as_text(value, rest)
        elif type(value) is datetime.date:  # a datetime (with a time) is no date field's value
            node[key] = value.isoformat()
