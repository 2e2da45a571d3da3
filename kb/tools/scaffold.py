"""Start a new practice: ask for its fields (or take them as options), check each
answer with the validator itself, and write a file that passes validation.

``python scripts/new_practice.py`` asks; with every required option, or with
``--non-interactive``, it asks nothing. Each answer is checked by running the
real validator on the practice as answered so far, so a contributor sees
exactly the message (and did-you-mean) that the validator, the build and a
pull request would give, and is asked again.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
import textwrap
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import yaml
from jsonschema.protocols import Validator

from kb.checks.validation import RESERVED_IDS, check_entry, entry_id_pattern, id_namespaces, validate_knowledge_base
from kb.content.catalogue import Catalogue, load_catalogue
from kb.content.discovery import Entry, Layout, discover_content_files
from kb.content.loading import load_file, parse_text
from kb.content.vocabularies import Vocabulary
from kb.core.diagnostics import Severity, format_text
from kb.core.ids import MAX_ID_LENGTH, id_key, unique_id
from kb.core.kinds import KINDS, ORGANISATION, PRACTICE, Kind
from kb.model.knowledge_base import SECTION_NOTES

EXIT_WRITTEN, EXIT_USAGE, EXIT_CANCELLED = 0, 2, 130
PROG = "new_practice.py"
DEFAULT_STATUS = "unknown"  # honest when the sources do not say
DEFAULT_EVIDENCE = "not-documented"
MAX_CHOICE_WIDTH = 32  # ids longer than this push their label out of line rather than every label
CHOICE_TEXT_WIDTH = 72
_DID_YOU_MEAN = re.compile(r"'([^']*)' is not .*?\(did you mean '([^']*)'\?")

BODY_NOTE = (
    "Write in your own words, and only what the sources above say. After each fact, cite where it comes "
    "from with its source's number in the sources list: [1], or [1, 2] for two. Every section you write "
    "needs at least one marker. Leave a section empty when the sources do not cover it: the page then "
    "lists it as not yet documented. Delete these notes when you are done."
)


class ScaffoldError(Exception):
    """Input that cannot make a practice; the message says which and why."""


class InputEnded(Exception):
    """Standard input ended before every question was answered."""


@dataclass
class Context:
    """What the questions check against: the schemas, vocabularies and existing ids."""

    layout: Layout
    catalogue: Catalogue
    validator: Validator
    ids_by_kind: dict[Kind, set[str]]
    taken_ids: set[str]  # ids a new practice may not take (same namespace, any case)
    organisations: list[tuple[str, str]]  # (id, name), sorted by name
    field_order: list[str]

    @classmethod
    def for_root(cls, root: Path) -> Context:
        layout = Layout.for_root(root)
        if not layout.docs_dir.is_dir() or not layout.schema_dir.is_dir():
            raise ScaffoldError(f"{root} has no docs/ and schema/ folders; run this in the repository or pass --root")
        catalogue = load_catalogue(layout)
        schemas = catalogue.schemas
        if catalogue.diagnostics:
            raise ScaffoldError("the schemas or vocabularies are invalid:\n" + format_text(list(catalogue.diagnostics)))
        files, _ = discover_content_files(layout)
        ids_by_kind = {kind: {path.stem for k, path in files if k is kind} for kind in KINDS}
        namespaces = id_namespaces(schemas)
        taken = {path.stem for kind, path in files if namespaces[kind] == namespaces[PRACTICE]} | set(RESERVED_IDS)
        organisations = []
        for kind, path in files:
            if kind is ORGANISATION:
                data = load_file(path, path.name).data or {}
                organisations.append((path.stem, str(data.get("name", path.stem))))
        return cls(
            layout,
            catalogue,
            catalogue.validator(PRACTICE.schema_file),
            ids_by_kind,
            taken,
            sorted(organisations, key=lambda o: o[1].casefold()),
            list(schemas[PRACTICE.schema_file]["properties"]),
        )

    @property
    def vocabularies(self) -> Mapping[str, Vocabulary]:
        return self.catalogue.vocabularies


@dataclass
class Answers:
    """The practice as answered so far, and its id."""

    fields: dict[str, Any] = field(default_factory=dict)
    id: str = ""


# --- Checking answers with the validator --------------------------------------------------------------------------


def render_front_matter(fields: dict[str, Any], order: Sequence[str]) -> tuple[str, dict[str, tuple[int, int]]]:
    """YAML for the fields in schema order, and the lines (first, last) each field takes in the file."""
    text, lines, line = "", {}, 2  # line 1 is the opening '---'
    for name in sorted(fields, key=lambda n: order.index(n) if n in order else len(order)):
        block = yaml.dump({name: fields[name]}, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
        count = block.count("\n")
        lines[name] = (line, line + count - 1)
        text += block
        line += count
    return text, lines


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, as in the other content files."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def problems_with(context: Context, answers: Answers, name: str) -> list[str]:
    """The validator's messages about one field of the answers so far (``CODE message``)."""
    text, lines = render_front_matter(answers.fields, context.field_order)
    loaded = parse_text(f"---\n{text}---\n", "new practice")
    if loaded.data is None:
        return [f"{d.code} {d.message}" for d in loaded.diagnostics]
    entry = Entry(PRACTICE, answers.id or "new-practice", Path("new-practice.md"), loaded)
    first, last = lines[name]
    found = check_entry(entry, context.validator, context.ids_by_kind)
    # Missing fields are asked for later, and warnings (such as a source the text does not cite yet,
    # KB802: there is no text yet) are for the file as a whole, reported once it is written.
    return [
        f"{d.code} {d.message}"
        for d in sorted(found)
        if first <= d.line <= last and d.code != "KB101" and d.severity is Severity.ERROR
    ]


