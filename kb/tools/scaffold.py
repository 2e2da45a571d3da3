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
import dataclasses
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
from kb.content.catalogue import Catalogue, load_catalogue, resolve
from kb.content.discovery import Entry, Layout, discover_content_files
from kb.content.loading import load_file, parse_text
from kb.content.vocabularies import Vocabulary
from kb.core.diagnostics import Severity, format_text
from kb.core.ids import MAX_ID_LENGTH, id_key, unique_id
from kb.core.kinds import KINDS, PRACTICE, Kind
from kb.model.knowledge_base import SECTION_NOTES

EXIT_WRITTEN, EXIT_USAGE, EXIT_CANCELLED = 0, 2, 130
PROG = "new_practice.py"
DEFAULT_STATUS = "unknown"  # honest when the sources do not say
DEFAULT_EVIDENCE = "not-documented"
MAX_CHOICE_WIDTH = 32  # ids longer than this push their label out of line rather than every label
CHOICE_TEXT_WIDTH = 72
ABOUT_WIDTH = 100  # a question's description, wrapped above its choices and prompt
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
    files: list[tuple[Kind, Path]]
    field_order: list[str]
    questions: tuple[Question, ...] = ()
    _entries: dict[tuple[str, ...], list[tuple[str, str, str]]] = field(default_factory=dict, repr=False)

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
        context = cls(
            layout,
            catalogue,
            catalogue.validator(PRACTICE.schema_file),
            ids_by_kind,
            taken,
            files,
            list(schemas[PRACTICE.schema_file]["properties"]),
        )
        context.questions = practice_questions(catalogue)
        return context

    def entries_of(self, kinds: Sequence[str]) -> list[tuple[str, str, str]]:
        """(id, title, "") of every entry of these kinds, by title; none when there are too many to list."""
        key = tuple(kinds)
        if key not in self._entries:
            paths = [path for kind, path in self.files if kind.name in key]
            listed = []
            if len(paths) <= MAX_LISTED:
                for path in paths:
                    kind = next(k for k in KINDS if k.name in key and path.parent.name == k.folder)
                    data = load_file(path, path.name).data or {}
                    listed.append((path.stem, str(data.get(kind.title_field, path.stem)), ""))
            self._entries[key] = sorted(listed, key=lambda entry: entry[1].casefold())
        return self._entries[key]

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


# --- Questions, from the practice schema -------------------------------------------------------------------------

# Fields the scaffold does not ask: the editor who reviews the practice sets them (consent is recorded by
# editors, who keep its record), and the day of the review is --reviewed.
SET_BY_EDITORS = ("last_reviewed", "personal_data_consent")
# Set from other answers rather than asked: the day a source's web address was read (see run()).
SET_FROM_OTHERS = ("sources.accessed",)
SOURCE_URL = "sources.url"
DEFAULTS = {"status": DEFAULT_STATUS, "evidence": DEFAULT_EVIDENCE}  # what is honest when the sources are silent
MAX_LISTED = 100  # entries a reference question lists with numbers; more are typed as ids
CODE_FORMS = {
    "countries": ("ISO country codes such as DE or NL", str.upper),
    "languages": ("ISO 639-1 language codes such as de or nl", str.lower),
}
FORMATS = {"uri": "a full web address starting with https://", "email": "an e-mail address", "date": "YYYY-MM-DD"}


@dataclass(frozen=True)
class Question:
    """One field to ask for, as the practice schema states it: its label, description, limits and values."""

    name: str  # the field, or "group.field" for a field of a group (the first item of a list of groups)
    label: str
    about: str  # the schema's description, then what it accepts
    parse: Callable[[Context, str], Any]
    option: str  # the command-line option, without the leading '--'
    required: bool = True
    default: str | None = None
    choices: Callable[[Context], list[tuple[str, str, str]]] | None = None  # (value, label, meaning), numbered
    explain: bool = False  # show each choice's meaning too
    many: bool = False  # a list: the option may be given more than once
    in_list: bool = False  # a field of the first item of a list of groups, such as sources
    metavar: str = "TEXT"  # what its option takes, in --help
    group_order: tuple[str, ...] = ()  # the fields of its group, in schema order: the order they are written in

    @property
    def field(self) -> str:
        return self.name.split(".")[0]


