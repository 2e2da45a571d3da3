"""Translated entries: where their files live, and finding them.

A translation of an entry is one file,
``docs/translations/<language>/<kind folder>/<id>.md``: the original's id, in
the folder of its kind, under one of the languages ``site.yml`` names besides
the original's (kb.content.languages). Only practices, workshops and
collections are translated. Everything under ``docs/translations/`` is a
translation or a located problem (KB013, KB821): never a hand-written page,
and never copied into the site as it stands. What a translation must hold is
checked by kb.checks.translation_rules.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kb.content.discovery import CONTENT_SUFFIX, Layout
from kb.content.languages import SETTING, SETTINGS_FILE, Languages
from kb.content.loading import LoadedFile
from kb.core.diagnostics import Diagnostic
from kb.core.kinds import COLLECTION, KIND_BY_FOLDER, PRACTICE, WORKSHOP, Kind
from kb.core.suggestions import closest

TRANSLATIONS_FOLDER = "translations"  # under docs/
TRANSLATED_KINDS: tuple[Kind, ...] = (PRACTICE, WORKSHOP, COLLECTION)
TRANSLATION_SCHEMA = "translation.schema.json"
# What the scaffold writes as translated_by; the validator refuses it (KB824) until a translator is named,
# so a copy of the original made to be translated is never published as a translation.
TRANSLATOR_PLACEHOLDER = "WHO TRANSLATED: your name, handle or organisation"

_KIND_FOLDERS = {kind.folder: kind for kind in TRANSLATED_KINDS}


@dataclass(frozen=True)
class TranslationFile:
    """One translation file found under docs/translations/: its language, the kind and id it translates."""

    language: str
    kind: Kind
    id: str
    path: Path


@dataclass(frozen=True)
class LoadedTranslation:
    """A translation file as read, strictly, like an entry (kb.content.loading)."""

    file: TranslationFile
    loaded: LoadedFile


def translation_path(docs_dir: Path, language: str, kind: Kind, entry_id: str) -> Path:
    """Where the translation of an entry into ``language`` lives."""
    return docs_dir / TRANSLATIONS_FOLDER / language / kind.folder / f"{entry_id}{CONTENT_SUFFIX}"


def is_translation_place(relative: PurePosixPath) -> bool:
    """Whether a path relative to docs/ is under docs/translations/, where only translations belong."""
    return bool(relative.parts) and relative.parts[0] == TRANSLATIONS_FOLDER


def discover_translations(layout: Layout, languages: Languages) -> tuple[list[TranslationFile], list[Diagnostic]]:
    """Every translation file, and a located problem for anything else under docs/translations/."""
    folder = layout.docs_dir / TRANSLATIONS_FOLDER
    found: list[TranslationFile] = []
    problems: list[Diagnostic] = []
    for path in _walk(folder):
        parts = PurePosixPath(path.relative_to(folder).as_posix()).parts
        problem = _misplaced(parts, languages)
        if problem is not None:
            code, message = problem
            problems.append(Diagnostic(layout.display(path), 1, 1, code, message))
            continue
        language, kind_folder, name = parts
        found.append(TranslationFile(language, _KIND_FOLDERS[kind_folder], name[: -len(CONTENT_SUFFIX)], path))
    return found, problems


def _walk(folder: Path) -> list[Path]:
    """Every file under ``folder``, sorted; symbolic links are never followed (check_docs_tree reports them)."""
    if not folder.is_dir() or folder.is_symlink():
        return []
    found = []
    for current, subfolders, names in os.walk(folder, followlinks=False):
        base = Path(current)
        subfolders[:] = sorted(name for name in subfolders if not (base / name).is_symlink())
        found += [base / name for name in names if not (base / name).is_symlink()]
    return sorted(found)


def _misplaced(parts: tuple[str, ...], languages: Languages) -> tuple[str, str] | None:
    """(code, message) for a file under docs/translations/ that is not a translation where it stands, if it is not."""
    name = parts[-1]
    example = f"docs/{TRANSLATIONS_FOLDER}/{_example_language(languages)}/{PRACTICE.folder}/<id>{CONTENT_SUFFIX}"
    hidden = next((part for part in parts if part.startswith(".")), None)
    if hidden is not None:
        return "KB013", f"'{hidden}' starts with a dot, so it is never read; rename it without the dot or delete it"
    if len(parts) == 1:
        return "KB013", (
            f"a translation goes in a folder of its language and kind, as {example} for the translation of "
            f"docs/{PRACTICE.folder}/<id>{CONTENT_SUFFIX}; move it there"
        )
    language = parts[0]
    if language not in languages.others:
        return "KB821", _language_problem(language, languages)
    folders = ", ".join(f"{folder}/" for folder in _KIND_FOLDERS)
    if len(parts) == 2:
        return "KB013", (
            f"a translation goes in the folder of its kind under docs/{TRANSLATIONS_FOLDER}/{language}/ "
            f"({folders}); move it there"
        )
    kind_folder = parts[1]
    if kind_folder not in _KIND_FOLDERS:
        if kind_folder in KIND_BY_FOLDER:
            return "KB013", (
                f"{KIND_BY_FOLDER[kind_folder].plural.lower()} are not translated; only practices, workshops and "
                "collections are. Delete this file"
            )
        match = closest(kind_folder.lower(), list(_KIND_FOLDERS), cutoff=0.6)
        hint = f"did you mean '{match}'?" if match else f"use {folders}"
        return "KB013", f"'{kind_folder}' is not a kind of entry that is translated ({hint}); move the file"
    if len(parts) > 3:
        return "KB013", (
            f"translations sit directly in docs/{TRANSLATIONS_FOLDER}/{language}/{kind_folder}/; move it there as "
            f"docs/{TRANSLATIONS_FOLDER}/{language}/{kind_folder}/{name}"
        )
    if not name.endswith(CONTENT_SUFFIX):
        return "KB013", (
            f"only '{CONTENT_SUFFIX}' translations belong in docs/{TRANSLATIONS_FOLDER}/ (images go in docs/assets/); "
            "move or delete this file"
        )
    return None


def _language_problem(language: str, languages: Languages) -> str:
    named = ", ".join(languages.others) or "none besides English"
    if language == languages.original:
        return (
            f"'{language}' is the language entries are written in: the entry's own file is its text in that "
            f"language, so edit that. A translation goes in the folder of the language it is written in ({named})"
        )
    # Only a change of case is suggested: two-letter codes alike in spelling name unrelated languages (dk, de).
    hint = f" (did you mean '{language.lower()}'?)" if language.lower() in languages.others else ""
    return (
        f"'{language}' is not one of the languages {SETTINGS_FILE} names for translations ({named}){hint}; move "
        f"the file to the folder of the language it is written in, or add the language to '{SETTING}' in "
        f"{SETTINGS_FILE}"
    )


def _example_language(languages: Languages) -> str:
    return languages.others[0] if languages.others else "<language>"