def id_problems(context: Context, entry_id: str) -> list[str]:
    if not entry_id_pattern(context.catalogue.schemas).fullmatch(entry_id) or len(entry_id) > MAX_ID_LENGTH:
        return [
            f"KB011 '{entry_id}' is not a valid id: lowercase letters and digits joined by single hyphens, "
            f"at most {MAX_ID_LENGTH} characters"
        ]
    if id_key(entry_id) in {id_key(t) for t in context.taken_ids}:
        return [f"KB012 the id '{entry_id}' is taken; choose another"]
    return []


# --- Questions ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Question:
    """One thing to ask: which field, how to turn typed text into a value, whether it may be left empty."""

    name: str
    prompt: str
    parse: Callable[[Context, str], Any]
    required: bool = True
    default: str | None = None
    choices: Callable[[Context], list[tuple[str, str, str]]] | None = None  # (value, label, meaning), numbered
    explain: bool = False  # show each choice's meaning too


def _items(text: str) -> list[str]:
    return [item.strip() for item in text.replace(";", ",").split(",") if item.strip()]


def _countries(_: Context, text: str) -> list[str]:
    return [item.upper() if len(item) == 2 else item for item in _items(text)]


def _numbered(choices: Callable[[Context], list[tuple[str, str, str]]]) -> Callable[[Context, str], list[str]]:
    """A list of values typed as ids or as the numbers shown next to them."""

    def parse(context: Context, text: str) -> list[str]:
        options = [value for value, _, _ in choices(context)]
        values = []
        for item in _items(text):
            if item.isdigit():
                if not 1 <= int(item) <= len(options):
                    raise ScaffoldError(f"'{item}' is not one of the numbers shown (1 to {len(options)})")
                values.append(options[int(item) - 1])
            else:
                values.append(item)
        return values

    return parse


def _single(parse: Callable[[Context, str], list[str]]) -> Callable[[Context, str], str]:
    def single(context: Context, text: str) -> str:
        values = parse(context, text)
        if len(values) != 1:
            raise ScaffoldError("give one value")
        return values[0]

    return single


def _terms(vocabulary: str) -> Callable[[Context], list[tuple[str, str, str]]]:
    return lambda context: [(t.id, t.label, t.description) for t in context.vocabularies[vocabulary].terms]


def _organisations(context: Context) -> list[tuple[str, str, str]]:
    return [(entry_id, name, "") for entry_id, name in context.organisations]


def _text(_: Context, text: str) -> str:
    return text.strip()


def _year(_: Context, text: str) -> int | str:
    return int(text) if text.strip().isdigit() else text.strip()


