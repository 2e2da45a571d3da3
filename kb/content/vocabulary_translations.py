"""Vocabulary labels in the site's other languages: schema/vocabularies/<vocabulary>.<language>.yaml (KB902).

Each vocabulary a schema names is shown on the site (facets, entry pages), so
it has one translation file per language ``site.yml`` names besides English,
beside the vocabulary: ``approaches.de.yaml`` holds the German label and
description of ``approaches.yaml`` and of every one of its terms, under the
terms' ids, which are never translated. The files are read with the strict
loader, checked against schema/vocabulary-translation.schema.json, against
their file name, against the vocabulary (no unknown term, every term
translated) and against ``site.yml``; every problem is KB902, at its line.

``translated`` gives a vocabulary in a language (``Catalogue.vocabularies_in``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema.protocols import Validator

from kb.content.discovery import Layout
from kb.content.languages import (
    SETTING,
    SETTINGS_FILE,
    Languages,
    LanguagesError,
    language_name,
    read_languages,
    settings_problem,
)
from kb.content.loading import JsonPath, LoadedFile, parse_text
from kb.content.schema_check import check_against_schema
from kb.content.vocabularies import VOCABULARY_SUFFIX, Term, Vocabulary, vocabulary_file_name
from kb.core.diagnostics import Diagnostic
from kb.core.suggestions import closest

VOCABULARY_TRANSLATION_SCHEMA = "vocabulary-translation.schema.json"
CODE = "KB902"
MAX_TERMS_NAMED = 8  # missing terms named in one message


@dataclass(frozen=True)
class TermTranslation:
    label: str
    description: str
    synonyms: tuple[str, ...] = ()


@dataclass(frozen=True)
class VocabularyTranslation:
    """One translation file as read: the vocabulary's label and description, and its terms' by id."""

    vocabulary: str
    language: str
    label: str
    description: str
    terms: Mapping[str, TermTranslation]


Translations = Mapping[str, Mapping[str, VocabularyTranslation]]  # by language, then by vocabulary id


def translation_file_name(vocabulary: str, language: str) -> str:
    """The name of the file that translates ``vocabulary`` into ``language``: approaches.de.yaml."""
    return f"{vocabulary}.{language}{VOCABULARY_SUFFIX}"


def read_translation_languages(layout: Layout) -> tuple[Languages | None, list[Diagnostic]]:
    """The languages vocabularies are translated into: site.yml's besides English, or None and why not.

    The site.yml is the one of the repository the vocabularies are in, beside
    schema/, as the interface's strings are (``Layout.strings_dir``): in a
    repository that is layout.root's, and a test that reads its test content
    with the repository's schema/ borrows the vocabularies' languages with it.
    """
    root = layout.schema_dir.parent
    try:
        return read_languages(root), []
    except LanguagesError as error:
        path = root / SETTINGS_FILE
        return None, [settings_problem(path, layout.display(path), error)]


def load_vocabulary_translations(
    layout: Layout,
    vocabularies: Mapping[str, Vocabulary],
    shown: Collection[str],
    languages: Languages,
    validator: Validator,
) -> tuple[Translations, list[Diagnostic]]:
    """Every translation file in schema/vocabularies/, checked, and a problem for each one missing.

    ``vocabularies``: the ones that loaded (a vocabulary whose own file has a
    problem is reported as KB901, and its translations are only read);
    ``shown``: the ids the schemas name, each of which needs a file in every
    language of ``languages`` besides English.
    """
    files = {vocabulary_file_name(path): path for path in sorted(layout.vocabulary_dir.glob(f"*{VOCABULARY_SUFFIX}"))}
    with_files = sorted(vocabulary for vocabulary, language in files if language is None)
    found: dict[str, dict[str, VocabularyTranslation]] = {}
    problems: list[Diagnostic] = []
    for (vocabulary_id, language), path in files.items():
        if language is None:
            continue
        display = layout.display(path)
        misnamed = _misnamed(vocabulary_id, language, with_files, languages)
        if misnamed is not None:
            problems.append(Diagnostic(display, 1, 1, CODE, misnamed))
            continue
        translation, file_problems = _read(path, display, vocabulary_id, language, vocabularies, validator)
        problems += file_problems
        if translation is not None and not file_problems:
            found.setdefault(language, {})[vocabulary_id] = translation
    for vocabulary_id in sorted(set(shown) & set(vocabularies)):
        for language in languages.others:
            if (vocabulary_id, language) not in files:
                problems.append(_missing_file(layout, vocabularies[vocabulary_id], language))
    return found, problems


def translated(vocabulary: Vocabulary, translation: VocabularyTranslation | None) -> Vocabulary:
    """The vocabulary with its translated labels and descriptions; the same ids, in the same order.

    A term's synonyms are its translated ones, then its English label and
    synonyms, so that a reader searching with the English word still finds it.
    A term the translation lacks (the validator has reported it) keeps its English text.
    """
    if translation is None:
        return vocabulary
    terms = []
    for term in vocabulary.terms:
        own = translation.terms.get(term.id)
        if own is None:
            terms.append(term)
            continue
        synonyms = _unique((*own.synonyms, term.label, *term.synonyms), besides=own.label)
        terms.append(Term(term.id, own.label, own.description, synonyms))
    return Vocabulary(vocabulary.id, translation.label, translation.description, tuple(terms))


def _unique(words: Iterable[str], besides: str) -> tuple[str, ...]:
    """Each word once, whatever its case, in the order given, leaving out ``besides`` (the label itself)."""
    seen = {besides.casefold()}
    kept = []
    for word in words:
        if word.casefold() not in seen:
            seen.add(word.casefold())
            kept.append(word)
    return tuple(kept)


def _misnamed(vocabulary_id: str, language: str, with_files: list[str], languages: Languages) -> str | None:
    """Why a file's name is not <vocabulary>.<language>.yaml of a vocabulary and a language of the site, if so."""
    example = translation_file_name(
        vocabulary_id if vocabulary_id in with_files else (with_files or ["<vocabulary>"])[0],
        (languages.others or ("<language>",))[0],
    )
    if vocabulary_id not in with_files:
        match = closest(vocabulary_id, with_files, cutoff=0.6)
        hint = f"did you mean '{match}'?" if match else f"vocabularies: {', '.join(with_files)}"
        return (
            f"'{vocabulary_id}' is not a vocabulary in schema/vocabularies/ ({hint}); a translation is named after "
            f"the vocabulary it translates and its language, such as {example}: rename the file"
        )
    if language == languages.original:
        return (
            f"{language_name(language, 'en')} is the language the vocabularies are written in: edit "
            f"{vocabulary_id}{VOCABULARY_SUFFIX} itself, and delete this file"
        )
    if language not in languages.others:
        named = ", ".join(languages.others) or "none besides English"
        hint = f" (did you mean '{language.lower()}'?)" if language.lower() in languages.others else ""
        return (
            f"'{language}' is not one of the languages {SETTINGS_FILE} names for translations ({named}){hint}; "
            f"rename the file after the language it is written in, as {example}, or add the language to "
            f"'{SETTING}' in {SETTINGS_FILE}"
        )
    return None


