"""The interface's words: one catalogue of strings per language, in i18n/<language>.yaml.

Everything our code writes on a page (profile labels, notices, page titles,
Browse and search texts, the handout) is a key in ``i18n/en.yaml``; every
other language of ``site.yml`` has a catalogue with the same keys. A value is
text with ``{name}`` placeholders, or, for a text about a number, one text per
CLDR plural category of that language (``one``, ``few``, ``many``, ``other``...)::

    profile:
      countries: Countries
    count:
      practices:
        one: "{count} practice"
        other: "{count} practices"

Keys are nested in the file and dotted in code (``profile.countries``). The
catalogues are read once per run (``load_strings``), with located problems:
KB950 for a catalogue that cannot be used, KB951 for a key missing in a
language (the coverage check: ``make validate`` fails and names it), KB952
for a key English does not have, KB953 for placeholders or plural forms that
differ from what the language needs.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from babel import Locale
from babel.numbers import format_decimal

from kb.content.languages import ORIGINAL_LANGUAGE, Languages
from kb.content.loading import JsonPath, LoadedFile, parse_text
from kb.core.diagnostics import Diagnostic

STRINGS_SUFFIX = ".yaml"
PLURAL_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other"})
KEY = re.compile(r"[a-z][a-z0-9_]*")

# A plural text: one text per CLDR plural category.
Text = str | Mapping[str, str]


class _Kept(dict[str, Any]):
    """Placeholders a caller did not give stay as they are, so a text can be filled in two steps."""

    def __missing__(self, name: str) -> str:
        return "{" + name + "}"


def placeholders(text: str) -> frozenset[str]:
    """The ``{name}`` placeholders of a text."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


@dataclass(frozen=True)
class Strings:
    """One language's catalogue, flat: ``profile.countries`` -> "Countries" (or a plural mapping)."""

    language: str
    texts: Mapping[str, Text]
    fallback: Strings | None = None  # English, for a key a catalogue lacks (reported as KB951 anyway)

    def text(self, key: str) -> Text:
        found = self.texts.get(key)
        if found is not None:
            return found
        if self.fallback is not None:
            return self.fallback.text(key)
        raise KeyError(f"i18n/{ORIGINAL_LANGUAGE}{STRINGS_SUFFIX} has no string '{key}'")

    def t(self, key: str, **values: object) -> str:
        """The text of ``key`` with its placeholders filled in; placeholders not given stay."""
        found = self.text(key)
        if not isinstance(found, str):
            raise TypeError(f"the string '{key}' depends on a number: use count()")
        return found.format_map(_Kept(values)) if values else found

    def count(self, key: str, number: int, **values: object) -> str:
        """The text of ``key`` for ``number`` (written the language's way) in the right plural form."""
        found = self.text(key)
        if isinstance(found, str):
            return found.format_map(_Kept(values, count=self.number(number)))
        category = self.plural_category(number)
        form = found.get(category, found["other"])
        return form.format_map(_Kept(values, count=self.number(number)))

    def number(self, number: int) -> str:
        return format_decimal(number, locale=self.language)

    def plural_category(self, number: int) -> str:
        return str(self._locale.plural_form(number))

    def section(self, prefix: str) -> dict[str, Text]:
        """Every text under ``prefix.``, by the rest of its key (for the words a script reads).

        A text about a number comes as its plural forms: the script picks one (kb.render.script_words).
        """
        keys = set(self.fallback.texts if self.fallback else ()) | set(self.texts)
        return {key[len(prefix) + 1 :]: self.text(key) for key in sorted(keys) if key.startswith(prefix + ".")}

    @cached_property
    def _locale(self) -> Locale:
        return Locale.parse(self.language)

    @property
    def plural_categories(self) -> frozenset[str]:
        return frozenset(self._locale.plural_form.tags) | {"other"}


@dataclass(frozen=True)
class LoadedStrings:
    by_language: Mapping[str, Strings]
    diagnostics: tuple[Diagnostic, ...]

    def of(self, language: str) -> Strings:
        return self.by_language.get(language) or self.by_language[ORIGINAL_LANGUAGE]


def catalogue_path(strings_dir: Path, language: str) -> Path:
    return strings_dir / f"{language}{STRINGS_SUFFIX}"


def load_strings(strings_dir: Path, languages: Languages, display: Any = None) -> LoadedStrings:
    """Every language's catalogue, read once and checked against English.

    ``display`` turns a path into the text messages show (``Layout.display``).
    """
    show = display or (lambda path: path.as_posix())
    diagnostics: list[Diagnostic] = []
    english_path = catalogue_path(strings_dir, ORIGINAL_LANGUAGE)
    english, english_loaded, problems = _read(english_path, show(english_path))
    diagnostics += problems
    by_language = {ORIGINAL_LANGUAGE: Strings(ORIGINAL_LANGUAGE, english)}
    for language in languages.others:
        path = catalogue_path(strings_dir, language)
        where = show(path)
        if not path.is_file():
            diagnostics.append(
                Diagnostic(
                    where,
                    1,
                    1,
                    "KB950",
                    f"site.yml publishes the language '{language}' but it has no catalogue of strings: "
                    f"copy i18n/{ORIGINAL_LANGUAGE}{STRINGS_SUFFIX} to {where} and translate each value",
                )
            )
            by_language[language] = Strings(language, {}, by_language[ORIGINAL_LANGUAGE])
            continue
        texts, loaded, problems = _read(path, where)
        diagnostics += problems
        strings = Strings(language, texts, by_language[ORIGINAL_LANGUAGE])
        if loaded is not None and english_loaded is not None:
            diagnostics += _compare(english, strings, loaded, where)
        by_language[language] = strings
    return LoadedStrings(by_language, tuple(diagnostics))