QUESTIONS = (
    Question("title", "Title: the practice's name in English", _text),
    Question("summary", "Summary: one or two sentences on what the practice does (20 to 300 characters)", _text),
    Question(
        "countries", "Countries where it runs, as ISO codes such as DE or NL (separate several with commas)", _countries
    ),
    Question(
        "approaches",
        "Approaches (optional; leave empty when the sources only name the practice): numbers or ids, "
        "separated by commas",
        _numbered(_terms("approaches")),
        required=False,
        choices=_terms("approaches"),
    ),
    Question(
        "audiences",
        "Audiences (optional): numbers or ids, separated by commas",
        _numbered(_terms("audiences")),
        required=False,
        choices=_terms("audiences"),
    ),
    Question(
        "organisations",
        "Organisations that run it (optional; leave empty if not listed, an editor adds it): numbers or ids",
        _numbered(_organisations),
        required=False,
        choices=_organisations,
    ),
    Question(
        "status", "Status", _single(_numbered(_terms("statuses"))), default=DEFAULT_STATUS, choices=_terms("statuses")
    ),
    Question(
        "evidence",
        "Evidence: what the sources say about evaluation",
        _single(_numbered(_terms("evidence"))),
        default=DEFAULT_EVIDENCE,
        choices=_terms("evidence"),
        explain=True,
    ),
    Question("source.title", "Source: the title of a document the facts come from", _text),
    Question("source.publisher", "Source publisher (optional)", _text, required=False),
    Question("source.year", "Source year (optional)", _year, required=False),
    Question("source.url", "Source web address (optional; leave out rather than guess)", _text, required=False),
    Question(
        "source.kind",
        "Source kind (optional)",
        _single(_numbered(_terms("source-kinds"))),
        required=False,
        choices=_terms("source-kinds"),
    ),
    Question(
        "source.language",
        "Source language (optional), as a code such as en, de or nl",
        lambda _, text: text.strip().lower(),
        required=False,
    ),
)
REQUIRED = tuple(q.name for q in QUESTIONS if q.required and q.default is None)


def apply(context: Context, answers: Answers, question: Question, text: str) -> list[str]:
    """Put one typed answer into ``answers`` if the validator accepts it; otherwise the messages why not."""
    text = text.strip()
    if not text and question.default is not None:
        text = question.default
    if not text:
        if question.required:
            return [f"{_label(question)} is required"]
        _set(answers, question.name, None)
        return []
    try:
        value = question.parse(context, text)
    except ScaffoldError as error:
        return [str(error)]
    previous = _get(answers, question.name)
    _set(answers, question.name, value)
    field_name = "sources" if question.name.startswith("source.") else question.name
    problems = problems_with(context, answers, field_name)
    if problems:
        _set(answers, question.name, previous)
    return problems


def _label(question: Question) -> str:
    return question.prompt.split(":")[0].split(" (")[0]


def _get(answers: Answers, name: str) -> Any:
    if name.startswith("source."):
        return answers.fields.get("sources", [{}])[0].get(name.removeprefix("source."))
    return answers.fields.get(name)


def _set(answers: Answers, name: str, value: Any) -> None:
    if name.startswith("source."):
        source = answers.fields.setdefault("sources", [{}])[0]
        key = name.removeprefix("source.")
        if value in (None, []):
            source.pop(key, None)
        else:
            source[key] = value
        if key == "url":
            # The schema wants the day an address was read; run() sets the one given, or the day of the review.
            if value in (None, []):
                source.pop("accessed", None)
            else:
                source.setdefault("accessed", datetime.date.today().isoformat())
        # The title first, as every other entry writes it.
        answers.fields["sources"] = [dict(sorted(source.items(), key=lambda item: item[0] != "title"))]
        return
    if value in (None, []):
        answers.fields.pop(name, None)
    else:
        answers.fields[name] = value


def corrected(typed: str, problems: Sequence[str]) -> str | None:
    """The answer with every value the validator has a did-you-mean for replaced by it, if it has one for each."""
    suggestions = [_DID_YOU_MEAN.search(problem) for problem in problems]
    if not all(suggestions):
        return None
    replace = {match[1]: match[2] for match in suggestions if match}
    return ", ".join(replace.get(item, item) for item in _items(typed)) or None


# --- Writing ------------------------------------------------------------------------------------------------------


def practice_text(context: Context, answers: Answers) -> str:
    front_matter, _ = render_front_matter(answers.fields, context.field_order)
    sections = "".join(f"\n## {name}\n\n<!-- {note} -->\n" for name, note in SECTION_NOTES.items())
    return f"---\n{front_matter}---\n\n<!-- {BODY_NOTE} -->\n{sections}"


