"""Validate the whole knowledge base, or some files against the rest.

Stages: discover files -> load each strictly -> check ids -> check each
against its schema -> check references and cross-field rules -> check bodies.
Every problem is collected; nothing stops at the first.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsonschema.protocols import Validator

from kb.checks.body_rules import (
    INVISIBLE,
    check_body_security,
    check_front_matter_security,
    consented_values,
    url_field_paths,
)
from kb.checks.buildable import check_field_characters, check_text_builds, check_title_anchor
from kb.checks.marker_rules import check_markers
from kb.checks.page_rules import check_page
from kb.checks.permalink_rules import check_permalinks
from kb.checks.render_limits import BoundedProblems, check_line_count
from kb.checks.site_files import check_docs_tree, hand_written_pages, walk_docs
from kb.checks.titles import Titled, check_near_duplicates, check_near_duplicates_of, check_title_characters, scan_title
from kb.checks.translation_rules import check_translations
from kb.content.catalogue import Catalogue, load_catalogue
from kb.content.collection_rule import matches_rule
from kb.content.discovery import Entry, Layout, discover_content_files
from kb.content.fast_path import compile_fast_validator, is_valid, load_fast
from kb.content.loading import JsonPath, LoadedFile, load_file
from kb.content.pages import PAGE_SCHEMA, load_page
from kb.content.permalinks import REDIRECTS_SCHEMA, Redirects, load_redirects, read_manifest
from kb.content.schema_check import check_against_schema, field_name
from kb.content.schemas import format_field_paths, read_dates_as_text
from kb.content.translations import LoadedTranslation
from kb.content.vocabularies import Vocabulary
from kb.content.vocabulary_translations import CODE as VOCABULARY_TRANSLATION_CODE
from kb.core.diagnostics import Diagnostic, Severity, has_errors
from kb.core.heap import cycles_collected_after
from kb.core.ids import MAX_ID_LENGTH, id_key, slugify
from kb.core.kinds import COLLECTION, KINDS, PRACTICE, Kind
from kb.core.suggestions import closest
from kb.core.two_cores import on_two_cores

TITLE_SCAN_BYTES = 4096  # a practice's title line is near the top of its file
FAST_PATH_MIN_FILES = 50
RESERVED_IDS = frozenset({"index"})
COMMON_SCHEMA = "common.schema.json"  # the folder's own generated list page
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


class UsageError(Exception):
    """The command was asked something it cannot do; not a content problem."""


@dataclass
class ValidationResult:
    entries: list[Entry]
    catalogue: Catalogue
    diagnostics: list[Diagnostic] = field(default_factory=list)
    redirects: Redirects = field(default_factory=Redirects)
    translations: tuple[LoadedTranslation, ...] = ()  # kb.checks.translation_rules

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)

    @property
    def vocabularies(self) -> Mapping[str, Vocabulary]:
        return self.catalogue.vocabularies

    @property
    def schemas(self) -> Mapping[str, dict[str, Any]]:
        return self.catalogue.schemas


@cycles_collected_after()  # 10,000 files' data hold no cycles (kb.core.heap)
def validate_knowledge_base(
    layout: Layout, only: Collection[Path] | None = None, catalogue: Catalogue | None = None
) -> ValidationResult:
    """Check every content file, or only ``only`` against all the others.

    ``catalogue`` is the one loaded for this run, if the caller has it; otherwise it is loaded here.
    """
    if catalogue is None:
        catalogue = load_catalogue(layout)
    schemas = catalogue.schemas
    diagnostics = list(catalogue.diagnostics)
    missing_schemas = [kind.schema_file for kind in KINDS if kind.schema_file not in schemas]
    missing_schemas += [name for name in (COMMON_SCHEMA, REDIRECTS_SCHEMA) if name not in schemas]
    if missing_schemas:
        # Without these nothing can be checked; the problems with them are the only ones worth reading.
        reported = {d.path for d in diagnostics}
        for name in missing_schemas:
            where = layout.display(layout.schema_dir / name)
            if where not in reported:
                diagnostics.append(Diagnostic(where, 1, 1, "KB901", "this schema is missing; restore it from git"))
        return ValidationResult([], catalogue, sorted(set(diagnostics)))
    files, discovery_problems = discover_content_files(layout)
    diagnostics += discovery_problems
    docs_files: list[Path] = []
    pages: list[Path] = []
    walked = walk_docs(layout.docs_dir) if layout.docs_dir.is_dir() else None
    if walked is not None:
        relative_files, _ = walked
        docs_files = [layout.docs_dir / relative for relative in relative_files]
        pages = [layout.docs_dir / relative for relative in hand_written_pages(relative_files)]
    ids_by_kind = {kind: {path.stem for k, path in files if k is kind} for kind in KINDS}

    selected = files
    wanted: set[str] | None = None
    if only is not None:
        # Compared as displayed paths: discovery's paths are already clean,
        # so only the few files asked for are resolved (see Layout.display).
        wanted = {layout.display(path) for path in only}
        known = {layout.display(path) for _, path in files} | {layout.display(path) for path in docs_files}
        misplaced = {d.path for d in discovery_problems}
        links = {layout.display(path) for path in only if path.is_symlink()}  # reported (KB409), never read
        unknown = sorted(wanted - known - misplaced - links)
        if unknown:
            raise UsageError(f"{unknown[0]} is not a file under {layout.display(layout.docs_dir)}/")
        selected = [(kind, path) for kind, path in files if layout.display(path) in wanted]
        pages = [path for path in pages if layout.display(path) in wanted]
    content = layout.display(layout.docs_dir) + "/"

    def of_interest(problems: list[Diagnostic]) -> list[Diagnostic]:
        """All problems, or with ``only``: its files' and those that concern every file (a broken schema)."""
        if wanted is None:
            return problems
        return [d for d in problems if d.path in wanted or not d.path.startswith(content)]

    def tree_checks() -> tuple[list[Diagnostic], Redirects]:
        """What concerns the tree, not one entry: folders, ids, redirects and permalinks."""
        problems = check_docs_tree(layout.docs_dir, content, walked) if walked is not None else []
        problems += check_ids(files, layout, id_namespaces(schemas), entry_id_pattern(schemas))
        redirects, redirect_problems = load_redirects(
            layout.redirects_path, layout.display(layout.redirects_path), catalogue.validator(REDIRECTS_SCHEMA)
        )
        manifest, manifest_problems = read_manifest(layout.manifest_path, layout.display(layout.manifest_path))
        problems += redirect_problems + manifest_problems
        if not redirect_problems:
            problems += check_permalinks(
                manifest,
                layout.display(layout.manifest_path),
                ids_by_kind,
                schemas,
                redirects,
                catalogue.languages.others if catalogue.languages_known else None,
            )
        return of_interest(problems), redirects

    def tree_and_pages() -> tuple[list[Diagnostic], Redirects]:
        problems, redirects = tree_checks()
        return problems + check_pages(pages, layout, catalogue), redirects

    diagnostics = of_interest(diagnostics)
    # A broken schema or vocabulary leaves entries nothing to be checked against; a vocabulary's labels in
    # another language (KB902) are not what entries are checked against.
    schema_problems = (d for d in diagnostics if d.path.startswith(layout.display(layout.schema_dir)))
    if has_errors(d for d in schema_problems if d.code != VOCABULARY_TRANSLATION_CODE):
        tree_problems, redirects = tree_checks()
        return ValidationResult([], catalogue, diagnostics + tree_problems, redirects)
    validators = {kind: catalogue.validator(kind.schema_file) for kind in KINDS}
    # Compiling the fast schemas costs more than checking a few files the strict way.
    use_fast_path = len(selected) >= FAST_PATH_MIN_FILES
    fast_validators = (
        {kind: compile_fast_validator(kind.schema_file, catalogue.filled) for kind in KINDS} if use_fast_path else {}
    )
    references = {kind: reference_fields(validators[kind].schema) for kind in KINDS}
    url_paths = {kind: url_field_paths(schemas[kind.schema_file], schemas) for kind in KINDS}
    date_paths = {kind: format_field_paths(schemas[kind.schema_file], schemas, "date") for kind in KINDS}

    def check_file(item: tuple[Kind, Path]) -> tuple[LoadedFile | None, list[Diagnostic]]:
        """One entry file's problems, and the file as loaded when its front matter could be read."""
        kind, path = item
        display = layout.display(path)

        def checks(loaded: LoadedFile, schema_checked: bool) -> list[Diagnostic]:
            entry = Entry(kind, path.stem, path, loaded)
            return check_entry(
                entry,
                validators[kind],
                ids_by_kind,
                references=references[kind],
                url_paths=url_paths[kind],
                schema_checked=schema_checked,
            )

        fast = load_fast(path, display) if use_fast_path else None
        if fast is not None and fast.data is not None:
            read_dates_as_text(fast.data, date_paths[kind])
            if is_valid(fast_validators[kind], fast.data):
                # The schema holds; the remaining checks rarely need a location, and
                # when one does, the file is read again the strict way (LoadedFile.locate).
                return fast, checks(fast, schema_checked=True)
        loaded = load_file(path, display)
        if loaded.data is None:
            return None, loaded.diagnostics  # unreadable front matter is its only problem (STYLE: reported once)
        read_dates_as_text(loaded.data, date_paths[kind])
        return loaded, loaded.diagnostics + checks(loaded, schema_checked=False)

    # Each file is checked on its own, so the files are shared between both cores; what concerns the
    # whole tree, and the hand-written pages, are checked here meanwhile.
    checked, (tree_problems, redirects) = on_two_cores(selected, check_file, tree_and_pages)
    diagnostics += tree_problems
    entries: list[Entry] = []
    for (kind, path), (loaded, problems) in zip(selected, checked, strict=True):
        diagnostics += problems
        if loaded is not None:
            entries.append(Entry(kind, path.stem, path, loaded))  # made here: kinds are compared by identity
    diagnostics += check_titles(entries, layout, files if only is not None else None)
    translated = check_translations(layout, catalogue, entries, ids_by_kind, only)
    diagnostics += translated.diagnostics
    if only is None:
        # A rule is tested against every practice, so only a whole run can say it matches nothing.
        diagnostics += check_collection_rules(entries, diagnostics)
    return ValidationResult(entries, catalogue, sorted(set(diagnostics)), redirects, translated.translations)


