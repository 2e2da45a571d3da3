"""Translations of entries as plain data, and whether each is out of date.

A translation (kb.content.translations, checked by
kb.checks.translation_rules) gives an entry's title, summary (a collection's
description) and text in another language. It is out of date when its
original changed after the day it was translated: the original's last change
comes from git (kb.model.freshness), so outside a git checkout no translation
is known to be out of date.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from kb.content.translations import LoadedTranslation
from kb.core.kinds import Kind
from kb.model.freshness import parse_date

# The field beside the title that a translation holds, whichever the kind has (schema/translation.schema.json).
SUMMARY_FIELDS = ("summary", "description")


@dataclass(frozen=True)
class Translation:
    """One entry in one other language."""

    language: str
    title: str
    summary: str  # a collection's description
    body: str
    translated_by: str
    translated_on: datetime.date
    path: str  # relative to the repository, for messages and edit links
    outdated: bool = False  # the original changed after translated_on (see translations_by_language)


TranslationIndex = Mapping[tuple[Kind, str], Mapping[str, Translation]]


def index_translations(loaded: Iterable[LoadedTranslation]) -> dict[tuple[Kind, str], dict[str, Translation]]:
    """Each entry's translations by language, as written (call only on a validated knowledge base)."""
    found: dict[tuple[Kind, str], dict[str, Translation]] = {}
    for translation in loaded:
        file, data = translation.file, translation.loaded.data
        if data is None:
            raise ValueError(f"{translation.loaded.path} could not be read; validate it first")
        translated_on = parse_date(data["translated_on"])
        if translated_on is None:
            raise ValueError(f"{translation.loaded.path}: translated_on is not a date; validate it first")
        summary = next((data[name] for name in SUMMARY_FIELDS if name in data), "")
        found.setdefault((file.kind, file.id), {})[file.language] = Translation(
            language=file.language,
            title=str(data["title"]),
            summary=str(summary),
            body=translation.loaded.body,
            translated_by=str(data["translated_by"]),
            translated_on=translated_on,
            path=translation.loaded.path,
        )
    return found


def is_outdated(translated_on: datetime.date, original_changed: datetime.date | None) -> bool:
    """Whether the original changed after the day it was translated; unknown (no git date) is not outdated."""
    return original_changed is not None and original_changed > translated_on


def translations_by_language(
    translations: Mapping[str, Translation], original_changed: datetime.date | None
) -> dict[str, Translation]:
    """One entry's translations, in the order of their languages' codes, each marked outdated or not."""
    return {
        language: replace(translation, outdated=is_outdated(translation.translated_on, original_changed))
        for language, translation in sorted(translations.items())
    }
