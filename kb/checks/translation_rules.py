"""Translations of entries, checked as entries are and against their originals (KB820 to KB825).

A translation (kb.content.translations) passes the rules an entry's fields and
text pass, by the same functions: its front matter against the part of
schema/translation.schema.json for its kind, then the security,
personal-data, render-limit and buildability rules, and the form of its
source markers. Hostile text is refused in a translation exactly as in an
entry. Then against its original: the original exists (KB820), the
translation's language is one site.yml names (KB821, found with the file),
its markers cite exactly the sources the original's text cites, by the
original's numbers (KB822, KB823), a translator is named (KB824) and the text
is not the original's copied unchanged (KB825).
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema.protocols import Validator

from kb.checks.body_rules import check_body_security, check_front_matter_security, consented_values
from kb.checks.buildable import check_field_characters, check_text_builds, check_title_anchor
from kb.checks.family import EXAMPLE_BODY, EXAMPLE_PATH, EXAMPLE_PRACTICE, Example, Family, Rule, Where
from kb.checks.marker_rules import check_markers
from kb.checks.render_limits import BoundedProblems, check_line_count
from kb.checks.titles import Titled, check_title_characters
from kb.content.catalogue import Catalogue
from kb.content.discovery import CONTENT_SUFFIX, Entry, Layout
from kb.content.languages import (
    SETTINGS_FILE,
    LanguagesError,
    language_name,
    read_languages,
    settings_problem,
)
from kb.content.loading import JsonPath, LoadedFile, load_file
from kb.content.schema_check import check_against_schema
from kb.content.schemas import format_field_paths, read_dates_as_text
from kb.content.source_markers import SECTION_PREFIX, Marker, find_markers, line_starts
from kb.content.translations import (
    TRANSLATED_KINDS,
    TRANSLATION_SCHEMA,
    TRANSLATIONS_FOLDER,
    TRANSLATOR_PLACEHOLDER,
    LoadedTranslation,
    TranslationFile,
    discover_translations,
)
from kb.core.diagnostics import Diagnostic
from kb.core.kinds import Kind
from kb.core.markdown import find_fences, mask_comments, visible_body
from kb.core.suggestions import closest

# How a marker is written is checked as in an entry; which numbers it may cite is the original's (KB822, KB823).
MARKER_FORM_CODES = frozenset({"KB804", "KB805", "KB806"})
TRANSLATED_TEXT_FIELDS = ("summary", "description")  # besides the title: the one the kind has (the schema says)
MAX_MARKERS_NAMED = 8  # missing markers named in one message


@dataclass(frozen=True)
class CheckedTranslations:
    """The translation files read (those whose front matter could be read) and every problem found."""

    translations: tuple[LoadedTranslation, ...]
    diagnostics: list[Diagnostic]


def check_translations(
    layout: Layout,
    catalogue: Catalogue,
    entries: Iterable[Entry],
    ids_by_kind: Mapping[Kind, set[str]],
    only: Collection[Path] | None = None,
) -> CheckedTranslations:
    """Find, read and check every translation, or only those among ``only``.

    ``entries`` are the entries already read; an original that is not among
    them (when only some files are checked) is read here.
    """
    folder = layout.docs_dir / TRANSLATIONS_FOLDER
    if not folder.is_dir():
        return CheckedTranslations((), [])
    try:
        languages = read_languages(layout.root)
    except LanguagesError as error:
        settings = layout.root / SETTINGS_FILE
        return CheckedTranslations((), [settings_problem(settings, layout.display(settings), error)])
    files, problems = discover_translations(layout, languages)
    if only is not None:
        wanted = {layout.display(path) for path in only}
        files = [file for file in files if layout.display(file.path) in wanted]
        problems = [problem for problem in problems if problem.path in wanted]
    if not files:
        return CheckedTranslations((), problems)
    if TRANSLATION_SCHEMA not in catalogue.schemas:
        where = layout.display(layout.schema_dir / TRANSLATION_SCHEMA)
        message = f"{TRANSLATION_SCHEMA} is missing, so no translation can be checked; restore it from git"
        return CheckedTranslations((), [*problems, Diagnostic(where, 1, 1, "KB901", message)])
    validators = {kind: _validator(catalogue, kind) for kind in TRANSLATED_KINDS}
    date_paths = {
        kind: format_field_paths(_part_for(catalogue, kind), catalogue.schemas, "date") for kind in TRANSLATED_KINDS
    }
    read_entries = {(entry.kind, entry.id): entry.loaded for entry in entries}
    originals: dict[tuple[Kind, str], Original | None] = {}  # each worked out once, however many translations it has
    read: list[LoadedTranslation] = []
    for file in files:
        loaded = load_file(file.path, layout.display(file.path))
        problems += loaded.diagnostics
        if loaded.data is None:
            continue  # unreadable front matter is its only problem
        read_dates_as_text(loaded.data, date_paths[file.kind])
        key = (file.kind, file.id)
        if key not in originals:
            originals[key] = _original(layout, file, read_entries, ids_by_kind)
        original = originals[key]
        problems += check_translation(loaded, file, original, validators[file.kind])
        if original is None:
            problems.append(_no_original(layout, loaded, file, ids_by_kind))
        read.append(LoadedTranslation(file, loaded))
    return CheckedTranslations(tuple(read), problems)


def _part_for(catalogue: Catalogue, kind: Kind) -> dict[str, str]:
    """The part of the translation schema for one kind (its ``$defs``), as a schema that refers to it."""
    return {"$ref": f"{catalogue.schemas[TRANSLATION_SCHEMA]['$id']}#/$defs/{kind.name}"}


def _validator(catalogue: Catalogue, kind: Kind) -> Validator:
    # The whole schema's validator (its registry knows the originals' schemas, whose limits the parts take),
    # rooted at the kind's part.
    return catalogue.validator(TRANSLATION_SCHEMA).evolve(schema=_part_for(catalogue, kind))


@dataclass(frozen=True)
class Original:
    """What translations are compared with, from the original entry's file as read."""

    data: Mapping[str, Any] | None  # None when the original's own front matter cannot be read
    cited: frozenset[int]  # the source numbers its text cites
    cited_under: Mapping[int, str | None]  # each one's first section heading (None: before any heading)
    words: str  # its text as published, words joined by single spaces

    @classmethod
    def of(cls, loaded: LoadedFile) -> Original:
        markers = _cited(loaded.body)
        under = _sections_citing(loaded.body, markers)
        return cls(loaded.data, frozenset(under), under, _words(visible_body(loaded.body)))