def write_practice(context: Context, answers: Answers) -> Path:
    path = context.layout.docs_dir / PRACTICE.folder / f"{answers.id}.md"
    try:
        path.parent.mkdir(exist_ok=True)
        with path.open("x", encoding="utf-8") as file:  # never overwrite
            file.write(practice_text(context, answers))
    except FileExistsError:
        raise ScaffoldError(f"{context.layout.display(path)} already exists; choose another id with --id") from None
    except OSError as error:
        raise ScaffoldError(f"cannot write {context.layout.display(path)}: {error.strerror}") from None
    return path


# --- The command line ---------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Start a new practice in docs/practices/: asks for its fields (or takes them as options), "
        "checks each with the validator and writes a file that passes it. Never overwrites a file.",
    )
    add = parser.add_argument
    add("--title", help="the practice's name in English")
    add("--id", help="the file name and permanent id (default: made from the title)")
    add("--summary", help="one or two sentences on what the practice does")
    add("--country", action="append", metavar="CODE", help="a country code such as DE; repeat or separate with commas")
    add("--approach", action="append", metavar="ID", help="an approach id; repeat for several")
    add("--audience", action="append", metavar="ID", help="an audience id; repeat for several")
    add("--organisation", action="append", metavar="ID", help="the id of an organisation in docs/organisations/")
    add("--status", help=f"from the statuses vocabulary (default: {DEFAULT_STATUS})")
    add("--evidence", help=f"from the evidence vocabulary (default: {DEFAULT_EVIDENCE})")
    add("--source", metavar="TITLE", help="the title of a document the facts come from")
    add("--source-publisher", metavar="NAME")
    add("--source-year", metavar="YEAR")
    add("--source-url", metavar="URL")
    add(
        "--source-accessed",
        metavar="YYYY-MM-DD",
        help="the day you read the source at its address (default: --reviewed)",
    )
    add("--source-kind", metavar="ID", help="from the source-kinds vocabulary, such as catalogue-entry")
    add("--source-language", metavar="CODE", help="the language the source is written in, such as de")
    add("--reviewed", metavar="YYYY-MM-DD", help="the date you checked the facts (default: today)")
    add("--non-interactive", action="store_true", help="ask nothing: fail (exit 2) if a required option is missing")
    add("--root", type=Path, default=Path(__file__).resolve().parents[2], help="the repository (default: this one)")
    return parser


OPTIONS = {
    "title": "title",
    "summary": "summary",
    "countries": "country",
    "approaches": "approach",
    "audiences": "audience",
    "organisations": "organisation",
    "status": "status",
    "evidence": "evidence",
    "source.title": "source",
    "source.publisher": "source_publisher",
    "source.year": "source_year",
    "source.url": "source_url",
    "source.kind": "source_kind",
    "source.language": "source_language",
}


def _option_text(value: str | list[str] | None) -> str | None:
    return ", ".join(value) if isinstance(value, list) else value


def _flag(question: Question) -> str:
    return "--" + OPTIONS[question.name].replace("_", "-")


class Session:
    """Asks the questions on a terminal (or any text streams) until every answer passes."""

    def __init__(self, context: Context, read: Callable[[str], str], out: TextIO) -> None:
        self.context, self.read, self.out = context, read, out

    def say(self, text: str = "") -> None:
        print(text, file=self.out)

    def ask(self, question: Question, answers: Answers) -> None:
        if question.choices is not None:
            options = question.choices(self.context)
            if not options:
                self.say(f"({_label(question)}: none in the knowledge base yet; leave it empty)")
            width = len(str(len(options)))
            value_width = min(MAX_CHOICE_WIDTH, max((len(value) for value, _, _ in options), default=0))
            for number, (value, label, meaning) in enumerate(options, start=1):
                self.say(f"  {number:>{width}}  {value:<{value_width}}  {label}")
                if question.explain:
                    for line in textwrap.wrap(meaning, CHOICE_TEXT_WIDTH):
                        self.say(f"  {'':>{width}}  {'':<{value_width}}    {line}")
        default = question.default
        while True:
            typed = self.read(f"{question.prompt}{f' [{default}]' if default else ''}: ")
            problems = apply(self.context, answers, question, typed.strip() or default or "")
            if not problems:
                return
            for problem in problems:
                self.say(f"  ✗ {problem}")
            # When the validator knows what was meant, Enter accepts that.
            default = corrected(typed, problems) or question.default

    def ask_id(self, answers: Answers) -> None:
        suggested = unique_id(answers.fields["title"], self.context.taken_ids, "practice")
        while True:
            typed = self.read(f"Id, the file name and permanent web address [{suggested}]: ").strip() or suggested
            problems = id_problems(self.context, typed)
            if not problems:
                answers.id = typed
                return
            for problem in problems:
                self.say(f"  ✗ {problem}")