def check_pages(pages: list[Path], layout: Layout, catalogue: Catalogue) -> list[Diagnostic]:
    """Every hand-written page (kb.content.pages): its front matter against the page schema, its text as an entry's."""
    if not pages:
        return []
    if PAGE_SCHEMA not in catalogue.schemas:
        where = layout.display(layout.schema_dir / PAGE_SCHEMA)
        return [Diagnostic(where, 1, 1, "KB901", f"{PAGE_SCHEMA} is missing, so no hand-written page can be checked")]
    validator = catalogue.validator(PAGE_SCHEMA)
    return [problem for path in pages for problem in check_page(load_page(path, layout.display(path)), validator)]


def entry_id_pattern(schemas: Mapping[str, Mapping[str, Any]]) -> re.Pattern[str]:
    """What an id may look like, as common.schema.json's entryId says."""
    return re.compile(schemas[COMMON_SCHEMA]["$defs"]["entryId"]["pattern"])


def id_namespaces(schemas: Mapping[str, dict[str, Any]]) -> dict[Kind, int]:
    """Kinds whose ids must not clash: those one reference field may point to together.

    A practice and an organisation may share an id (their URLs differ), but a
    workshop and an event may not, since ``presented_at`` accepts either.
    """
    kinds_by_name = {kind.name: kind for kind in KINDS}
    namespace = {kind: index for index, kind in enumerate(KINDS)}
    for schema in schemas.values():
        for reference in _reference_fields(schema):
            merged = {namespace[kinds_by_name[name]] for name in reference.kinds}
            for kind in KINDS:
                if namespace[kind] in merged:
                    namespace[kind] = min(merged)
    return namespace


