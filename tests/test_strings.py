"""The interface's catalogues: coverage, placeholders and plural forms, each problem located and named."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kb.checks.validation import validate_knowledge_base
from kb.content.discovery import Layout
from kb.content.languages import read_languages
from kb.content.strings import Strings, catalogue_path, load_strings
from tests.support.repo import REPOSITORY, copy_content


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_content(tmp_path)


def test_every_language_of_site_yml_has_every_string() -> None:
    languages = read_languages(REPOSITORY)
    loaded = load_strings(Layout.for_root(REPOSITORY).strings_dir, languages)
    assert loaded.diagnostics == ()
    english = set(loaded.of("en").texts)
    for language in languages.others:
        assert set(loaded.of(language).texts) == english, language


def test_removing_a_german_string_fails_validation_and_names_it(root: Path) -> None:
    path = catalogue_path(root / "i18n", "de")
    catalogue = yaml.safe_load(path.read_text(encoding="utf-8"))
    section = next(iter(catalogue))
    name = next(iter(catalogue[section]))
    del catalogue[section][name]
    path.write_text(yaml.safe_dump(catalogue, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = validate_knowledge_base(Layout.for_root(root))
    assert not result.ok
    assert [(d.path, d.code) for d in result.diagnostics] == [("i18n/de.yaml", "KB951")]
    assert f"'{section}.{name}' is missing" in result.diagnostics[0].message


def test_a_changed_placeholder_is_refused_at_its_line(root: Path) -> None:
    path = catalogue_path(root / "i18n", "fr")
    lines = path.read_text(encoding="utf-8").splitlines()
    number, line = next((n, line) for n, line in enumerate(lines, start=1) if "{date}" in line)
    lines[number - 1] = line.replace("{date}", "{jour}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    diagnostics = validate_knowledge_base(Layout.for_root(root)).diagnostics
    assert [(d.path, d.line, d.code) for d in diagnostics] == [("i18n/fr.yaml", number, "KB953")]
    assert "{jour}" in diagnostics[0].message and "{date}" in diagnostics[0].message


def test_a_key_english_lacks_is_named(root: Path) -> None:
    path = catalogue_path(root / "i18n", "sv")
    path.write_text(path.read_text(encoding="utf-8") + "extra_words: Extra\n", encoding="utf-8")
    diagnostics = validate_knowledge_base(Layout.for_root(root)).diagnostics
    assert [(d.path, d.code) for d in diagnostics] == [("i18n/sv.yaml", "KB952")]
    assert "'extra_words'" in diagnostics[0].message


def test_plural_forms_follow_cldr() -> None:
    polish = Strings(
        "pl", {"n": {"one": "{count} praktyka", "few": "{count} praktyki", "many": "{count} praktyk", "other": "x"}}
    )
    assert [polish.count("n", n) for n in (1, 3, 5, 22, 25)] == [
        "1 praktyka",
        "3 praktyki",
        "5 praktyk",
        "22 praktyki",
        "25 praktyk",
    ]
    german = Strings("de", {"n": {"one": "{count} Eintrag", "other": "{count} Einträge"}})
    assert german.count("n", 1) == "1 Eintrag" and german.count("n", 12000) == "12.000 Einträge"


def test_a_placeholder_not_given_is_kept_for_a_second_step() -> None:
    strings = Strings("en", {"s": "{a} and {b}"})
    assert strings.t("s", a="one") == "one and {b}"


def test_a_missing_catalogue_says_what_to_copy(root: Path) -> None:
    catalogue_path(root / "i18n", "it").unlink()
    diagnostics = validate_knowledge_base(Layout.for_root(root)).diagnostics
    assert [(d.path, d.code) for d in diagnostics] == [("i18n/it.yaml", "KB950")]
    assert "copy i18n/en.yaml to i18n/it.yaml" in diagnostics[0].message