def _read(path: Path, where: str) -> tuple[dict[str, Text], LoadedFile | None, list[Diagnostic]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return {}, None, [Diagnostic(where, 1, 1, "KB950", f"the catalogue cannot be read: {error}")]
    # The strict content loader, so a catalogue's YAML errors are located like an entry's.
    loaded = parse_text(f"---\n{text}\n---\n", where)
    if loaded.data is None:
        return {}, None, [_shifted(d, "KB950") for d in loaded.diagnostics]
    texts: dict[str, Text] = {}
    problems: list[Diagnostic] = []
    for path_, value in _leaves(loaded.data, ()):
        key = ".".join(map(str, path_))
        line = max(1, loaded.locate_key(path_).line - 1)
        if not all(isinstance(part, str) and KEY.fullmatch(part) for part in path_):
            problems.append(
                Diagnostic(where, line, 1, "KB950", f"'{key}' is not a key: use lower-case letters, digits and _")
            )
        elif isinstance(value, str):
            texts[key] = value
        elif _is_plural(value):
            texts[key] = {category: str(form) for category, form in value.items()}
        else:
            problems.append(
                Diagnostic(
                    where,
                    line,
                    1,
                    "KB950",
                    f"'{key}' must be a text, or a mapping of plural forms "
                    f"({', '.join(sorted(PLURAL_CATEGORIES))}) to texts",
                )
            )
    return texts, loaded, problems


def _leaves(node: Any, path: JsonPath) -> Iterator[tuple[JsonPath, Any]]:
    """Each text of a nested catalogue with its path; a plural mapping counts as one text."""
    if isinstance(node, Mapping) and node and not _is_plural(node):
        for name, value in node.items():
            yield from _leaves(value, (*path, name))
    else:
        yield path, node


def _is_plural(node: Any) -> bool:
    return (
        isinstance(node, Mapping)
        and "other" in node
        and set(node) <= PLURAL_CATEGORIES
        and all(isinstance(form, str) for form in node.values())
    )


def _compare(english: Mapping[str, Text], strings: Strings, loaded: LoadedFile, where: str) -> list[Diagnostic]:
    """Coverage (KB951), unknown keys (KB952) and placeholders and plural forms (KB953) against English."""
    problems = []
    for key in english:
        if key not in strings.texts:
            problems.append(
                Diagnostic(
                    where,
                    1,
                    1,
                    "KB951",
                    f"the string '{key}' is missing: add it, translated from i18n/{ORIGINAL_LANGUAGE}{STRINGS_SUFFIX}",
                )
            )
    for key, text in strings.texts.items():
        line = max(1, loaded.locate_key(tuple(key.split("."))).line - 1)
        if key not in english:
            problems.append(
                Diagnostic(
                    where,
                    line,
                    1,
                    "KB952",
                    f"'{key}' is not a string of i18n/{ORIGINAL_LANGUAGE}{STRINGS_SUFFIX}: "
                    "remove it or correct its name",
                )
            )
            continue
        problems += _check_forms(key, english[key], text, strings, where, line)
    return problems


def _check_forms(key: str, english: Text, text: Text, strings: Strings, where: str, line: int) -> list[Diagnostic]:
    if isinstance(english, str) != isinstance(text, str):
        wanted = "one text" if isinstance(english, str) else "plural forms, as in English"
        return [Diagnostic(where, line, 1, "KB953", f"'{key}' must be {wanted}")]
    wanted_names = _names(english)
    problems = []
    forms = {"": text} if isinstance(text, str) else dict(text)
    for category, form in forms.items():
        got = placeholders(form)
        # A form for one thing may leave the number out ("one practice"); the others keep every name.
        if got != wanted_names and not (category not in ("", "other") and got <= wanted_names):
            label = f"'{key}'" + (f" ({category})" if category else "")
            problems.append(
                Diagnostic(
                    where,
                    line,
                    1,
                    "KB953",
                    f"{label} has the placeholders {_listed(got)} but English has {_listed(wanted_names)}: "
                    "keep each {name} as it is and translate the words around it",
                )
            )
    if isinstance(text, Mapping):
        needed = strings.plural_categories
        missing = sorted(needed - set(text))
        extra = sorted(set(text) - needed)
        if missing or extra:
            problems.append(
                Diagnostic(
                    where,
                    line,
                    1,
                    "KB953",
                    f"'{key}' needs the plural forms {', '.join(sorted(needed))} in '{strings.language}' (CLDR)"
                    + (f"; add {', '.join(missing)}" if missing else "")
                    + (f"; remove {', '.join(extra)}" if extra else ""),
                )
            )
    return problems


def _names(text: Text) -> frozenset[str]:
    if isinstance(text, str):
        return placeholders(text)
    return placeholders(text["other"])


def _listed(names: frozenset[str]) -> str:
    return ", ".join("{" + name + "}" for name in sorted(names)) or "none"


def _shifted(diagnostic: Diagnostic, code: str) -> Diagnostic:
    return Diagnostic(diagnostic.path, max(1, diagnostic.line - 1), diagnostic.column, code, diagnostic.message)