def _original(
    layout: Layout,
    file: TranslationFile,
    read_entries: Mapping[tuple[Kind, str], LoadedFile],
    ids_by_kind: Mapping[Kind, set[str]],
) -> Original | None:
    """The original entry, or None when there is no such entry; read here if the caller has not."""
    if file.id not in ids_by_kind.get(file.kind, set()):
        return None
    loaded = read_entries.get((file.kind, file.id))
    if loaded is None:
        path = layout.docs_dir / file.kind.folder / f"{file.id}{CONTENT_SUFFIX}"
        loaded = load_file(path, layout.display(path))
    return Original.of(loaded)


def check_translation(
    loaded: LoadedFile, file: TranslationFile, original: Original | None, validator: Validator
) -> list[Diagnostic]:
    """Every problem of one translation whose front matter could be read, at its line and column.

    ``original`` is None when there is no original (reported by the caller); a translation is
    still checked on its own then.
    """
    assert loaded.data is not None
    problems = check_against_schema(loaded, validator)
    problems += check_front_matter_security(loaded, [])
    problems += check_field_characters(loaded)
    problems += check_title_anchor(loaded, file.kind.title_field)
    problems += _title_characters(loaded, file.kind.title_field)
    problems += _translator(loaded)
    # Contacts whose owners consented to be named in the original may be named in its translation.
    consented = consented_values(original.data) if original is not None else frozenset()
    too_long = check_line_count(loaded)  # a text over the limit is not read line by line (bounded work per file)
    problems += too_long or _body_problems(loaded) + check_body_security(loaded, consented)
    problems += check_text_builds(loaded)
    problems += [d for d in check_markers(loaded, file.kind) if d.code in MARKER_FORM_CODES]
    if original is not None and original.data is not None:
        problems += compare_markers(loaded, original)
        problems += _not_translated(loaded, original, file.language)
    bounded = BoundedProblems(loaded.path)  # at most so many of each kind per file
    bounded.extend(problems)
    return bounded.result()


