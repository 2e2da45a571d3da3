"""The site's languages, stated once in site.yml and checked against CLDR."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.build.site_config import engine_settings, read_settings
from kb.content.languages import (
    ENGLISH_ONLY,
    LanguagesError,
    country_name,
    language_name,
    parse_languages,
    read_languages,
)
from tests.support.repo import speech

ROOT = Path(__file__).resolve().parent.parent


def test_the_repository_publishes_english_first_and_seven_more() -> None:
    languages = read_languages(ROOT)
    assert languages.original == "en"
    assert {"de", "fr", "nl", "sv", "es", "it", "pl"} <= set(languages.others)


def test_no_setting_means_english_only(tmp_path: Path) -> None:
    (tmp_path / "site.yml").write_text("site_name: x\n", encoding="utf-8")
    assert read_languages(tmp_path) == ENGLISH_ONLY


@pytest.mark.parametrize(
    ("value", "complaint"),
    [
        (["de", "en"], "must start with 'en'"),
        (["en", "de", "de"], "names de more than once"),
        (["en", "xx"], "'xx', which is not a language code"),
        (["en", "deu"], "'deu', which is not a language code"),
        ("en", "must be a list"),
    ],
)
def test_a_wrong_list_is_refused_with_what_to_change(value: object, complaint: str) -> None:
    with pytest.raises(LanguagesError, match=complaint):
        parse_languages(value)


def test_names_come_from_cldr() -> None:
    assert language_name("de") == "Deutsch"
    assert language_name("sv", "en") == "Swedish"
    assert country_name("NL", "fr") == "Pays-Bas"
    assert country_name("DE", "pl") == "Niemcy"


def test_no_engine_is_given_the_languages_setting() -> None:
    assert "languages" not in engine_settings(read_settings(ROOT), None, speech())
