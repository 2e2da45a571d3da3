"""The catalogue: the schemas in schema/ and the vocabularies they name, and what follows from them.

Which field takes its values from which vocabulary is stated once, in the
schemas (``x-kb-vocabulary``, or ``x-kb-codes`` for a code list); every page,
facet and rule reads it from here instead of naming the vocabulary again.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from kb.content.loading import JsonPath
from kb.content.vocabularies import Vocabulary
from kb.core.kinds import PRACTICE, Kind

VOCABULARY_MARKER = "x-kb-vocabulary"
CODES_MARKER = "x-kb-codes"
MAX_DEPTH = 12  # schema nesting followed; ours is at most 4 deep
ANY_ITEM = "*"  # in a field path: each item of a list of objects, such as a workshop's findings


@dataclass(frozen=True)
class ValueList:
    """Where a field's allowed values come from: a vocabulary in schema/vocabularies/, or a code list."""

    vocabulary: str | None = None
    codes: str | None = None  # "countries" or "languages" (kb.content.schemas.CODE_LISTS)


def field_value_lists(
    schema: Mapping[str, Any], documents: Mapping[str, Mapping[str, Any]]
) -> dict[JsonPath, ValueList]:
    """Every field of a schema whose values (or list items) are controlled, by its path, in schema order.

    A list of objects adds ``*`` to the path: ``("findings", "*", "approaches")``.
    """
    by_id = {document.get("$id"): document for document in documents.values()}
    return dict(_walk(schema, schema, by_id, (), 0))


def _resolve(
    node: Mapping[str, Any], base: Mapping[str, Any], by_id: Mapping[Any, Mapping[str, Any]]
) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    for _ in range(MAX_DEPTH):
        if "$ref" not in node:
            break
        document_id, _, pointer = str(node["$ref"]).partition("#")
        base = by_id.get(document_id, base) if document_id else base
        target: Any = base
        for part in (p for p in pointer.split("/") if p):
            target = target.get(part, {}) if isinstance(target, Mapping) else {}
        # A $ref with siblings (a description) keeps them; the target adds the rest.
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node, base


def _value_list(node: Mapping[str, Any]) -> ValueList | None:
    if VOCABULARY_MARKER in node:
        return ValueList(vocabulary=str(node[VOCABULARY_MARKER]))
    if CODES_MARKER in node:
        return ValueList(codes=str(node[CODES_MARKER]))
    return None


def _walk(
    node: Mapping[str, Any],
    base: Mapping[str, Any],
    by_id: Mapping[Any, Mapping[str, Any]],
    path: JsonPath,
    depth: int,
) -> Iterator[tuple[JsonPath, ValueList]]:
    if depth > MAX_DEPTH:
        return
    for name, sub in node.get("properties", {}).items():
        if not isinstance(sub, Mapping):
            continue
        sub, sub_base = _resolve(sub, base, by_id)
        items = sub.get("items")
        items, items_base = _resolve(items, sub_base, by_id) if isinstance(items, Mapping) else ({}, sub_base)
        found = _value_list(sub) or _value_list(items)
        if found is not None:
            yield (*path, name), found
        yield from _walk(sub, sub_base, by_id, (*path, name), depth + 1)
        if "properties" in items:
            yield from _walk(items, items_base, by_id, (*path, name, ANY_ITEM), depth + 1)


@dataclass(frozen=True)
class Catalogue:
    """The schemas (as read) and the vocabularies, with which field takes which values."""

    schemas: Mapping[str, dict[str, Any]]
    vocabularies: Mapping[str, Vocabulary]
    # Derived once from the schemas: every page asks, thousands of times per build.
    fields: Mapping[str, Mapping[JsonPath, ValueList]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        found = {name: field_value_lists(schema, self.schemas) for name, schema in self.schemas.items()}
        object.__setattr__(self, "fields", found)

    def value_lists(self, kind: Kind, under: JsonPath = ()) -> dict[str, ValueList]:
        """The controlled fields directly under ``under`` in a kind's entries, by name, in schema order."""
        return {
            str(path[len(under)]): found
            for path, found in self._value_lists(kind.schema_file).items()
            if len(path) == len(under) + 1 and path[: len(under)] == under
        }

    def vocabulary_of(self, name: str | JsonPath, kind: Kind = PRACTICE) -> Vocabulary:
        """The vocabulary a field takes its values from, as the kind's schema says."""
        path = (name,) if isinstance(name, str) else tuple(name)
        found = self._value_lists(kind.schema_file).get(path)
        if found is None or found.vocabulary is None:
            raise KeyError(f"{kind.schema_file} gives the field {'.'.join(map(str, path))} no vocabulary")
        return self.vocabularies[found.vocabulary]

    def _value_lists(self, schema_file: str) -> Mapping[JsonPath, ValueList]:
        return self.fields.get(schema_file, {})
