"""Start a translation: ``python scripts/new_translation.py practices/<id> --language de``.

Writes ``docs/translations/<language>/<kind folder>/<id>.md`` with the
original's title, summary (a collection's description) and text to translate
in place, every source marker kept, ``translated_on`` today and a placeholder
for ``translated_by``. The validator refuses the file until a translator is
named and the text is translated (KB824, KB825), so a copy made to be
translated is never published as one. Which fields are copied is the
translation schema's to say, for each kind. Never overwrites a file.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, TextIO

from kb.checks.validation import validate_knowledge_base
from kb.content.catalogue import load_catalogue
from kb.content.discovery import CONTENT_SUFFIX, Layout, discover_content_files
from kb.content.languages import SETTING, SETTINGS_FILE, Languages, LanguagesError, language_name, read_languages
from kb.content.loading import load_file
from kb.content.translations import TRANSLATED_KINDS, TRANSLATION_SCHEMA, TRANSLATOR_PLACEHOLDER, translation_path
from kb.core.diagnostics import format_text
from kb.core.kinds import KIND_BY_FOLDER, Kind
from kb.core.suggestions import closest

EXIT_WRITTEN, EXIT_USAGE = 0, 2
PROG = "new_translation.py"
DEFAULT_ROOT = Path(__file__).resolve().parents[2]


class TranslationError(Exception):
    """A translation that cannot be started; the message says which input and why."""


@dataclass(frozen=True)
class Original:
    """The entry to translate, as its file holds it."""

    kind: Kind
    id: str
    display: str
    fields: dict[str, Any]
    body: str


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Start the translation of a practice, workshop or collection: writes "
        "docs/translations/<language>/<kind folder>/<id>.md with the entry's title, summary and text to translate, "
        "every source marker kept. The validator refuses it until you have translated it and named yourself in "
        "translated_by. Never overwrites a file.",
    )
    parser.add_argument(
        "entry",
        metavar="ENTRY",
        help="the entry to translate: practices/<id>, workshops/<id> or collections/<id> (docs/practices/<id>.md "
        "and a bare id work too)",
    )
    parser.add_argument("--language", required=True, metavar="CODE", help="the language to translate into, such as de")
    parser.add_argument("--translated-by", metavar="TEXT", help="who translates: a name, handle or organisation")
    parser.add_argument("--translated-on", metavar="YYYY-MM-DD", help="the day of the translation (default: today)")
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="the repository (default: this one)")
    return parser


def start_translation(
    root: Path,
    entry: str,
    language: str,
    translated_by: str | None = None,
    translated_on: datetime.date | None = None,
) -> Path:
    """Write the file to translate and return its path; raises TranslationError with what to change."""
    layout = Layout.for_root(root)
    if not layout.docs_dir.is_dir() or not layout.schema_dir.is_dir():
        raise TranslationError(f"{root} has no docs/ and schema/ folders; run this in the repository or pass --root")
    check_language(language, _languages(root))
    original = find_original(layout, entry)
    catalogue = load_catalogue(layout)
    if TRANSLATION_SCHEMA not in catalogue.schemas:
        raise TranslationError(f"schema/{TRANSLATION_SCHEMA} is missing; restore it from git")
    part = catalogue.schemas[TRANSLATION_SCHEMA]["$defs"][original.kind.name]
    order = list(part["properties"])
    fields: dict[str, Any] = {name: original.fields[name] for name in order if name in original.fields}
    to_translate = list(fields)
    fields["translated_by"] = translated_by or TRANSLATOR_PLACEHOLDER
    fields["translated_on"] = translated_on or datetime.date.today()
    note = _note(original, language, to_translate)
    text = f"---\n{_front_matter(fields, order)}---\n\n<!-- {note} -->\n{original.body}"
    path = translation_path(layout.docs_dir, language, original.kind, original.id)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as file:  # never overwrite
            file.write(text)
    except FileExistsError:
        raise TranslationError(
            f"{layout.display(path)} already exists; edit it, or delete it first to start again"
        ) from None
    except OSError as error:
        raise TranslationError(f"cannot write {layout.display(path)}: {error.strerror}") from None
    return path


def _front_matter(fields: dict[str, Any], order: list[str]) -> str:
    """The fields in the schema's order, each text on one line in double quotes, to be translated in place.

    A JSON string is a YAML double-quoted one; the day is written as a plain YAML date.
    """
    lines = []
    for name in sorted(fields, key=order.index):
        value = fields[name]
        written = value.isoformat() if isinstance(value, datetime.date) else json.dumps(str(value), ensure_ascii=False)
        lines.append(f"{name}: {written}\n")
    return "".join(lines)


def _languages(root: Path) -> Languages:
    try:
        return read_languages(root)
    except LanguagesError as error:
        raise TranslationError(str(error)) from None


def check_language(language: str, languages: Languages) -> None:
    """Refuse a language site.yml does not name for translations, or the original one."""
    if language in languages.others:
        return
    named = ", ".join(languages.others) or "none"
    if language == languages.original:
        raise TranslationError(
            f"--language: '{language}' is the language entries are written in; translate into one of {named}"
        )
    # Only a change of case is suggested: two-letter codes alike in spelling name unrelated languages (dk, de).
    hint = f" (did you mean '{language.lower()}'?)" if language.lower() in languages.others else ""
    raise TranslationError(
        f"--language: '{language}' is not one of the languages {SETTINGS_FILE} names for translations ({named})"
        f"{hint}; to add one, add it to '{SETTING}' in {SETTINGS_FILE}"
    )


def find_original(layout: Layout, entry: str) -> Original:
    """The entry named as practices/<id>, docs/practices/<id>.md or a bare id, read; refused if it cannot be."""
    kind, entry_id = _named(layout, entry)
    path = layout.docs_dir / kind.folder / f"{entry_id}{CONTENT_SUFFIX}"
    display = layout.display(path)
    loaded = load_file(path, display)
    if loaded.data is None:
        raise TranslationError(f"{display} cannot be read; fix it first:\n{format_text(loaded.diagnostics)}")
    return Original(kind, entry_id, display, loaded.data, loaded.body)


def _named(layout: Layout, entry: str) -> tuple[Kind, str]:
    files, _ = discover_content_files(layout)
    ids = {kind: {path.stem for k, path in files if k is kind} for kind in TRANSLATED_KINDS}
    parts = PurePosixPath(entry.strip().removeprefix("docs/").removesuffix(CONTENT_SUFFIX)).parts
    folders = ", ".join(f"{kind.folder}/<id>" for kind in TRANSLATED_KINDS)
    if len(parts) == 1:
        kinds = [kind for kind in TRANSLATED_KINDS if parts[0] in ids[kind]]
        if len(kinds) == 1:
            return kinds[0], parts[0]
        if kinds:
            both = " or ".join(f"{kind.folder}/{parts[0]}" for kind in kinds)
            raise TranslationError(f"'{parts[0]}' names more than one entry; write {both}")
        raise TranslationError(_unknown(parts[0], None, ids))
    if len(parts) != 2:
        raise TranslationError(f"'{entry}' names no entry; write {folders}")
    folder, entry_id = parts
    kind = next((k for k in TRANSLATED_KINDS if k.folder == folder), None)
    if kind is None:
        if folder in KIND_BY_FOLDER:
            raise TranslationError(f"{folder} are not translated; only practices, workshops and collections are")
        raise TranslationError(f"'{folder}' is not a kind of entry that is translated; write {folders}")
    if entry_id not in ids[kind]:
        raise TranslationError(_unknown(entry_id, kind, ids))
    return kind, entry_id


def _unknown(entry_id: str, kind: Kind | None, ids: dict[Kind, set[str]]) -> str:
    kinds = [kind] if kind is not None else list(TRANSLATED_KINDS)
    candidates = sorted({i for k in kinds for i in ids[k]})
    match = closest(entry_id, candidates, cutoff=0.6)
    hint = f" (did you mean '{match}'?)" if match else ""
    where = f"docs/{kind.folder}/" if kind is not None else "docs/practices/, docs/workshops/ or docs/collections/"
    return f"no entry has the id '{entry_id}' in {where}{hint}; only an existing entry can be translated"


def _note(original: Original, language: str, fields: list[str]) -> str:
    into = language_name(language, "en")
    return (
        f"Translate {', '.join(fields)} and the text below into {into}, in your own words, from the sources "
        f"{original.display} cites (its sources are the translation's too). Keep every source marker such as [1] "
        "after the fact it supports: the numbers count the original's sources, so never add or renumber one. "
        "Translate the headings. Write your name, handle or organisation in translated_by, and keep translated_on "
        "the day you finish. Delete this note when you are done."
    )


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise TranslationError(f"--translated-on: '{text}' is not a date written YYYY-MM-DD") from None


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None) -> int:
    out = stdout or sys.stdout
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exit_:
        return EXIT_WRITTEN if exit_.code == 0 else EXIT_USAGE
    try:
        day = _date(args.translated_on) if args.translated_on else None
        path = start_translation(args.root, args.entry, args.language, args.translated_by, day)
    except TranslationError as error:
        print(f"{PROG}: {error}\nNothing was written.", file=sys.stderr)
        return EXIT_USAGE
    _report(args.root, path, out)
    return EXIT_WRITTEN


def _report(root: Path, path: Path, out: TextIO) -> None:
    layout = Layout.for_root(root)
    display = layout.display(path)
    result = validate_knowledge_base(layout, only=[path])
    print(f"Wrote {display}.", file=out)
    if result.diagnostics:
        print("The validator refuses it until it is translated:", file=out)
        print(format_text(result.diagnostics), file=out)
    print(
        "Next:\n"
        "  1. Translate the fields above the text, and the text, in place; keep every marker such as [1].\n"
        "  2. Write who translated it in translated_by.\n"
        f"  3. Check it:   python scripts/validate.py {display}\n"
        "  4. Commit it on a new branch and open a pull request.",
        file=out,
    )