def practice_questions(catalogue: Catalogue) -> tuple[Question, ...]:
    """A question for every field of the practice schema, in its order, except those set otherwise.

    A group (an object, or a list of objects such as sources) is asked field by
    field; for a list, the answers make its first item. Adding a field to
    schema/practice.schema.json adds its question and its option.
    """
    schema = catalogue.schemas[PRACTICE.schema_file]
    questions: list[Question] = []
    required = set(schema.get("required", []))
    for name, raw in schema.get("properties", {}).items():
        if name in SET_BY_EDITORS:
            continue
        node, base = resolve(raw, schema, catalogue.by_id)
        items, items_base = resolve(node.get("items", {}), base, catalogue.by_id)
        group = items if node.get("type") == "array" and items.get("type") == "object" else None
        if node.get("type") == "object":
            group, items_base = node, base
        if group is None:
            questions.append(_question(catalogue, name, _label(name, node), node, items, name in required))
            continue
        in_list = group is items
        title = str(group.get("title") or _label(name, node))
        inner = set(group.get("required", []))
        for sub, sub_raw in group.get("properties", {}).items():
            if f"{name}.{sub}" in SET_FROM_OTHERS:
                continue
            sub_node, sub_base = resolve(sub_raw, items_base, catalogue.by_id)
            sub_items, _ = resolve(sub_node.get("items", {}), sub_base, catalogue.by_id)
            # The group's title field is the group itself: --source "Title of the report".
            option = _slug(title) if sub == "title" else f"{_slug(title)}-{_slug(sub)}"
            label = f"{title}{'' if sub == 'title' else ' ' + sub.replace('_', ' ')}"
            asked = name in required and sub in inner
            question = _question(catalogue, f"{name}.{sub}", label, sub_node, sub_items, asked, option)
            order = tuple(group.get("properties", {}))
            questions.append(dataclasses.replace(question, in_list=in_list, group_order=order))
    return tuple(questions)


def _label(name: str, node: Mapping[str, Any]) -> str:
    return str(node.get("title") or name.replace("_", " ").capitalize())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def _question(
    catalogue: Catalogue,
    name: str,
    label: str,
    node: Mapping[str, Any],
    items: Mapping[str, Any],
    required: bool,
    option: str | None = None,
) -> Question:
    many = node.get("type") == "array"
    one = items if many else node
    vocabulary = one.get("x-kb-vocabulary")
    references = node.get("x-kb-references") or one.get("x-kb-references")
    codes = one.get("x-kb-codes")
    choices: Callable[[Context], list[tuple[str, str, str]]] | None = None
    parse: Callable[[Context, str], Any]
    if vocabulary is not None:
        choices = _terms(str(vocabulary))
        parse = _numbered(choices) if many else _single(_numbered(choices))
        ways, metavar = "numbers or ids", "ID"
    elif references:
        choices = _references(tuple(references))
        parse = _numbered(choices) if many else _single(_numbered(choices))
        ways, metavar = "numbers or ids", "ID"
    elif codes in CODE_FORMS:
        ways, case = CODE_FORMS[str(codes)]
        metavar = "CODE"
        parse = _codes(case) if many else _single(_codes(case))
    elif one.get("type") == "integer":
        parse, ways, metavar = _whole_number, _range(one, "a whole number"), "NUMBER"
    else:
        parse, metavar = (_list if many else _text), ("URL" if one.get("format") == "uri" else "TEXT")
        ways = FORMATS.get(str(one.get("format")), "") or _range(one, "text", " characters")
    limits = [ways + (", separated by commas" if many else "")] if ways else []
    if many and node.get("minItems"):
        limits.append(f"at least {node['minItems']}")
    if not required and name not in DEFAULTS:
        limits.append("optional")
    about = " ".join([str(node.get("description", "")).strip(), f"({'; '.join(limits)})" if limits else ""]).strip()
    explain = (
        vocabulary is not None
        and not many
        and str(vocabulary) in catalogue.vocabularies
        and all(term.description for term in catalogue.vocabularies[str(vocabulary)].terms)
    )
    singular = _slug(str(items.get("title", ""))) if many else ""
    return Question(
        name,
        label,
        about,
        parse,
        option or singular or _slug(name),
        required=required,
        default=DEFAULTS.get(name),
        choices=choices,
        explain=explain,
        many=many,
        metavar=metavar,
    )


def _range(node: Mapping[str, Any], what: str, unit: str = "") -> str:
    low = node.get("minLength", node.get("minimum"))
    high = node.get("maxLength", node.get("maximum"))
    if low is not None and high is not None:
        return f"{what}, {low} to {high}{unit}"
    if high is not None:
        return f"{what}, at most {high}{unit}"
    return f"{what}, at least {low}{unit}" if low is not None else ""


