"""Controlled vocabularies: data files in schema/vocabularies/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jsonschema.protocols import Validator

from kb.content.loading import parse_text
from kb.content.schema_check import check_against_schema
from kb.core.diagnostics import Diagnostic

VOCABULARY_SUFFIX = ".yaml"


def vocabulary_file_name(path: Path) -> tuple[str, str | None]:
    """The vocabulary a file in schema/vocabularies/ belongs to, and the language it translates it into.

    ``approaches.yaml`` is the vocabulary itself (language None);
    ``approaches.de.yaml`` its German labels (kb.content.vocabulary_translations).
    Vocabulary ids hold no dot, so the first dot of the name parts the two. The
    one place that says which file is which.
    """
    vocabulary, dot, language = path.name.removesuffix(VOCABULARY_SUFFIX).partition(".")
    return vocabulary, (language if dot else None)


@dataclass(frozen=True)
class Term:
    id: str
    label: str
    description: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    id: str
    label: str
    description: str
    terms: tuple[Term, ...]

    def ids(self) -> list[str]:
        return [term.id for term in self.terms]

    def term(self, term_id: str) -> Term:
        return next(term for term in self.terms if term.id == term_id)


def load_vocabularies(directory: Path, validator: Validator) -> tuple[dict[str, Vocabulary], list[Diagnostic]]:
    """Every vocabulary file, read with the same strict loader as content.

    Vocabulary files are plain YAML, so they are wrapped in a front matter
    fence for the loader; line numbers are shifted back accordingly.
    """
    vocabularies: dict[str, Vocabulary] = {}
    diagnostics: list[Diagnostic] = []
    for path in sorted(directory.glob(f"*{VOCABULARY_SUFFIX}")):
        if vocabulary_file_name(path)[1] is not None:
            continue  # a translation's labels, read with its own rules
        display = path.as_posix()
        text = path.read_text(encoding="utf-8-sig")
        loaded = parse_text(f"---\n{text}\n---\n", display)
        problems = [_unshift(d) for d in loaded.diagnostics]
        if loaded.data is not None:
            problems += [
                Diagnostic(display, max(1, d.line - 1), d.column, "KB901", d.message)
                for d in check_against_schema(loaded, validator)
            ]
            expected_id = path.name.removesuffix(VOCABULARY_SUFFIX)
            if not problems and loaded.data["id"] != expected_id:
                problems.append(
                    Diagnostic(
                        display, 1, 1, "KB901", f"id '{loaded.data['id']}' must match the file name '{expected_id}'"
                    )
                )
        if not problems and loaded.data is not None:
            seen: set[str] = set()
            for term in loaded.data["terms"]:
                if term["id"] in seen:
                    problems.append(Diagnostic(display, 1, 1, "KB901", f"term '{term['id']}' is defined twice"))
                seen.add(term["id"])
        diagnostics += problems
        if not problems and loaded.data is not None:
            data = loaded.data
            vocabularies[data["id"]] = Vocabulary(
                data["id"],
                data["label"],
                data["description"],
                tuple(Term(t["id"], t["label"], t["description"], tuple(t.get("synonyms", []))) for t in data["terms"]),
            )
    return vocabularies, diagnostics


def _unshift(diagnostic: Diagnostic) -> Diagnostic:
    return Diagnostic(
        diagnostic.path, max(1, diagnostic.line - 1), diagnostic.column, diagnostic.code, diagnostic.message
    )