def _read(
    path: Path,
    display: str,
    vocabulary_id: str,
    language: str,
    vocabularies: Mapping[str, Vocabulary],
    validator: Validator,
) -> tuple[VocabularyTranslation | None, list[Diagnostic]]:
    """One translation file read strictly and checked; the translation if it could be read at all."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        return None, [Diagnostic(display, 1, 1, CODE, f"cannot be read: {error}; save it as UTF-8 text")]
    # Plain YAML, read with the content loader inside a front matter fence; lines are shifted back by one.
    loaded = parse_text(f"---\n{text}\n---\n", display)
    problems = [_unshift(d, d.code) for d in loaded.diagnostics]
    if loaded.data is None:
        return None, problems
    problems += [_unshift(d, CODE) for d in check_against_schema(loaded, validator)]
    if problems:
        return None, problems
    data = loaded.data
    for field, expected in (("vocabulary", vocabulary_id), ("language", language)):
        if data[field] != expected:
            file_name = translation_file_name(vocabulary_id, language)
            problems.append(
                _at(
                    loaded,
                    (field,),
                    f"{field} is '{data[field]}' but the file name {file_name} says '{expected}'; they must agree: "
                    f"write {field}: {expected}, or rename the file",
                )
            )
    vocabulary = vocabularies.get(vocabulary_id)
    if vocabulary is not None and not problems:
        problems += _check_terms(loaded, data, vocabulary, language)
    translation = VocabularyTranslation(
        vocabulary_id,
        language,
        data["label"],
        data["description"],
        {
            term_id: TermTranslation(term["label"], term["description"], tuple(term.get("synonyms", ())))
            for term_id, term in data["terms"].items()
        },
    )
    return translation, problems


def _check_terms(
    loaded: LoadedFile, data: Mapping[str, Any], vocabulary: Vocabulary, language: str
) -> list[Diagnostic]:
    """A term id the vocabulary lacks, at its line; the vocabulary's terms the file lacks, at 'terms:'."""
    ids = vocabulary.ids()
    problems = []
    for term_id in data["terms"]:
        if term_id in ids:
            continue
        match = closest(term_id, ids, cutoff=0.6)
        hint = f"did you mean '{match}'?" if match else f"its terms: {', '.join(ids)}"
        problems.append(
            _at(
                loaded,
                ("terms", term_id),
                f"'{term_id}' is not a term of the {vocabulary.id} vocabulary ({hint}); term ids are written as in "
                f"{vocabulary.id}{VOCABULARY_SUFFIX}, never translated",
                key=True,
            )
        )
    missing = [term_id for term_id in ids if term_id not in data["terms"]]
    if missing:
        named = ", ".join(f"'{term_id}'" for term_id in missing[:MAX_TERMS_NAMED])
        more = f" and {len(missing) - MAX_TERMS_NAMED} more" if len(missing) > MAX_TERMS_NAMED else ""
        one = len(missing) == 1
        message = (
            f"{'the term' if one else 'the terms'} {named}{more} of {vocabulary.id}{VOCABULARY_SUFFIX} "
            f"{'is' if one else 'are'} not translated; add {'it' if one else 'each'} under 'terms:', by its id, "
            f"with its label and description in {language_name(language, 'en')}"
        )
        problems.append(_at(loaded, ("terms",), message, key=True))
    return problems


def _missing_file(layout: Layout, vocabulary: Vocabulary, language: str) -> Diagnostic:
    path = layout.vocabulary_dir / translation_file_name(vocabulary.id, language)
    name = language_name(language, "en")
    message = (
        f"the {vocabulary.id} vocabulary has no {name} labels, and {SETTINGS_FILE} names '{language}' among the "
        f"site's languages: create this file with 'vocabulary: {vocabulary.id}', 'language: {language}', the "
        f"vocabulary's label and description in {name}, and under 'terms:' each of its terms' ids with a label and "
        "description (see the other translation files beside it)"
    )
    return Diagnostic(layout.display(path), 1, 1, CODE, message)


def _at(loaded: LoadedFile, path: JsonPath, message: str, *, key: bool = False) -> Diagnostic:
    where = loaded.locate_key(path) if key else loaded.locate(path)
    return Diagnostic(loaded.path, max(1, where.line - 1), where.column, CODE, message)


def _unshift(diagnostic: Diagnostic, code: str) -> Diagnostic:
    return Diagnostic(diagnostic.path, max(1, diagnostic.line - 1), diagnostic.column, code, diagnostic.message)