def run(args: argparse.Namespace, read: Callable[[str], str], out: TextIO, interactive: bool) -> Path:
    context = Context.for_root(args.root)
    answers = Answers()
    session = Session(context, read, out)
    errors, to_ask = [], []
    for question in QUESTIONS:
        given = _option_text(getattr(args, OPTIONS[question.name]))
        if given is None:
            if interactive:
                to_ask.append(question)
            elif question.required and question.default is None:
                errors.append(f"{_flag(question)} is required")
            else:
                apply(context, answers, question, "")
            continue
        problems = apply(context, answers, question, given)
        errors += [f"{_flag(question)}: {problem}" for problem in problems]
        if problems:
            to_ask.append(question)
    if errors and not interactive:
        raise ScaffoldError("\n".join(errors))
    if interactive:
        session.say(
            "A new practice for the knowledge base. Press Enter to accept a [default]; Ctrl-C stops without writing."
        )
        for error in errors:
            session.say(f"  ✗ {error}")
        for question in to_ask:
            session.say()
            session.ask(question, answers)
    if args.id is not None:
        problems = id_problems(context, args.id)
        if problems and not interactive:
            raise ScaffoldError("\n".join(f"--id: {p}" for p in problems))
        answers.id = args.id if not problems else ""
    if not answers.id:
        if interactive:
            session.say()
            session.ask_id(answers)
        else:
            answers.id = unique_id(answers.fields["title"], context.taken_ids, "practice")
    reviewed = args.reviewed or datetime.date.today().isoformat()
    answers.fields["last_reviewed"] = reviewed
    problems = problems_with(context, answers, "last_reviewed")
    if problems:
        raise ScaffoldError("\n".join(f"--reviewed: {p}" for p in problems))
    if _get(answers, "source.url") is not None:
        # A web address is read on a day (the schema requires it): the one given, else the day of the review.
        _set(answers, "source.accessed", args.source_accessed or reviewed)
        problems = problems_with(context, answers, "sources")
        if problems:
            raise ScaffoldError("\n".join(f"--source-accessed: {p}" for p in problems))
    return write_practice(context, answers)


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return EXIT_WRITTEN if exit_.code == 0 else EXIT_USAGE
    all_given = all(getattr(args, OPTIONS[name]) is not None for name in REQUIRED)
    interactive = not (args.non_interactive or all_given)

    def read(prompt: str) -> str:
        stdout.write(prompt)
        stdout.flush()
        line = stdin.readline()
        if not line:
            raise InputEnded
        if not stdin.isatty():
            stdout.write(line if line.endswith("\n") else line + "\n")  # echo, so a transcript reads well
        return line.rstrip("\n")

    try:
        path = run(args, read, stdout, interactive)
    except ScaffoldError as error:
        print(f"{PROG}: {error}\nNothing was written.", file=sys.stderr)
        return EXIT_USAGE
    except InputEnded:
        print(f"\n{PROG}: the input ended before every question was answered. Nothing was written.", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"\n{PROG}: stopped. Nothing was written.", file=sys.stderr)
        return EXIT_CANCELLED
    _report(args.root, path, stdout)
    return EXIT_WRITTEN


def _report(root: Path, path: Path, out: TextIO) -> None:
    layout = Layout.for_root(root)
    display = layout.display(path)
    result = validate_knowledge_base(layout, only=[path])
    print(f"\nWrote {display}.", file=out)
    if result.diagnostics:
        print(format_text(result.diagnostics), file=out)
    print(
        "Next:\n"
        f"  1. Write the text under the headings in your own words; leave out what the sources do not say.\n"
        f"  2. Check it:   {_python(root)} scripts/validate.py {display}\n"
        f"  3. Preview it: make serve, then open http://127.0.0.1:8000/{PRACTICE.folder}/{path.stem}/\n"
        "  4. Record its address: make permalinks (published addresses are permanent).\n"
        "  5. Commit both on a new branch and open a pull request.",
        file=out,
    )


def _python(root: Path) -> str:
    """How to call the interpreter running this, as the contributor would type it."""
    try:
        return Path(sys.executable).relative_to(root.resolve()).as_posix()
    except ValueError:
        return "python"