def _body_problems(loaded: LoadedFile) -> list[Diagnostic]:
    # Imported here: kb.checks.validation calls this module, and its check of headings is the entries' own.
    from kb.checks.validation import check_body

    return check_body(loaded)


def _title_characters(loaded: LoadedFile, title_field: str) -> list[Diagnostic]:
    assert loaded.data is not None
    title = loaded.data.get(title_field)
    if not isinstance(title, str):
        return []
    where = loaded.locate((title_field,))
    return check_title_characters(Titled(loaded.path, title, where.line, where.column))


def _translator(loaded: LoadedFile) -> list[Diagnostic]:
    """KB824: translated_by still the scaffold's placeholder, or only spaces."""
    assert loaded.data is not None
    value = loaded.data.get("translated_by")
    if not isinstance(value, str) or not value:
        return []  # not text, or empty: the schema reports it
    if value.strip() == TRANSLATOR_PLACEHOLDER:
        what = "is still the placeholder the scaffold wrote"
    elif not value.strip():
        what = "holds only spaces"
    else:
        return []
    where = loaded.locate(("translated_by",))
    return [
        Diagnostic(
            loaded.path,
            where.line,
            where.column,
            "KB824",
            f"translated_by {what}; write who translated the text: a name, a handle or an organisation "
            "(never an e-mail address or a phone number)",
        )
    ]


def _no_original(
    layout: Layout, loaded: LoadedFile, file: TranslationFile, ids_by_kind: Mapping[Kind, set[str]]
) -> Diagnostic:
    """KB820: the file names no entry of its kind."""
    expected = layout.display(layout.docs_dir / file.kind.folder / f"{file.id}{CONTENT_SUFFIX}")
    other = next((kind for kind in TRANSLATED_KINDS if file.id in ids_by_kind.get(kind, set())), None)
    if other is not None:
        target = f"docs/{TRANSLATIONS_FOLDER}/{file.language}/{other.folder}/{file.id}{CONTENT_SUFFIX}"
        message = f"'{file.id}' is a {other.name}, not a {file.kind.name}: move this file to {target}"
    else:
        match = closest(file.id, sorted(ids_by_kind.get(file.kind, set())), cutoff=0.6)
        hint = f"did you mean '{match}'?" if match else f"the translations of {file.kind.plural.lower()} go here"
        folders = ", ".join(f"{kind.folder}/" for kind in TRANSLATED_KINDS)
        message = (
            f"no {file.kind.name} has the id '{file.id}' ({expected} does not exist; {hint}). A translation has the "
            f"file name of the entry it translates, in the folder of its kind ({folders}): rename the file, or add "
            "the entry first"
        )
    return Diagnostic(loaded.path, 1, 1, "KB820", message)


# --- Markers against the original's --------------------------------------------------------------------------------


def _cited(text: str) -> list[Marker]:
    """The markers of a text as published (notes in comments left out), in order; only well-formed ones."""
    return [marker for marker in find_markers(mask_comments(text)) if marker.is_marker]