def _items(text: str) -> list[str]:
    return [item.strip() for item in text.replace(";", ",").split(",") if item.strip()]


def _list(_: Context, text: str) -> list[str]:
    return _items(text)


def _codes(case: Callable[[str], str]) -> Callable[[Context, str], list[str]]:
    """Codes in their usual case; a longer word is kept as typed, for the validator's did-you-mean."""
    return lambda _, text: [case(item) if len(item) == 2 else item for item in _items(text)]


def _numbered(choices: Callable[[Context], list[tuple[str, str, str]]]) -> Callable[[Context, str], list[str]]:
    """A list of values typed as ids or as the numbers shown next to them."""

    def parse(context: Context, text: str) -> list[str]:
        options = [value for value, _, _ in choices(context)]
        values = []
        for item in _items(text):
            if item.isdigit() and options:
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


def _references(kinds: tuple[str, ...]) -> Callable[[Context], list[tuple[str, str, str]]]:
    """The entries a reference field may name, by title, when there are few enough to list."""
    return lambda context: context.entries_of(kinds)


def _text(_: Context, text: str) -> str:
    return text.strip()


def _whole_number(_: Context, text: str) -> int | str:
    return int(text) if text.strip().isdigit() else text.strip()


def apply(context: Context, answers: Answers, question: Question, text: str) -> list[str]:
    """Put one typed answer into ``answers`` if the validator accepts it; otherwise the messages why not."""
    text = text.strip()
    if not text and question.default is not None:
        text = question.default
    if not text:
        if question.required:
            return [f"{question.label} is required"]
        _set(answers, question, None)
        return []
    try:
        value = question.parse(context, text)
    except ScaffoldError as error:
        return [str(error)]
    previous = _get(answers, question.name)
    _set(answers, question, value)
    problems = problems_with(context, answers, question.field)
    if problems:
        _set(answers, question, previous)
    return problems


def _get(answers: Answers, name: str) -> Any:
    group, _, key = name.partition(".")
    value = answers.fields.get(group)
    if not key:
        return value
    container = value[0] if isinstance(value, list) and value else value
    return container.get(key) if isinstance(container, dict) else None


def _set(answers: Answers, question: Question, value: Any) -> None:
    group, _, key = question.name.partition(".")
    if not key:
        if value in (None, []):
            answers.fields.pop(group, None)
        else:
            answers.fields[group] = value
        return
    current = answers.fields.get(group)
    container = dict((current[0] if current else {}) if question.in_list else (current or {}))
    if value in (None, []):
        container.pop(key, None)
    else:
        container[key] = value
    if question.name == SOURCE_URL:
        # The schema wants the day an address was read; run() sets the one given, or the day of the review.
        if value in (None, []):
            container.pop("accessed", None)
        else:
            container.setdefault("accessed", datetime.date.today().isoformat())
    # In schema order (the title first), as the field reference lists them.
    order = question.group_order
    container = dict(
        sorted(container.items(), key=lambda item: order.index(item[0]) if item[0] in order else len(order))
    )
    if question.in_list:
        answers.fields[group] = [container]  # kept when empty: a required list is asked for item by item
    elif container:
        answers.fields[group] = container
    else:
        answers.fields.pop(group, None)


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


DEFAULT_ROOT = Path(__file__).resolve().parents[2]