def check_ids(
    files: list[tuple[Kind, Path]], layout: Layout, namespaces: dict[Kind, int], pattern: re.Pattern[str]
) -> list[Diagnostic]:
    problems = []
    by_key: dict[tuple[int, str], list[tuple[Kind, Path]]] = defaultdict(list)
    for kind, path in files:
        entry_id = path.stem
        display = layout.display(path)
        invisible = next((c for c in entry_id if c in INVISIBLE), None)
        if invisible is not None:
            problems.append(
                Diagnostic(
                    display,
                    1,
                    1,
                    "KB406",
                    f"file name holds the invisible character U+{ord(invisible):04X}, so it looks like an id it "
                    f"is not; rename the file to '{suggest_id(entry_id)}.md'",
                )
            )
        elif not pattern.fullmatch(entry_id) or len(entry_id) > MAX_ID_LENGTH:
            suggestion = suggest_id(entry_id)
            problems.append(
                Diagnostic(
                    display,
                    1,
                    1,
                    "KB011",
                    f"file name '{entry_id}' is not a valid id; rename the file to '{suggestion}.md' "
                    f"(lowercase letters and digits joined by single hyphens, at most {MAX_ID_LENGTH} characters)",
                )
            )
        elif entry_id in RESERVED_IDS:
            problems.append(
                Diagnostic(
                    display,
                    1,
                    1,
                    "KB011",
                    f"'{entry_id}' is reserved for the generated list page; choose another file name",
                )
            )
        by_key[namespaces[kind], id_key(entry_id)].append((kind, path))
    for twins in by_key.values():
        if len(twins) == 1:
            continue
        for _, path in twins:
            others = ", ".join(layout.display(other) for _, other in twins if other != path)
            problems.append(
                Diagnostic(
                    layout.display(path),
                    1,
                    1,
                    "KB012",
                    f"id '{path.stem}' clashes with {others} (ids must differ by more than "
                    "case or accents, and a workshop and an event may not share one); "
                    "rename one of the files",
                )
            )
    return problems