def compare_markers(loaded: LoadedFile, original: Original) -> list[Diagnostic]:
    """KB822 for the original's markers the translation lacks; KB823 for each marker citing a source the original's
    text does not."""
    in_original = original.cited
    markers = _cited(loaded.body)
    problems = []
    missing = sorted(in_original - {number for marker in markers for number in marker.numbers})
    if missing:
        where = original.cited_under
        named = ", ".join(f"[{number}] ({_section_name(where[number])})" for number in missing[:MAX_MARKERS_NAMED])
        more = f" and {len(missing) - MAX_MARKERS_NAMED} more" if len(missing) > MAX_MARKERS_NAMED else ""
        problems.append(
            Diagnostic(
                loaded.path,
                loaded.body_line,
                1,
                "KB822",
                f"the original's text cites {named}{more}, which this translation does not; put each marker after "
                "the translated fact it supports, as the original does",
            )
        )
    if markers:
        starts = line_starts(loaded.body)
        cited = _listed(sorted(in_original)) if in_original else "none"
        for marker in markers:
            for number in marker.numbers:
                if number in in_original:
                    continue
                line = bisect.bisect_right(starts, marker.start) - 1
                problems.append(
                    Diagnostic(
                        loaded.path,
                        loaded.body_line + line,
                        marker.start - starts[line] + 1,
                        "KB823",
                        f"marker {marker.text} cites source {number}, which the original's text does not cite (it "
                        f"cites {cited}): a translation cites the original's sources by the original's numbers; "
                        "use one of those, or remove the marker",
                    )
                )
    return problems


def _sections_citing(text: str, markers: list[Marker]) -> dict[int, str | None]:
    """For each source number, the heading of the first section of ``text`` citing it (None: before any heading)."""
    lines = text.split("\n")
    code = find_fences(lines).code
    headings = [
        (index, line[len(SECTION_PREFIX) :].strip())
        for index, line in enumerate(lines)
        if not code[index] and line.startswith(SECTION_PREFIX)
    ]
    heading_lines = [index for index, _ in headings]
    starts = line_starts(text)
    found: dict[int, str | None] = {}
    for marker in markers:
        line = bisect.bisect_right(starts, marker.start) - 1
        before = bisect.bisect_right(heading_lines, line) - 1
        for number in marker.numbers:
            found.setdefault(number, headings[before][1] if before >= 0 else None)
    return found


def _section_name(heading: str | None) -> str:
    return f"under '{heading}'" if heading is not None else "before the first heading"


def _listed(numbers: list[int]) -> str:
    return ", ".join(f"[{number}]" for number in numbers)


# --- Translated, not copied ----------------------------------------------------------------------------------------


def _not_translated(loaded: LoadedFile, original: Original, language: str) -> list[Diagnostic]:
    """KB825 for the summary (or description) and the text when they are the original's, word for word."""
    assert loaded.data is not None and original.data is not None
    into = language_name(language, "en")
    problems = []
    for name in TRANSLATED_TEXT_FIELDS:
        value, written = loaded.data.get(name), original.data.get(name)
        if isinstance(value, str) and isinstance(written, str) and _words(value) and _words(value) == _words(written):
            message = f"{name} is the original's, word for word; translate it into {into}"
            problems.append(_copied(loaded, (name,), message))
    text = _words(visible_body(loaded.body))
    if text and text == original.words:
        message = (
            f"the text is the original's, word for word; translate it into {into} from the same sources, "
            "keeping every marker"
        )
        problems.append(Diagnostic(loaded.path, loaded.body_line, 1, "KB825", message))
    return problems


def _copied(loaded: LoadedFile, path: JsonPath, message: str) -> Diagnostic:
    where = loaded.locate(path)
    return Diagnostic(loaded.path, where.line, where.column, "KB825", message)


def _words(text: str) -> str:
    return " ".join(text.split())


# --- The family ----------------------------------------------------------------------------------------------------

# The examples translate the example practice (kb.checks.family), put in beside them.
EXAMPLE_TRANSLATION = f"docs/{TRANSLATIONS_FOLDER}/de/practices/example-practice.md"
EXAMPLE_TRANSLATED_BODY = "## Was sie ist\n\nEine Praxis, die es nur in den Beispielen des Validators gibt [1].\n"


