"""The catalogue: the schemas in schema/, the vocabularies they name, and what follows from them.

Loaded once per run (``load_catalogue``): each file is read and parsed once,
each schema has its controlled values filled in once, and one validator per
schema is compiled over one registry. Validation, the model, the pages and
the scaffold are handed the same ``Catalogue``.

Which field takes its values from which vocabulary is stated once, in the
schemas (``x-kb-vocabulary``, or ``x-kb-codes`` for a code list); every page,
facet and rule reads it from here instead of naming the vocabulary again.

The vocabularies' labels in the site's other languages are read here too
(kb.content.vocabulary_translations); ``Catalogue.vocabularies_in`` gives the
vocabularies in one language.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.protocols import Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from kb.content.discovery import Layout
from kb.content.languages import ENGLISH_ONLY, ORIGINAL_LANGUAGE, Languages
from kb.content.loading import JsonPath
from kb.content.schemas import SCHEMA_SUFFIX, VOCABULARY_SCHEMA, fill_in_enums, vocabularies_named
from kb.content.strings import LoadedStrings, load_strings
from kb.content.vocabularies import Vocabulary, load_vocabularies
from kb.content.vocabulary_translations import (
    VOCABULARY_TRANSLATION_SCHEMA,
    Translations,
    load_vocabulary_translations,
    read_translation_languages,
    translated,
)
from kb.core.diagnostics import Diagnostic
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


def resolve(
    node: Mapping[str, Any], base: Mapping[str, Any], by_id: Mapping[Any, Mapping[str, Any]]
) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    """A schema node merged over what its ``$ref`` names (its own keys win), and the document its children are in.

    ``by_id``: the schema documents by their ``$id`` (``Catalogue.by_id``).
    """
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
        sub, sub_base = resolve(sub, base, by_id)
        items = sub.get("items")
        items, items_base = resolve(items, sub_base, by_id) if isinstance(items, Mapping) else ({}, sub_base)
        found = _value_list(sub) or _value_list(items)
        if found is not None:
            yield (*path, name), found
        yield from _walk(sub, sub_base, by_id, (*path, name), depth + 1)
        if "properties" in items:
            yield from _walk(items, items_base, by_id, (*path, name, ANY_ITEM), depth + 1)


@dataclass(frozen=True)
class Catalogue:
    """The schemas (as read) and the vocabularies; from them, the filled-in schemas, their validators
    and which field takes which values. Never changed once made."""

    schemas: Mapping[str, dict[str, Any]]
    vocabularies: Mapping[str, Vocabulary]
    diagnostics: tuple[Diagnostic, ...] = ()  # problems found while loading (KB901, KB902, KB950-KB953)
    languages: Languages = ENGLISH_ONLY  # site.yml's, read once (kb.content.languages)
    strings: LoadedStrings | None = None  # the interface's words in each language (kb.content.strings)
    # The vocabularies' labels in the site's other languages, by language, then vocabulary id.
    vocabulary_translations: Translations = field(default_factory=dict)
    # False when site.yml's languages cannot be read (KB821): English stands in for them meanwhile,
    # and nothing that depends on the other languages (their published pages) is judged.
    languages_known: bool = True
    # Derived once, here: every entry and page asks, thousands of times per build.
    filled: Mapping[str, dict[str, Any]] = field(init=False, repr=False, compare=False)
    validators: Mapping[str, Validator] = field(init=False, repr=False, compare=False)
    fields: Mapping[str, Mapping[JsonPath, ValueList]] = field(init=False, repr=False, compare=False)
    by_id: Mapping[Any, Mapping[str, Any]] = field(init=False, repr=False, compare=False)
    # vocabularies_in's answers, made on first asking: every page in a language asks again.
    _in_language: dict[str, Mapping[str, Vocabulary]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {document.get("$id"): document for document in self.schemas.values()})
        filled = {name: fill_in_enums(document, self.vocabularies) for name, document in self.schemas.items()}
        object.__setattr__(self, "filled", filled)
        object.__setattr__(self, "validators", compile_validators(filled))
        found = {name: field_value_lists(schema, self.schemas) for name, schema in self.schemas.items()}
        object.__setattr__(self, "fields", found)

    def vocabularies_in(self, language: str) -> Mapping[str, Vocabulary]:
        """The vocabularies with their labels, descriptions and synonyms in ``language``; the same ids.

        English, the original, is ``vocabularies`` as written. In another
        language, each term's synonyms also hold its English label and
        synonyms, so a search with the English word still finds it.
        """
        if language == ORIGINAL_LANGUAGE:
            return self.vocabularies
        if language not in self.vocabulary_translations:
            known = ", ".join(sorted(self.vocabulary_translations)) or "none"
            raise KeyError(f"no vocabulary is translated into '{language}' (translated into: {known})")
        if language not in self._in_language:
            in_language = self.vocabulary_translations[language]
            self._in_language[language] = MappingProxyType(
                {name: translated(vocabulary, in_language.get(name)) for name, vocabulary in self.vocabularies.items()}
            )
        return self._in_language[language]

    def validator(self, schema_file: str) -> Validator:
        """The compiled validator of one schema file, such as practice.schema.json."""
        return self.validators[schema_file]

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


def compile_validators(documents: Mapping[str, dict[str, Any]]) -> dict[str, Validator]:
    """One validator per schema document, all over one registry of the documents (which refer to each other)."""
    registry: Registry[Any] = Registry().with_resources(
        (document["$id"], Resource.from_contents(document, default_specification=DRAFT202012))
        for document in documents.values()
        if "$id" in document
    )
    return {
        name: Draft202012Validator(document, registry=registry, format_checker=FormatChecker())
        for name, document in documents.items()
    }


def load_catalogue(layout: Layout) -> Catalogue:
    """Read every schema, vocabulary and vocabulary translation once; report what is wrong with them
    as KB901 (schemas, vocabularies) and KB902 (translations)."""
    schemas, diagnostics = read_schemas(layout)
    vocabularies: dict[str, Vocabulary] = {}
    # Vocabularies and their translations are checked against their schemas before any vocabulary exists:
    # only code lists are filled in.
    bare = (
        compile_validators({name: fill_in_enums(document, {}) for name, document in schemas.items()})
        if VOCABULARY_SCHEMA in schemas or VOCABULARY_TRANSLATION_SCHEMA in schemas
        else {}
    )
    if VOCABULARY_SCHEMA in schemas:
        vocabularies, problems = load_vocabularies(layout.vocabulary_dir, bare[VOCABULARY_SCHEMA])
        diagnostics += problems
    # site.yml's languages, read once for the vocabularies' translations and the interface's strings.
    read, problems = read_translation_languages(layout)
    diagnostics += problems
    languages = read or ENGLISH_ONLY  # while the setting is broken (KB821), strings follow English
    translations, problems = _load_translations(layout, schemas, vocabularies, bare, read)
    diagnostics += problems
    for missing in sorted(vocabularies_named(schemas) - set(vocabularies)):
        diagnostics.append(
            Diagnostic(
                layout.display(layout.vocabulary_dir / f"{missing}.yaml"),
                1,
                1,
                "KB901",
                f"a schema names the vocabulary '{missing}' but its file is missing or invalid",
            )
        )
    strings = load_strings(layout.strings_dir, languages, layout.display)
    diagnostics += strings.diagnostics
    return Catalogue(
        schemas, vocabularies, tuple(diagnostics), languages, strings, translations, languages_known=read is not None
    )


def _load_translations(
    layout: Layout,
    schemas: Mapping[str, dict[str, Any]],
    vocabularies: Mapping[str, Vocabulary],
    validators: Mapping[str, Validator],
    languages: Languages | None,
) -> tuple[Translations, list[Diagnostic]]:
    """The vocabularies' translations into site.yml's languages, checked (KB902); none while
    ``languages`` cannot be read."""
    if languages is None:
        return {}, []
    if VOCABULARY_TRANSLATION_SCHEMA not in schemas:
        if not languages.others:
            return {}, []
        where = layout.display(layout.schema_dir / VOCABULARY_TRANSLATION_SCHEMA)
        message = (
            f"{VOCABULARY_TRANSLATION_SCHEMA} is missing, so no vocabulary translation can be checked; "
            "restore it from git"
        )
        return {}, [Diagnostic(where, 1, 1, "KB901", message)]
    return load_vocabulary_translations(
        layout, vocabularies, vocabularies_named(schemas), languages, validators[VOCABULARY_TRANSLATION_SCHEMA]
    )


def read_schemas(layout: Layout) -> tuple[dict[str, dict[str, Any]], list[Diagnostic]]:
    """Every schema document in schema/, parsed once; a file that is not a JSON object is reported and left out."""
    schemas: dict[str, dict[str, Any]] = {}
    problems = []
    for path in sorted(layout.schema_dir.glob(f"*{SCHEMA_SUFFIX}")):
        display = layout.display(path)
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            problems.append(Diagnostic(display, error.lineno, error.colno, "KB901", f"not valid JSON: {error.msg}"))
            continue
        except (OSError, UnicodeDecodeError) as error:
            problems.append(Diagnostic(display, 1, 1, "KB901", f"cannot be read: {error}"))
            continue
        if not isinstance(document, dict) or "$id" not in document:
            problems.append(Diagnostic(display, 1, 1, "KB901", "a schema must be a JSON object with an '$id'"))
            continue
        schemas[path.name] = document
    return schemas, problems
