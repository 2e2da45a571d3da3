"""Country and language codes from pycountry, so no list is kept by hand."""

from __future__ import annotations

from functools import cache

import pycountry


@cache
def country_codes() -> frozenset[str]:
    return frozenset(country.alpha_2 for country in pycountry.countries)


@cache
def language_codes() -> frozenset[str]:
    return frozenset(language.alpha_2 for language in pycountry.languages if hasattr(language, "alpha_2"))


@cache
def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    # Prefer the everyday name ("Netherlands") over the formal one where
    # pycountry offers it ("Netherlands, Kingdom of the").
    return str(getattr(country, "common_name", None) or country.name)


@cache
def country_flag(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return str(getattr(country, "flag", "")) if country else ""


@cache
def language_name(code: str) -> str:
    language = pycountry.languages.get(alpha_2=code)
    return str(language.name) if language else code


def suggest_country(value: str) -> str | None:
    """The code a contributor probably meant by a name or a common mistake."""
    if value.upper() == "UK":
        return "GB"  # the one common non-ISO code in Europe
    if value.upper() == "EL":
        return "GR"  # the EU's own code for Greece
    if value.upper() in country_codes():
        return value.upper()
    try:
        return str(pycountry.countries.lookup(value).alpha_2)
    except LookupError:
        pass
    try:
        matches = pycountry.countries.search_fuzzy(value)
    except LookupError:
        return None
    return str(matches[0].alpha_2) if matches else None


def suggest_language(value: str) -> str | None:
    if value.lower() in language_codes():
        return value.lower()
    try:
        language = pycountry.languages.lookup(value)
    except LookupError:
        return None
    return str(getattr(language, "alpha_2", "")) or None