def root_parser(add_help: bool = False) -> argparse.ArgumentParser:
    """The options that do not depend on the schema; --root says which schema the others come from."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        add_help=add_help,
        description="Start a new practice in docs/practices/: asks for its fields (or takes them as options), "
        "checks each with the validator and writes a file that passes it. Never overwrites a file. "
        "The field options come from schema/practice.schema.json.",
    )
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="the repository (default: this one)")
    return parser


def build_parser(questions: Sequence[Question]) -> argparse.ArgumentParser:
    parser = root_parser(add_help=True)
    add = parser.add_argument
    add("--id", help="the file name and permanent id (default: made from the title)")
    for question in questions:
        about = question.about.replace("%", "%%")
        default = f" (default: {question.default})" if question.default else ""
        action = "append" if question.many else "store"  # a list's option may also be repeated
        add(_flag(question), dest=_dest(question), action=action, metavar=question.metavar, help=about + default)
    add(
        "--source-accessed",
        metavar="YYYY-MM-DD",
        help="the day you read the source at its address (default: --reviewed)",
    )
    add("--reviewed", metavar="YYYY-MM-DD", help="the date you checked the facts (default: today)")
    add("--non-interactive", action="store_true", help="ask nothing: fail (exit 2) if a required option is missing")
    return parser


def _option_text(value: str | list[str] | None) -> str | None:
    return ", ".join(value) if isinstance(value, list) else value


def _flag(question: Question) -> str:
    return "--" + question.option


def _dest(question: Question) -> str:
    return "field_" + question.option.replace("-", "_")  # apart from --id, --root and the others above


def _asks_for(question: Question) -> bool:
    """An answer is needed: the field is required and has no default."""
    return question.required and question.default is None


class Session:
    """Asks the questions on a terminal (or any text streams) until every answer passes."""

    def __init__(self, context: Context, read: Callable[[str], str], out: TextIO) -> None:
        self.context, self.read, self.out = context, read, out

    def say(self, text: str = "") -> None:
        print(text, file=self.out)

    def ask(self, question: Question, answers: Answers) -> None:
        for line in textwrap.wrap(f"{question.label}: {question.about}", ABOUT_WIDTH):
            self.say(line)
        if question.choices is not None:
            options = question.choices(self.context)
            if not options:
                self.say(f"({question.label}: none listed; type ids, or leave it empty)")
            width = len(str(len(options)))
            value_width = min(MAX_CHOICE_WIDTH, max((len(value) for value, _, _ in options), default=0))
            for number, (value, label, meaning) in enumerate(options, start=1):
                self.say(f"  {number:>{width}}  {value:<{value_width}}  {label}")
                if question.explain:
                    for line in textwrap.wrap(meaning, CHOICE_TEXT_WIDTH):
                        self.say(f"  {'':>{width}}  {'':<{value_width}}    {line}")
        default = question.default
        while True:
            typed = self.read(f"{question.label}{f' [{default}]' if default else ''}: ")
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


def run(
    args: argparse.Namespace,
    read: Callable[[str], str],
    out: TextIO,
    interactive: bool,
    context: Context | None = None,
) -> Path:
    context = context or Context.for_root(args.root)
    answers = Answers()
    session = Session(context, read, out)
    errors, to_ask = [], []
    for question in context.questions:
        given = _option_text(getattr(args, _dest(question)))
        if given is None:
            if interactive:
                to_ask.append(question)
            elif _asks_for(question):
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
    url = next((q for q in context.questions if q.name == SOURCE_URL), None)
    if url is not None and _get(answers, SOURCE_URL) is not None:
        # A web address is read on a day (the schema requires it): the one given, else the day of the review.
        accessed = dataclasses.replace(url, name="sources.accessed")
        _set(answers, accessed, args.source_accessed or reviewed)
        problems = problems_with(context, answers, "sources")
        if problems:
            raise ScaffoldError("\n".join(f"--source-accessed: {p}" for p in problems))
    return write_practice(context, answers)


def main(argv: Sequence[str] | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    try:
        known, _ = root_parser().parse_known_args(argv)
    except SystemExit as exit_:
        return EXIT_WRITTEN if exit_.code == 0 else EXIT_USAGE
    try:
        context = Context.for_root(known.root)
    except ScaffoldError as error:
        print(f"{PROG}: {error}\nNothing was written.", file=sys.stderr)
        return EXIT_USAGE
    try:
        args = build_parser(context.questions).parse_args(argv)
    except SystemExit as exit_:
        return EXIT_WRITTEN if exit_.code == 0 else EXIT_USAGE
    all_given = all(getattr(args, _dest(q)) is not None for q in context.questions if _asks_for(q))
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
        path = run(args, read, stdout, interactive, context)
    except ScaffoldError as error:
        print(f"{PROG}: {error}\nNothing was written.", file=sys.stderr)
        return EXIT_USAGE
    except InputEnded:
        print(f"\n{PROG}: the input ended before every question was answered. Nothing was written.", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"\n{PROG}: stopped. Nothing was written.", file=sys.stderr)
        return EXIT_CANCELLED
    _report(args.root, path, stdout, context.catalogue)
    return EXIT_WRITTEN


def _report(root: Path, path: Path, out: TextIO, catalogue: Catalogue | None = None) -> None:
    layout = Layout.for_root(root)
    display = layout.display(path)
    result = validate_knowledge_base(layout, only=[path], catalogue=catalogue)
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