def suggest_id(text: str) -> str:
    return slugify(text)


def check_entry(
    entry: Entry,
    validator: Validator,
    ids_by_kind: dict[Kind, set[str]],
    *,
    references: list[ReferenceField] | None = None,
    url_paths: list[JsonPath] | None = None,
    schema_checked: bool = False,
) -> list[Diagnostic]:
    security = check_front_matter_security(entry.loaded, url_paths or [])
    # One problem per value: a 'javascript:' web address also breaks the address pattern (KB108), and an id
    # with an invisible character or in the wrong form names no entry (KB201); say it once, as the first.
    flagged = {(d.line, d.column) for d in security if d.code in ("KB402", "KB406")}
    schema_problems = [] if schema_checked else check_against_schema(entry.loaded, validator)
    problems = [d for d in schema_problems if not (d.code == "KB108" and (d.line, d.column) in flagged)]
    problems += security
    flagged |= {(d.line, d.column) for d in schema_problems if d.code == "KB108"}
    if references is None:
        references = reference_fields(validator.schema)
    problems += [d for d in check_references(entry, references, ids_by_kind) if (d.line, d.column) not in flagged]
    problems += check_dates(entry)
    # A text over the line limit is not read line by line (bounded work per file).
    too_long = check_line_count(entry.loaded)
    problems += too_long or check_body(entry.loaded) + check_body_security(entry.loaded, consented_values(entry.data))
    problems += check_markers(entry.loaded, entry.kind)
    problems += check_field_characters(entry.loaded)
    problems += check_title_anchor(entry.loaded, entry.kind.title_field)
    problems += check_text_builds(entry.loaded)
    if entry.kind is COLLECTION:
        problems += check_collection(entry)
    bounded = BoundedProblems(entry.loaded.path)  # at most so many of each kind per file
    bounded.extend(problems)
    return bounded.result()


@dataclass(frozen=True)
class ReferenceField:
    """A field that names other entries: where it is, the kinds it may name, and any other values it accepts."""

    path: JsonPath
    kinds: list[str]
    # 'x-kb-also' in the schema: values that are not ids, such as a collection curator's 'editors'.
    also: frozenset[str] = frozenset()


def reference_fields(schema: Any) -> list[ReferenceField]:
    """The fields of a schema that name other entries, with the kinds they may name."""
    return list(_reference_fields(schema if isinstance(schema, dict) else {}))


ANY_ITEM = "*"  # in a reference field's path: each item of a list of groups, such as a collection's items


def _reference_fields(schema: dict[str, Any], path: JsonPath = ()) -> Iterator[ReferenceField]:
    for name, sub in schema.get("properties", {}).items():
        if "x-kb-references" in sub:
            yield ReferenceField((*path, name), sub["x-kb-references"], frozenset(sub.get("x-kb-also", ())))
        yield from _reference_fields(sub, (*path, name))
        items = sub.get("items")
        if isinstance(items, dict) and "properties" in items:
            yield from _reference_fields(items, (*path, name, ANY_ITEM))


def _values_at(data: Any, path: JsonPath, where: JsonPath = ()) -> Iterator[tuple[JsonPath, Any]]:
    """Each value at a field path with its own path; a list's items are each a value."""
    if not path:
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield (*where, index), item
        else:
            yield where, data
        return
    head, rest = path[0], path[1:]
    if head == ANY_ITEM:
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield from _values_at(item, rest, (*where, index))
    elif isinstance(data, dict) and head in data:
        yield from _values_at(data[head], rest, (*where, head))


