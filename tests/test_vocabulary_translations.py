"""Vocabulary labels in the site's other languages: read beside each vocabulary, checked (KB902), given per language.

Tests of the real files assert only what must hold for any valid content: each
vocabulary translated into every language site.yml names, term by term. Tests
of the checks change a copy of the repository and expect one located problem.
"""

from __future__ import annotations

import copy
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
import yaml

from kb.checks.validation import validate_knowledge_base
from kb.content.catalogue import Catalogue, load_catalogue
from kb.content.discovery import Layout
from kb.content.languages import ORIGINAL_LANGUAGE, SETTINGS_FILE, read_languages
from kb.content.schemas import vocabularies_named
from kb.content.vocabularies import vocabulary_file_name
from kb.content.vocabulary_translations import translation_file_name
from kb.core.diagnostics import Diagnostic
from tests.support.repo import REPOSITORY, copy_content

VOCABULARY = "approaches"
LANGUAGES = read_languages(REPOSITORY)
GERMAN = "de"


@pytest.fixture(scope="module")
def real() -> Catalogue:
    return load_catalogue(Layout.for_root(REPOSITORY))


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """What the catalogue reads, copied: schema/, the interface's strings and site.yml."""
    shutil.copytree(REPOSITORY / "schema", tmp_path / "schema")
    shutil.copytree(REPOSITORY / "i18n", tmp_path / "i18n")
    shutil.copy2(REPOSITORY / SETTINGS_FILE, tmp_path / SETTINGS_FILE)
    return tmp_path


def translation(root: Path, language: str = GERMAN, vocabulary: str = VOCABULARY) -> Path:
    return root / "schema" / "vocabularies" / translation_file_name(vocabulary, language)


