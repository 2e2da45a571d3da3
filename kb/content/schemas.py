"""The JSON Schemas in schema/, with vocabularies and code lists filled in.

Schemas mark controlled values with ``x-kb-vocabulary`` (a file in
schema/vocabularies/) or ``x-kb-codes`` (a pycountry list). Filling these in
as ``enum`` here keeps each list of allowed values in exactly one place.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.protocols import Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from kb.content.vocabularies import Vocabulary
from kb.core.codes import country_codes, language_codes
from kb.core.kinds import KINDS, Kind

SCHEMA_SUFFIX = ".schema.json"
VOCABULARY_SCHEMA = "vocabulary.schema.json"
CODE_LISTS = {"countries": country_codes, "languages": language_codes}


def read_schema_documents(schema_dir: Path) -> dict[str, dict[str, Any]]:
    return {
        path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(schema_dir.glob(f"*{SCHEMA_SUFFIX}"))
    }


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


def build_validator(
    schema_file: str,
    documents: Mapping[str, dict[str, Any]],
    vocabularies: Mapping[str, Vocabulary],
) -> Validator:
    filled = {name: fill_in_enums(doc, vocabularies) for name, doc in documents.items()}
    registry: Registry[Any] = Registry().with_resources(
        (doc["$id"], Resource.from_contents(doc, default_specification=DRAFT202012)) for doc in filled.values()
    )
    return Draft202012Validator(filled[schema_file], registry=registry, format_checker=FormatChecker())


def build_entry_validators(schema_dir: Path, vocabularies: Mapping[str, Vocabulary]) -> dict[Kind, Validator]:
    documents = read_schema_documents(schema_dir)
    return {kind: build_validator(kind.schema_file, documents, vocabularies) for kind in KINDS}


def build_vocabulary_validator(schema_dir: Path) -> Validator:
    return build_validator(VOCABULARY_SCHEMA, read_schema_documents(schema_dir), {})