def check_references(
    entry: Entry, references: list[ReferenceField], ids_by_kind: dict[Kind, set[str]]
) -> list[Diagnostic]:
    kinds_by_name = {kind.name: kind for kind in KINDS}
    problems = []
    for reference in references:
        targets = [kinds_by_name[name] for name in reference.kinds]
        for item_path, target_id in _values_at(entry.data, reference.path):
            if not isinstance(target_id, str) or target_id in reference.also:
                continue  # the schema check has already reported a wrong type
            problem = _reference_problem(entry, target_id, targets, ids_by_kind)
            if problem:
                code, message = problem
                where = entry.loaded.locate(item_path)
                problems.append(
                    Diagnostic(entry.loaded.path, where.line, where.column, code, f"{field_name(item_path)}: {message}")
                )
    return problems


def _reference_problem(
    entry: Entry, target_id: str, targets: list[Kind], ids_by_kind: dict[Kind, set[str]]
) -> tuple[str, str] | None:
    if any(target_id in ids_by_kind[kind] for kind in targets):
        if entry.kind in targets and target_id == entry.id:
            return "KB202", f"'{target_id}' is this entry itself; remove it"
        return None
    wanted = " or ".join(kind.name for kind in targets)
    folders = " or ".join(f"docs/{kind.folder}/" for kind in targets)
    other = next((kind for kind in KINDS if target_id in ids_by_kind[kind]), None)
    if other is not None:
        return "KB201", f"'{target_id}' is {_article(other.name)} {other.name}, not {_article(wanted)} {wanted}"
    candidates = sorted(set().union(*(ids_by_kind[kind] for kind in targets)))
    match = closest(target_id, candidates, cutoff=0.6)
    hint = f"did you mean '{match}'?" if match else f"add docs/{targets[0].folder}/{target_id}.md first, or fix the id"
    return "KB201", f"no {wanted} has the id '{target_id}' in {folders} ({hint})"


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def check_dates(entry: Entry) -> list[Diagnostic]:
    data = entry.data
    problems = []

    def problem(path: JsonPath, message: str) -> None:
        where = entry.loaded.locate(path)
        problems.append(Diagnostic(entry.loaded.path, where.line, where.column, "KB111", message))

    start, end = data.get("start_year"), data.get("end_year")
    if isinstance(start, int) and isinstance(end, int) and end < start:
        problem(("end_year",), f"end_year {end} is before start_year {start}; swap or correct them")
    if data.get("status") == "active" and isinstance(end, int):
        problem(("status",), f"status is 'active' but end_year is {end}; set status to 'ended' or remove end_year")
    first, last = data.get("start_date"), data.get("end_date")
    if isinstance(first, str) and isinstance(last, str) and last < first:
        problem(("end_date",), f"end_date {last} is before start_date {first}")
    return problems


# Searched for in the text after a line break: a pattern that starts with a fixed character is searched
# for in C, where one that starts with '^' is tried at every position.
# Python-Markdown reads '#' at the start of a line as a heading with or without a space after it:
# "#MakingAStand was a campaign ..." becomes a level-1 heading of the whole paragraph.
_MAYBE_H1 = re.compile(r"\n(?:\s{0,3}#(\s|$)|#(?!#)|\s{0,3}=+\s*$)", re.MULTILINE)


def check_body(loaded: LoadedFile) -> list[Diagnostic]:
    if not _MAYBE_H1.search("\n" + loaded.body):
        return []  # the common case, decided by one scan
    problems = []
    in_fence = False
    lines = loaded.body.split("\n")
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence:
            continue
        is_atx_h1 = re.match(r"^\s{0,3}#(\s|$)", line) is not None
        is_hashtag = re.match(r"^#[^#\s]", line) is not None
        next_line = lines[index + 1] if index + 1 < len(lines) else ""
        is_setext_h1 = bool(line.strip()) and re.fullmatch(r"\s{0,3}=+\s*", next_line) is not None
        if is_hashtag:
            message = (
                f"a line that starts with '#' is shown as a level-1 heading, even with no space after it; "
                f"to start the line with the hashtag write '\\{line.split()[0][:40]}', or make it a '## ' heading"
            )
        else:
            message = "the page title comes from the front matter; make this a '## ' heading"
        if is_atx_h1 or is_hashtag or is_setext_h1:
            problems.append(Diagnostic(loaded.path, loaded.body_line + index, 1, "KB301", message))
    return problems


