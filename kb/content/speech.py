"""How pages speak one language: its strings, its vocabulary labels, and CLDR's names, dates and lists.

A renderer never writes an English word itself: it asks the ``Speech`` of
the page's language (``kb.speech``) for a string by its key, a country's or
a language's name, a date, or a list joined with "and" or "or". English
keeps the names pages have always shown (pycountry's everyday country names,
ISO dates), so English addresses and texts do not change; every other
language takes its names, dates and list patterns from CLDR through Babel.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from babel.dates import format_date, format_skeleton
from babel.lists import format_list

from kb.content import languages
from kb.content.catalogue import Catalogue
from kb.content.languages import ORIGINAL_LANGUAGE
from kb.content.strings import Strings
from kb.content.vocabularies import Term, Vocabulary
from kb.core import codes


@dataclass(frozen=True)
class Speech:
    language: str
    strings: Strings
    vocabularies: Mapping[str, Vocabulary]  # with labels, descriptions and synonyms in ``language``

    @property
    def is_original(self) -> bool:
        return self.language == ORIGINAL_LANGUAGE

    def t(self, key: str, **values: object) -> str:
        return self.strings.t(key, **values)

    def count(self, key: str, number: int, **values: object) -> str:
        return self.strings.count(key, number, **values)

    def number(self, number: int) -> str:
        return self.strings.number(number)

    def country(self, code: str) -> str:
        """A country's name: "Netherlands" in English, "Pays-Bas" in French."""
        if self.is_original:
            return codes.country_name(code)
        return languages.country_name(code, self.language)

    def language_name(self, code: str) -> str:
        """A language's name in the reader's language: "German" in English, "allemand" in French."""
        if self.is_original:
            return codes.language_name(code)
        return languages.language_name(code, self.language)

    def language_in_sentence(self, code: str) -> str:
        """A language's name as it is written inside a sentence: "polski", "français", but "Nederlands"
        and "Deutsch", whose capitals CLDR keeps (``language_name`` starts every name with a capital,
        for lists such as the language switcher)."""
        if self.is_original:
            return codes.language_name(code)
        return languages.language_name_in_sentence(code, self.language)

    def date(self, value: datetime.date | str) -> str:
        """A date the reader's way: ISO in English (as every page always showed it), CLDR's long form elsewhere."""
        day = value if isinstance(value, datetime.date) else _parse(value)
        if day is None:
            return str(value)
        if self.is_original:
            return day.isoformat()
        return format_date(day, format="long", locale=self.language)

    def month(self, value: datetime.date | str) -> str:
        """A date's month and year, such as "February 2016", in the reader's language (CLDR)."""
        day = value if isinstance(value, datetime.date) else _parse(value)
        if day is None:
            return str(value)
        # A skeleton, not a pattern: CLDR then adds what a language writes between them ("febrero de 2016").
        return format_skeleton("yMMMM", day, locale=self.language)

    def in_sentence(self, label: str) -> str:
        """A label ("Youth work") as it reads inside a sentence ("also youth work"): its first letter
        in lower case, except in German, whose nouns keep their capital."""
        if self.language == "de":
            return label
        return label[:1].lower() + label[1:]

    def term(self, vocabulary: str, term_id: str) -> Term:
        return self.vocabularies[vocabulary].term(term_id)

    def both(self, items: Iterable[str]) -> str:
        """ "a, b and c" in the reader's language."""
        return self._listed(list(items), "standard")

    def either(self, items: Iterable[str]) -> str:
        """ "a, b or c" in the reader's language."""
        return self._listed(list(items), "or")

    def _listed(self, items: list[str], style: Literal["standard", "or"]) -> str:
        # One item is itself in every language; Babel would first look the language up, each time.
        if len(items) < 2:
            return items[0] if items else ""
        return format_list(items, style=style, locale=self.language)


def speech_for(catalogue: Catalogue, language: str) -> Speech:
    """How pages speak ``language``, from the catalogue's strings and vocabularies."""
    loaded = catalogue.strings
    strings = loaded.of(language) if loaded is not None else Strings(language, {})
    return Speech(language, strings, catalogue.vocabularies_in(language))


def _parse(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None
