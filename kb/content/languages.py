"""The languages the site is written in, as ``site.yml`` states them once.

``languages: [en, de, fr, …]`` in ``site.yml``: the first is the language
entries are written in (the original), the others are the languages pages are
also published in. Names of languages and countries come from CLDR through
Babel, never from a hand list (``language_name``, ``country_name``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError

from kb.core.diagnostics import Diagnostic

SETTINGS_FILE = "site.yml"
SETTING = "languages"
ORIGINAL_LANGUAGE = "en"  # every entry is written in English first; translations follow it


class LanguagesError(ValueError):
    """``site.yml``'s ``languages`` cannot be used; the message says what to change."""


@dataclass(frozen=True)
class Languages:
    original: str
    others: tuple[str, ...]

    @property
    def all(self) -> tuple[str, ...]:
        return (self.original, *self.others)

    def __contains__(self, code: object) -> bool:
        return code in self.all


ENGLISH_ONLY = Languages(ORIGINAL_LANGUAGE, ())


def parse_languages(value: object) -> Languages:
    """``site.yml``'s ``languages`` value, checked: known codes, English first, no repeats."""
    if value is None:
        return ENGLISH_ONLY
    if not isinstance(value, list) or not value or not all(isinstance(code, str) for code in value):
        raise LanguagesError(f"{SETTINGS_FILE}: '{SETTING}' must be a list of language codes, such as [en, de, fr]")
    if value[0] != ORIGINAL_LANGUAGE:
        raise LanguagesError(
            f"{SETTINGS_FILE}: '{SETTING}' must start with '{ORIGINAL_LANGUAGE}', the language entries are written in"
        )
    repeated = sorted({code for code in value if value.count(code) > 1})
    if repeated:
        raise LanguagesError(f"{SETTINGS_FILE}: '{SETTING}' names {', '.join(repeated)} more than once")
    for code in value:
        if not _is_known(code):
            raise LanguagesError(
                f"{SETTINGS_FILE}: '{SETTING}' has '{code}', which is not a language code CLDR knows; "
                "use a two-letter ISO 639-1 code such as 'de'"
            )
    return Languages(value[0], tuple(value[1:]))


def read_languages(root: Path) -> Languages:
    """The languages of the repository at ``root``; English only when ``site.yml`` names none."""
    path = root / SETTINGS_FILE
    try:
        settings = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return ENGLISH_ONLY  # the build reports an unreadable site.yml with its own message
    return parse_languages(settings.get(SETTING) if isinstance(settings, dict) else None)


def settings_problem(path: Path, display: str, error: LanguagesError) -> Diagnostic:
    """site.yml's languages cannot be read, so no translation can be checked: KB821 at the setting's line.

    Translated entries and translated vocabularies both depend on the setting
    and both report it, as this same problem, so the validator shows it once.
    """
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        lines = []
    line = next((number for number, text in enumerate(lines, 1) if text.startswith(f"{SETTING}:")), 1)
    message = (
        f"{error}; until it is fixed, no translation can be checked, of an entry (docs/translations/) "
        "or of a vocabulary's labels (schema/vocabularies/)"
    )
    return Diagnostic(display, line, 1, "KB821", message)


def is_edition_folder(name: str) -> bool:
    """Whether a folder at the top of the site is where a language's edition goes (de/, fr/): any two
    letters, so that adding a language to site.yml never finds its folder taken (no other folder has two)."""
    return len(name) == 2 and name.isascii() and name.isalpha() and name.islower()


def edition_path(path: str) -> tuple[str | None, str]:
    """A site path's edition and its path within it: "de/practices/x/" is ("de", "practices/x/")."""
    top, _, rest = path.partition("/")
    return (top, rest) if rest and is_edition_folder(top) else (None, path)


@cache
def _is_known(code: str) -> bool:
    if len(code) != 2 or not code.isalpha() or not code.islower():
        return False
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


@cache
def language_name(code: str, in_language: str | None = None) -> str:
    """``de`` as its own speakers write it ("Deutsch"), or in ``in_language`` ("German" in ``en``)."""
    locale = Locale.parse(code)
    name = locale.get_display_name(in_language or code) or code
    return name[:1].upper() + name[1:]


@cache
def language_name_in_sentence(code: str, in_language: str) -> str:
    """``code``'s name in ``in_language`` as CLDR writes it in running text ("polski", "Nederlands")."""
    return Locale.parse(code).get_display_name(in_language) or code


@cache
def country_name(country_code: str, language: str) -> str:
    """An ISO 3166 country code's name in ``language``, from CLDR ("Pays-Bas" for NL in ``fr``)."""
    territories = Locale.parse(language).territories
    return str(territories.get(country_code.upper(), country_code))
