"""Validate the whole knowledge base, or some files against the rest.

Stages: discover files -> load each strictly -> check ids -> check each
against its schema -> check references and cross-field rules -> check bodies.
Every problem is collected; nothing stops at the first.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsonschema.protocols import Validator

from kb.body_rules import INVISIBLE, check_body_security, check_front_matter_security, consented_values, url_field_paths
from kb.diagnostics import Diagnostic, has_errors
from kb.kinds import KINDS, Kind
from kb.loading import JsonPath, LoadedFile, load_file
from kb.schema_check import check_against_schema, field_name
from kb.schemas import (
    build_entry_validators,
    build_vocabulary_validator,
    read_schema_documents,
    vocabularies_named,
)
from kb.site_files import check_docs_tree
from kb.vocabularies import Vocabulary, load_vocabularies

CONTENT_SUFFIX = ".md"
RESERVED_IDS = frozenset({"index"})  # the folder's own generated list page
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")


class UsageError(Exception):
    """The command was asked something it cannot do; not a content problem."""


@dataclass(frozen=True)
class Layout:
    """Where content and schemas live; paths in messages are relative to root."""

    root: Path
    docs_dir: Path
    schema_dir: Path

    @classmethod
    def for_root(cls, root: Path) -> Layout:
        return cls(root, root / "docs", root / "schema")

    @property
    def vocabulary_dir(self) -> Path:
        return self.schema_dir / "vocabularies"

    def display(self, path: Path) -> str:
        try:
            return _real(path).relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


@dataclass
class Entry:
    kind: Kind
    id: str
    path: Path
    loaded: LoadedFile

    @property
    def data(self) -> dict[str, Any]:
        assert self.loaded.data is not None
        return self.loaded.data


@dataclass
class ValidationResult:
    entries: list[Entry]
    vocabularies: dict[str, Vocabulary]
    schemas: dict[str, dict[str, Any]]
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def validate_knowledge_base(layout: Layout, only: Collection[Path] | None = None) -> ValidationResult:
    """Check every content file, or only ``only`` against all the others."""
    schemas = read_schema_documents(layout.schema_dir)
    vocabularies, diagnostics = load_vocabularies(layout.vocabulary_dir, build_vocabulary_validator(layout.schema_dir))
    for missing in sorted(vocabularies_named(schemas) - set(vocabularies)):
        diagnostics.append(
            Diagnostic(
                layout.display(layout.vocabulary_dir / f"{missing}.yaml"),
                1,
                1,
                "KB901",
                f"a schema names the vocabulary '{missing}' but its file is missing or invalid",
            )
        )
    files, discovery_problems = discover_content_files(layout)
    diagnostics += discovery_problems
    if layout.docs_dir.is_dir():
        diagnostics += check_docs_tree(layout.docs_dir, layout.display(layout.docs_dir) + "/")
    ids_by_kind = {kind: {path.stem for k, path in files if k is kind} for kind in KINDS}
    diagnostics += check_ids(files, layout, id_namespaces(schemas))

    selected = files
    if only is not None:
        wanted = {_real(path) for path in only}
        known = {_real(path) for _, path in files} | {_real(path) for path in only if path.is_symlink()}
        unknown = sorted(wanted - known)
        if unknown:
            raise UsageError(
                f"{layout.display(unknown[0])} is not a content file; content files are "
                f"docs/<{'|'.join(k.folder for k in KINDS)}>/<id>.md"
            )
        selected = [(kind, path) for kind, path in files if _real(path) in wanted]
        diagnostics = [d for d in diagnostics if _real(layout.root / d.path) in wanted]

    if has_errors(d for d in diagnostics if d.path.startswith(layout.display(layout.schema_dir))):
        return ValidationResult([], vocabularies, schemas, diagnostics)
    validators = build_entry_validators(layout.schema_dir, vocabularies)
    url_paths = {kind: url_field_paths(schemas[kind.schema_file], schemas) for kind in KINDS}
    entries: list[Entry] = []
    for kind, path in selected:
        entry = Entry(kind, path.stem, path, load_file(path, layout.display(path)))
        diagnostics += entry.loaded.diagnostics
        if entry.loaded.data is None:
            continue  # unreadable front matter is its only problem (STYLE: reported once)
        diagnostics += check_entry(entry, validators[kind], ids_by_kind, url_paths[kind])
        entries.append(entry)
    return ValidationResult(entries, vocabularies, schemas, sorted(set(diagnostics)))


def _real(path: Path) -> Path:
    """The path with its folders resolved but not the file itself, so a symbolic link stays itself."""
    return path.parent.resolve() / path.name


def discover_content_files(layout: Layout) -> tuple[list[tuple[Kind, Path]], list[Diagnostic]]:
    """Every entry file, and a problem for anything in a content folder that is not one."""
    files: list[tuple[Kind, Path]] = []
    problems: list[Diagnostic] = []
    for kind in KINDS:
        folder = layout.docs_dir / kind.folder
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_dir():
                continue
            relative = path.relative_to(folder)
            if path.is_symlink() or any(parent.is_symlink() for parent in path.parents if folder in parent.parents):
                continue  # never read through a link; check_docs_tree reports it (KB409)
            if len(relative.parts) == 1 and path.suffix == CONTENT_SUFFIX and not path.name.startswith("."):
                files.append((kind, path))
                continue
            if len(relative.parts) > 1:
                why = (
                    f"entries must sit directly in docs/{kind.folder}/; move it there as docs/{kind.folder}/{path.name}"
                )
            elif path.name.startswith("."):
                why = "hidden files are not published; rename it without the leading dot or delete it"
            else:
                why = f"only '{CONTENT_SUFFIX}' entries belong in docs/{kind.folder}/; move or delete this file"
            problems.append(Diagnostic(layout.display(path), 1, 1, "KB013", why))
    return files, problems


def entry_id_pattern(layout: Layout) -> re.Pattern[str]:
    common = read_schema_documents(layout.schema_dir)["common.schema.json"]
    return re.compile(common["$defs"]["entryId"]["pattern"])


def id_namespaces(schemas: dict[str, dict[str, Any]]) -> dict[Kind, int]:
    """Kinds whose ids must not clash: those one reference field may point to together.

    A practice and an organisation may share an id (their URLs differ), but a
    workshop and an event may not, since ``presented_at`` accepts either.
    """
    kinds_by_name = {kind.name: kind for kind in KINDS}
    namespace = {kind: index for index, kind in enumerate(KINDS)}
    for schema in schemas.values():
        for _, names in _reference_fields(schema):
            merged = {namespace[kinds_by_name[name]] for name in names}
            for kind in KINDS:
                if namespace[kind] in merged:
                    namespace[kind] = min(merged)
    return namespace


def check_ids(files: list[tuple[Kind, Path]], layout: Layout, namespaces: dict[Kind, int]) -> list[Diagnostic]:
    pattern = entry_id_pattern(layout)
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
        elif not pattern.fullmatch(entry_id) or len(entry_id) > 80:
            suggestion = suggest_id(entry_id)
            problems.append(
                Diagnostic(
                    display,
                    1,
                    1,
                    "KB011",
                    f"file name '{entry_id}' is not a valid id; rename the file to '{suggestion}.md' "
                    "(lowercase letters and digits joined by single hyphens, at most 80 characters)",
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
        by_key[namespaces[kind], unicodedata.normalize("NFKC", entry_id).casefold()].append((kind, path))
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
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "entry"


def check_entry(
    entry: Entry,
    validator: Validator,
    ids_by_kind: dict[Kind, set[str]],
    url_paths: list[JsonPath] | None = None,
) -> list[Diagnostic]:
    schema = validator.schema if isinstance(validator.schema, dict) else {}
    security = check_front_matter_security(entry.loaded, url_paths or [])
    # A 'javascript:' web address also breaks the address pattern (KB108): say it once, as the security problem.
    flagged = {(d.line, d.column) for d in security if d.code in ("KB402", "KB406")}
    problems = [
        d
        for d in check_against_schema(entry.loaded, validator)
        if not (d.code == "KB108" and (d.line, d.column) in flagged)
    ]
    problems += security
    problems += check_references(entry, schema, ids_by_kind)
    problems += check_dates(entry)
    problems += check_body(entry.loaded)
    problems += check_body_security(entry.loaded, consented_values(entry.data))
    return problems


def _reference_fields(schema: dict[str, Any], path: JsonPath = ()) -> Iterator[tuple[JsonPath, list[str]]]:
    for name, sub in schema.get("properties", {}).items():
        if "x-kb-references" in sub:
            yield (*path, name), sub["x-kb-references"]
        yield from _reference_fields(sub, (*path, name))


def check_references(entry: Entry, schema: dict[str, Any], ids_by_kind: dict[Kind, set[str]]) -> list[Diagnostic]:
    kinds_by_name = {kind.name: kind for kind in KINDS}
    problems = []
    for field_path, kind_names in _reference_fields(schema):
        value: Any = entry.data
        for part in field_path:
            value = value.get(part) if isinstance(value, dict) else None
        values = value if isinstance(value, list) else [value]
        targets = [kinds_by_name[name] for name in kind_names]
        for index, target_id in enumerate(values):
            if not isinstance(target_id, str):
                continue  # the schema check has already reported it
            item_path = (*field_path, index) if isinstance(value, list) else field_path
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
    match = difflib.get_close_matches(target_id, candidates, n=1, cutoff=0.6)
    hint = (
        f"did you mean '{match[0]}'?" if match else f"add docs/{targets[0].folder}/{target_id}.md first, or fix the id"
    )
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


def check_body(loaded: LoadedFile) -> list[Diagnostic]:
    problems = []
    in_fence = False
    lines = loaded.body.split("\n")
    for index, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence:
            continue
        is_atx_h1 = re.match(r"^\s{0,3}#(\s|$)", line) is not None
        next_line = lines[index + 1] if index + 1 < len(lines) else ""
        is_setext_h1 = bool(line.strip()) and re.fullmatch(r"\s{0,3}=+\s*", next_line) is not None
        if is_atx_h1 or is_setext_h1:
            problems.append(
                Diagnostic(
                    loaded.path,
                    loaded.body_line + index,
                    1,
                    "KB301",
                    "the page title comes from the front matter; make this a '## ' heading",
                )
            )
    return problems