def example_translation(body: str = EXAMPLE_TRANSLATED_BODY, translated_by: str = "Redaktion") -> str:
    """A German translation of the example practice, with ``body`` as its text."""
    return (
        "---\ntitle: Beispielpraxis\n"
        "summary: Eine Beispielpraxis für die Beispiele des Validators; jedes Feld ist gültig.\n"
        f"translated_by: {translated_by}\ntranslated_on: 2026-12-01\n---\n\n{body}"
    )


def _translated(text: str, shown: str, path: str = EXAMPLE_TRANSLATION) -> Example:
    """An example: the example practice, and ``text`` as its translation at ``path``."""
    return Example(where=Where.FILES, files={EXAMPLE_PATH: EXAMPLE_PRACTICE, path: text}, shown=shown)


FAMILY = Family(
    name="translations",
    title="Translations",
    about=(
        "A translation of a practice, workshop or collection, in a folder of its language and kind under "
        "docs/translations/, against the entry it translates. Its fields and text also pass every rule an entry's pass."
    ),
    rules=(
        Rule(
            "KB820",
            (
                "A translation's file name is not the id of an entry of its kind: a translation is named after the "
                "entry it translates and sits in the folder of its kind."
            ),
            fails=_translated(
                example_translation(),
                "docs/translations/de/practices/example-practise.md, with no practice example-practise",
                f"docs/{TRANSLATIONS_FOLDER}/de/practices/example-practise.md",
            ),
            passes=_translated(
                example_translation(), "docs/translations/de/practices/example-practice.md, beside the practice"
            ),
        ),
        Rule(
            "KB821",
            (
                "A translation is in the folder of a language site.yml does not name among its languages, or of the "
                "original language (English), whose text is the entry itself; or site.yml's languages cannot be read."
            ),
            fails=_translated(
                example_translation(),
                "docs/translations/da/practices/example-practice.md (da is not in site.yml)",
                f"docs/{TRANSLATIONS_FOLDER}/da/practices/example-practice.md",
            ),
            passes=_translated(example_translation(), "docs/translations/de/practices/example-practice.md"),
        ),
        Rule(
            "KB822",
            (
                "The original's text cites a source the translation's text does not: every marker of the original "
                "must be in the translation, after the translated fact it supports."
            ),
            fails=_translated(
                example_translation("## Was sie ist\n\nEine Praxis, die es nur in den Beispielen gibt.\n"),
                "the original cites [1]; the translation cites nothing",
            ),
            passes=_translated(example_translation(), "the original cites [1]; so does the translation"),
        ),
        Rule(
            "KB823",
            (
                "A marker in the translation cites a source the original's text does not cite: a translation has no "
                "sources of its own, and its markers count the original's."
            ),
            fails=_translated(
                example_translation("## Was sie ist\n\nEine Praxis aus den Beispielen [1, 2].\n"),
                "[1, 2] in the translation, where the original cites [1]",
            ),
            passes=_translated(example_translation(), "[1] in the translation, as in the original"),
        ),
        Rule(
            "KB824",
            (
                "translated_by is still the placeholder the scaffold writes, or only spaces: a translation names who "
                "translated it."
            ),
            fails=_translated(
                example_translation(translated_by=f'"{TRANSLATOR_PLACEHOLDER}"'),
                f'translated_by: "{TRANSLATOR_PLACEHOLDER}"',
            ),
            passes=_translated(example_translation(), "translated_by: Redaktion"),
        ),
        Rule(
            "KB825",
            "A translation's summary, description or text is the original's, word for word: it was not translated.",
            fails=_translated(example_translation(EXAMPLE_BODY), "the original's English text, unchanged"),
            passes=_translated(example_translation(), "the text in German, with the original's markers"),
        ),
    ),
    checks=(
        "kb.content.translations.discover_translations",
        "kb.content.languages.settings_problem",
        "kb.checks.translation_rules.check_translations",
    ),
)