def read(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def write(path: Path, data: dict[str, Any]) -> str:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(text, encoding="utf-8")
    return text


def about_vocabularies(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """The problems with schema/ and with the languages setting; the interface's strings (i18n/) are not ours."""
    return [d for d in diagnostics if d.path.startswith("schema/") or d.path == SETTINGS_FILE]


def problems(root: Path) -> list[Diagnostic]:
    return about_vocabularies(load_catalogue(Layout.for_root(root)).diagnostics)


def line_of(text: str, start: str) -> int:
    return next(number for number, line in enumerate(text.split("\n"), 1) if line.startswith(start))


def test_the_site_has_languages_to_translate_into() -> None:
    assert GERMAN in LANGUAGES.others  # the tests below change the German files


def test_the_real_translations_load_with_no_problem_and_cover_every_term(real: Catalogue) -> None:
    assert about_vocabularies(real.diagnostics) == []
    assert not [d for d in real.diagnostics if d.code == "KB902"]
    shown = vocabularies_named(real.schemas)
    assert shown <= set(real.vocabularies)
    for language in LANGUAGES.others:
        assert set(real.vocabulary_translations[language]) >= shown, language
        for name, vocabulary in real.vocabularies_in(language).items():
            original = real.vocabularies[name]
            assert vocabulary.ids() == original.ids()
            translated = real.vocabulary_translations[language][name]
            assert set(translated.terms) == set(original.ids()), (language, name)
            for term in vocabulary.terms:
                assert term.label == translated.terms[term.id].label


def test_the_vocabulary_loader_reads_no_translation_as_a_vocabulary(real: Catalogue) -> None:
    files = sorted((REPOSITORY / "schema" / "vocabularies").glob("*.yaml"))
    assert {vocabulary_file_name(path) for path in files} >= {(VOCABULARY, None), (VOCABULARY, GERMAN)}
    assert set(real.vocabularies) == {name for name, language in map(vocabulary_file_name, files) if language is None}


def test_english_is_the_vocabularies_as_written(real: Catalogue) -> None:
    assert real.vocabularies_in(ORIGINAL_LANGUAGE) is real.vocabularies


def test_german_labels_and_synonyms_include_the_english_words(real: Catalogue) -> None:
    german = real.vocabularies_in(GERMAN)
    assert german is real.vocabularies_in(GERMAN)  # made once
    file = read(translation(REPOSITORY))
    assert german[VOCABULARY].label == file["label"]
    for term in german[VOCABULARY].terms:
        english = real.vocabularies[VOCABULARY].term(term.id)
        written = file["terms"][term.id]
        assert (term.label, term.description) == (written["label"], written["description"])
        searched = {word.casefold() for word in (term.label, *term.synonyms)}
        assert {word.casefold() for word in (english.label, *english.synonyms, *written.get("synonyms", []))} <= (
            searched
        )
    # Issue 14: a German reader searching for exit work finds it by its German name.
    assert "Ausstieg" in german[VOCABULARY].term("exit-and-rehabilitation").synonyms


def test_a_language_with_no_translations_is_refused(real: Catalogue) -> None:
    with pytest.raises(KeyError, match="no vocabulary is translated into 'xx'"):
        real.vocabularies_in("xx")


def test_a_term_left_out_is_one_problem_naming_the_file_and_the_term(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    path = translation(root)
    data = read(path)
    left_out = next(reversed(data["terms"]))
    del data["terms"][left_out]
    text = write(path, data)
    found = about_vocabularies(validate_knowledge_base(Layout.for_root(root)).diagnostics)
    assert [(d.path, d.line, d.code) for d in found] == [
        (f"schema/vocabularies/{path.name}", line_of(text, "terms:"), "KB902")
    ]
    message = found[0].message
    assert f"'{left_out}'" in message and "not translated" in message and "add it" in message


def test_a_term_the_vocabulary_lacks_is_a_problem_at_its_line_with_the_closest_id(root: Path) -> None:
    path = translation(root)
    data = read(path)
    known = next(iter(data["terms"]))
    misspelt = known[:-2] + known[-1] + known[-2]  # two letters swapped
    data["terms"][misspelt] = copy.deepcopy(data["terms"][known])  # the same object would be written as an alias
    text = write(path, data)
    (problem,) = problems(root)
    assert (problem.path, problem.line, problem.column, problem.code) == (
        f"schema/vocabularies/{path.name}",
        line_of(text, f"  {misspelt}:"),
        3,
        "KB902",
    )
    assert f"'{misspelt}' is not a term of the {VOCABULARY} vocabulary (did you mean '{known}'?)" in problem.message


@pytest.mark.parametrize("language", LANGUAGES.others)
def test_a_missing_file_is_a_problem_naming_the_file_to_create(root: Path, language: str) -> None:
    translation(root, language).unlink()
    (problem,) = problems(root)
    assert (problem.path, problem.line, problem.code) == (
        f"schema/vocabularies/{VOCABULARY}.{language}.yaml",
        1,
        "KB902",
    )
    assert "create this file" in problem.message


def test_a_file_in_a_language_site_yml_does_not_name_is_a_problem(root: Path) -> None:
    shutil.copy2(translation(root), translation(root, "da"))
    (problem,) = problems(root)
    assert (problem.path, problem.code) == (f"schema/vocabularies/{VOCABULARY}.da.yaml", "KB902")
    assert "'da' is not one of the languages site.yml names" in problem.message


def test_a_file_named_after_no_vocabulary_is_a_problem_with_the_closest_name(root: Path) -> None:
    translation(root).rename(translation(root, vocabulary=VOCABULARY[:-1]))
    found = {(d.path, d.code): d.message for d in problems(root)}
    misnamed = found.pop((f"schema/vocabularies/{VOCABULARY[:-1]}.{GERMAN}.yaml", "KB902"))
    assert f"did you mean '{VOCABULARY}'?" in misnamed
    assert list(found) == [(f"schema/vocabularies/{VOCABULARY}.{GERMAN}.yaml", "KB902")]  # and the file is missing


@pytest.mark.parametrize(("field", "value"), [("vocabulary", "audiences"), ("language", "fr")])
def test_fields_that_disagree_with_the_file_name_are_a_problem_at_their_line(
    root: Path, field: str, value: str
) -> None:
    path = translation(root)
    data = read(path)
    data[field] = value
    text = write(path, data)
    (problem,) = problems(root)
    assert (problem.line, problem.code) == (line_of(text, f"{field}:"), "KB902")
    assert f"the file name {path.name} says" in problem.message


def test_a_schema_problem_is_located(root: Path) -> None:
    path = translation(root)
    data = read(path)
    first = next(iter(data["terms"]))
    data["terms"][first]["label"] = "x" * 61
    text = write(path, data)
    (problem,) = problems(root)
    assert (problem.path, problem.line, problem.code) == (
        f"schema/vocabularies/{path.name}",
        line_of(text, "    label: xxx"),
        "KB902",
    )
    assert "the limit is 60" in problem.message


def test_an_english_only_site_needs_no_translation(root: Path) -> None:
    (root / SETTINGS_FILE).write_text("site_name: Test\nlanguages: [en]\n", encoding="utf-8")
    for path in (root / "schema" / "vocabularies").glob("*.*.yaml"):
        path.unlink()
    catalogue = load_catalogue(Layout.for_root(root))
    assert catalogue.diagnostics == ()
    assert catalogue.vocabularies_in(ORIGINAL_LANGUAGE) is catalogue.vocabularies


def test_a_broken_vocabulary_leaves_its_translations_to_its_own_problem(root: Path) -> None:
    vocabulary = root / "schema" / "vocabularies" / "statuses.yaml"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8").replace("id: ended", "id: active"), encoding="utf-8")
    assert {d.code for d in problems(root)} == {"KB901"}


def test_a_translation_problem_leaves_the_entries_checked(tmp_path: Path) -> None:
    """Entries are checked against the English vocabularies, which a translation's problem does not touch."""
    root = copy_content(tmp_path)
    translation(root).unlink()
    practice = next((root / "docs" / "practices").glob("*.md"))
    practice.write_text(practice.read_text(encoding="utf-8").replace("\nstatus: ", "\nstatus: no-such-"), "utf-8")
    diagnostics = validate_knowledge_base(Layout.for_root(root)).diagnostics
    codes = {(d.path, d.code) for d in diagnostics if not d.path.startswith("i18n/")}
    assert codes == {
        (f"schema/vocabularies/{translation(root).name}", "KB902"),
        (f"docs/practices/{practice.name}", "KB105"),
    }