def check_titles(
    entries: list[Entry], layout: Layout, all_files: list[tuple[Kind, Path]] | None = None
) -> list[Diagnostic]:
    """Look-alike characters in every checked title, and near-duplicate practices (warnings).

    With ``all_files`` (when only some files are checked), the checked
    practices are compared with every other practice by title alone, read
    from the top of each file; only those with alike titles are loaded.
    """
    titled = {entry.loaded.path: t for entry in entries if (t := _titled(entry)) is not None}
    problems = [p for t in titled.values() for p in check_title_characters(t)]
    practices = [titled[e.loaded.path] for e in entries if e.kind is PRACTICE and e.loaded.path in titled]
    if all_files is None:
        return _locate_titles(problems + check_near_duplicates(practices), entries)
    paths = {layout.display(path): path for kind, path in all_files if kind is PRACTICE}
    others = [
        (display, title)
        for display, path in paths.items()
        if display not in titled and (title := scan_title(_head(path))) is not None
    ]

    def details(display: str) -> Titled | None:
        loaded = load_file(paths[display], display)
        return _titled(Entry(PRACTICE, paths[display].stem, paths[display], loaded)) if loaded.data else None

    return _locate_titles(problems + check_near_duplicates_of(practices, others, details), entries)


def _locate_titles(problems: list[Diagnostic], entries: list[Entry]) -> list[Diagnostic]:
    """Each title warning on its title's line.

    Located only here, for the few entries warned about: asking where a title
    is makes a file read by the fast path be read again the strict way.
    """
    by_path = {entry.loaded.path: entry for entry in entries}
    located = []
    for problem in problems:
        entry = by_path.get(problem.path)
        if entry is not None:
            where = entry.loaded.locate((entry.kind.title_field,))
            problem = dataclasses.replace(problem, line=where.line, column=where.column)
        located.append(problem)
    return located


def _head(path: Path) -> str:
    # os.open and os.read: a Python file object costs twice as much, thousands of times over.
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return ""
    try:
        return os.read(descriptor, TITLE_SCAN_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return ""
    finally:
        os.close(descriptor)


def _titled(entry: Entry) -> Titled | None:
    if entry.loaded.data is None:
        return None
    title = entry.data.get(entry.kind.title_field)
    if not isinstance(title, str):
        return None

    def strings(name: str) -> frozenset[str]:
        value = entry.data.get(name)
        return frozenset(v for v in value if isinstance(v, str)) if isinstance(value, list) else frozenset()

    # Line 1 until a warning needs the title's own line (see _locate_titles).
    return Titled(entry.loaded.path, title, 1, 1, strings("countries"), strings("organisations"))


def check_collection(entry: Entry) -> list[Diagnostic]:
    """A collection holds something, and names each practice once."""
    data = entry.data
    items = data.get("items")
    problems = []
    if not items and not data.get("rule"):
        where = entry.loaded.locate(("items",))
        problems.append(
            Diagnostic(
                entry.loaded.path,
                where.line,
                where.column,
                "KB703",
                "the collection holds no practice; add 'items' (practices chosen by hand) or a 'rule', or both",
            )
        )
    first_seen: dict[str, int] = {}
    for index, item in enumerate(items if isinstance(items, list) else []):
        practice = item.get("practice") if isinstance(item, dict) else None
        if not isinstance(practice, str):
            continue
        if practice in first_seen:
            where = entry.loaded.locate(("items", index, "practice"))
            problems.append(
                Diagnostic(
                    entry.loaded.path,
                    where.line,
                    where.column,
                    "KB702",
                    f"items[{index}].practice: '{practice}' is already items[{first_seen[practice]}]; "
                    "remove one (a practice is listed once, with one note)",
                )
            )
        else:
            first_seen[practice] = index
    return problems


def check_collection_rules(entries: list[Entry], diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """A warning for each rule that matches no practice: the collection would silently lack them."""
    failing = {d.path for d in diagnostics if d.severity is Severity.ERROR}
    practices = [e.data for e in entries if e.kind is PRACTICE]
    problems = []
    for entry in entries:
        rule = entry.data.get("rule") if entry.kind is COLLECTION else None
        if not isinstance(rule, dict) or entry.loaded.path in failing:
            continue
        if any(matches_rule(rule, practice) for practice in practices):
            continue
        where = entry.loaded.locate_key(("rule",))
        stated = "; ".join(f"{name}: {', '.join(map(str, values))}" for name, values in rule.items())
        problems.append(
            Diagnostic(
                entry.loaded.path,
                where.line,
                where.column,
                "KB701",
                f"rule matches no practice ({stated}); a practice must have one of the values of every field. "
                "Widen the rule, or remove it if the items are enough",
                Severity.WARNING,
            )
        )
    return problems
