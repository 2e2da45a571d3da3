"""Strict front matter loading with a location for every value.

MkDocs and python-frontmatter read YAML permissively: broken front matter
silently becomes none, duplicate keys keep the last value and aliases expand.
This loader builds values from PyYAML's event stream instead, so it can refuse
tags, anchors and duplicate keys before anything is constructed, and remember
where each key and value stands in the file.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kb.core.diagnostics import Diagnostic

MAX_FILE_BYTES = 256 * 1024
MAX_NESTING_DEPTH = 12
FRONT_MATTER_FENCE = "---"
UTF8_BOM = "\ufeff"

_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Scalar:
    """How a scalar was written, to explain YAML 1.1's implicit types."""

    raw: str
    plain: bool


@dataclass(frozen=True)
class Location:
    line: int
    column: int


@dataclass
class LoadedFile:
    """A content file split into front matter data and body, with locations.

    ``data`` is None when the front matter could not be read; ``diagnostics``
    then says why and no other check runs on the file.
    """

    path: str
    data: dict[str, Any] | None
    body: str
    body_line: int
    front_matter_line: int
    value_locations: dict[JsonPath, Location] = field(default_factory=dict)
    key_locations: dict[JsonPath, Location] = field(default_factory=dict)
    scalars: dict[JsonPath, Scalar] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    # Set by the fast path, which reads without locations: the first question
    # about a location then reads the file again the strict way (kb/content/fast_path.py).
    relocate: Callable[[], LoadedFile] | None = None

    def _ensure_located(self) -> None:
        if self.relocate is not None:
            strict = self.relocate()
            self.relocate = None
            self.value_locations, self.key_locations, self.scalars = (
                strict.value_locations,
                strict.key_locations,
                strict.scalars,
            )

    def locate(self, path: JsonPath) -> Location:
        """The closest known location of a value: itself, else its parent's."""
        self._ensure_located()
        while path:
            if path in self.value_locations:
                return self.value_locations[path]
            path = path[:-1]
        return Location(self.front_matter_line, 1)

    def locate_key(self, path: JsonPath) -> Location:
        self._ensure_located()
        return self.key_locations.get(path) or self.locate(path)


class _FrontMatterError(Exception):
    def __init__(self, code: str, message: str, line: int, column: int = 1) -> None:
        super().__init__(message)
        self.code, self.message, self.line, self.column = code, message, line, column


def load_file(path: Path, display_path: str, parse: Callable[[str, str], LoadedFile] | None = None) -> LoadedFile:
    """Read one content file and parse it (by default as an entry); never raises for bad content, only reports."""
    text, problems = read_text(path, display_path)
    if text is None:
        empty = LoadedFile(display_path, None, "", 1, 1)
        empty.diagnostics += problems
        return empty
    return (parse or parse_text)(text, display_path)


def read_text(path: Path, display_path: str) -> tuple[str | None, list[Diagnostic]]:
    """A file's text without its byte order mark, or None and why: unreadable, too large, not UTF-8."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Diagnostic(display_path, 1, 1, "KB001", f"cannot read the file: {error.strerror}")]
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            Diagnostic(
                display_path,
                1,
                1,
                "KB002",
                f"the file has {len(raw):,} bytes; the limit is {MAX_FILE_BYTES:,}. "
                "Shorten the text and link to longer documents in sources.",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [
            Diagnostic(
                display_path,
                line,
                column,
                "KB001",
                f"byte 0x{raw[error.start]:02x} is not valid UTF-8; save the file as UTF-8",
            )
        ]
    return text.removeprefix(UTF8_BOM), []


@dataclass(frozen=True)
class SplitFile:
    yaml_text: str
    body: str
    body_line: int


def split_front_matter(text: str) -> SplitFile | None:
    """The front matter and body of a well-formed file; None if either fence is missing."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or lines[0].rstrip() != FRONT_MATTER_FENCE:
        return None
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in (FRONT_MATTER_FENCE, "...")), None)
    if closing is None:
        return None
    return SplitFile("\n".join(lines[1:closing]) + "\n", "\n".join(lines[closing + 1 :]), closing + 2)


def parse_text(text: str, display_path: str) -> LoadedFile:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not lines or lines[0].rstrip() != FRONT_MATTER_FENCE:
        return _failed(
            display_path, "KB003", 1, 1, "the file must start with a line '---', then the fields, then another '---'"
        )
    closing = next(
        (i for i in range(1, len(lines)) if lines[i].rstrip() in (FRONT_MATTER_FENCE, "...")),
        None,
    )
    if closing is None:
        return _failed(
            display_path,
            "KB004",
            1,
            1,
            "the front matter opened on line 1 is never closed; add a line '---' after the last field",
        )
    split = split_front_matter(text)
    assert split is not None  # both fences were found above
    yaml_text, body = split.yaml_text, split.body
    loaded = LoadedFile(display_path, None, body, split.body_line, 1)
    builder = _TreeBuilder(loaded, line_offset=1)
    try:
        data = builder.build(yaml_text)
    except _FrontMatterError as error:
        loaded.diagnostics.append(Diagnostic(display_path, error.line, error.column, error.code, error.message))
        return loaded
    if data is None:
        data = {}
    if not isinstance(data, dict):
        loaded.diagnostics.append(
            Diagnostic(
                display_path, 2, 1, "KB009", "the front matter must be field names with values, such as 'title: ...'"
            )
        )
        return loaded
    loaded.data = data
    return loaded


def _failed(path: str, code: str, line: int, column: int, message: str) -> LoadedFile:
    loaded = LoadedFile(path, None, "", 1, 1)
    loaded.diagnostics.append(Diagnostic(path, line, column, code, message))
    return loaded


class _TreeBuilder:
    """Builds plain Python values from YAML events, refusing what we forbid."""

    def __init__(self, loaded: LoadedFile, line_offset: int) -> None:
        self.loaded = loaded
        self.line_offset = line_offset
        # A constructor used only for single plain scalars, so that values are
        # typed exactly as PyYAML (and so MkDocs) would type them.
        self._constructor = yaml.SafeLoader("")

    def build(self, text: str) -> Any:
        events = self._events(text)
        value: Any = None
        for event in events:
            if isinstance(event, (yaml.StreamStartEvent, yaml.DocumentStartEvent)):
                continue
            if isinstance(event, (yaml.DocumentEndEvent, yaml.StreamEndEvent)):
                break
            value = self._node(event, events, (), depth=0)
        return value

    def _events(self, text: str) -> Iterator[yaml.Event]:
        try:
            yield from yaml.parse(text, Loader=_Parser)
        except yaml.MarkedYAMLError as error:
            # An unclosed quote or bracket is only noticed at the end of the
            # front matter; where it was opened is where the fix is.
            opened = (error.context or "").startswith(_UNCLOSED_CONTEXTS)
            mark = (error.context_mark if opened else None) or error.problem_mark or error.context_mark
            line, column = (mark.line, mark.column) if mark else (0, 0)
            source_lines = text.split("\n")
            unclosed = _first_unclosed_quote(source_lines[: line + 1])
            if unclosed is not None:
                raise _FrontMatterError(
                    "KB005",
                    f"YAML syntax error: the quote opened on this line is not closed; close it with {unclosed[1]} "
                    "at the end of the value",
                    unclosed[0] + 1 + self.line_offset,
                    1,
                ) from None
            source_line = source_lines[line] if line < len(source_lines) else ""
            raise _FrontMatterError(
                "KB005", _describe_yaml_error(error, source_line), line + 1 + self.line_offset, column + 1
            ) from None
        except yaml.YAMLError as error:
            raise _FrontMatterError("KB005", f"YAML syntax error: {error}", 1 + self.line_offset) from None

    def _location(self, event: yaml.Event) -> Location:
        mark = event.start_mark
        if mark is None:  # PyYAML always sets marks on parsed events
            return Location(1 + self.line_offset, 1)
        return Location(mark.line + 1 + self.line_offset, mark.column + 1)

    def _refuse_anchor_and_tag(self, event: yaml.Event) -> None:
        where = self._location(event)
        if isinstance(event, yaml.AliasEvent):
            raise _FrontMatterError(
                "KB007",
                f"alias '*{event.anchor}' is not allowed; write the value out in full",
                where.line,
                where.column,
            )
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _FrontMatterError(
                "KB007",
                f"anchor '&{anchor}' is not allowed; write each value out in full",
                where.line,
                where.column,
            )
        tag = getattr(event, "tag", None)
        if tag is not None and not (isinstance(event, yaml.ScalarEvent) and tag == "!"):
            raise _FrontMatterError(
                "KB006",
                f"YAML tag '{_short_tag(tag)}' is not allowed; remove it (quote the value if it must stay text)",
                where.line,
                where.column,
            )

    def _node(self, event: yaml.Event, events: Iterator[yaml.Event], path: JsonPath, depth: int) -> Any:
        self._refuse_anchor_and_tag(event)
        where = self._location(event)
        if depth > MAX_NESTING_DEPTH:
            raise _FrontMatterError(
                "KB014",
                f"the front matter nests more than {MAX_NESTING_DEPTH} levels deep",
                where.line,
                where.column,
            )
        self.loaded.value_locations[path] = where
        if isinstance(event, yaml.ScalarEvent):
            plain = bool(event.implicit[0]) and event.style in (None, "")
            self.loaded.scalars[path] = Scalar(event.value, plain)
            return self._scalar_value(event.value, plain)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            for item_event in events:
                if isinstance(item_event, yaml.SequenceEndEvent):
                    return items
                items.append(self._node(item_event, events, (*path, len(items)), depth + 1))
        if isinstance(event, yaml.MappingStartEvent):
            return self._mapping(events, path, depth)
        raise _FrontMatterError("KB005", f"unexpected YAML {type(event).__name__}", where.line, where.column)

    def _mapping(self, events: Iterator[yaml.Event], path: JsonPath, depth: int) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        for key_event in events:
            if isinstance(key_event, yaml.MappingEndEvent):
                return mapping
            self._refuse_anchor_and_tag(key_event)
            where = self._location(key_event)
            if not isinstance(key_event, yaml.ScalarEvent):
                raise _FrontMatterError(
                    "KB010", "a key must be a field name, not a list or mapping", where.line, where.column
                )
            plain = bool(key_event.implicit[0]) and key_event.style in (None, "")
            if plain and key_event.value == "<<":
                raise _FrontMatterError(
                    "KB007", "merge keys ('<<') are not allowed; write the fields out", where.line, where.column
                )
            key = self._scalar_value(key_event.value, plain)
            if not isinstance(key, str) or not key:
                raise _FrontMatterError(
                    "KB010",
                    f"key '{key_event.value}' is not a field name; field names are words such as 'title'",
                    where.line,
                    where.column,
                )
            key_path = (*path, key)
            if key in mapping:
                first = self.loaded.key_locations[key_path]
                raise _FrontMatterError(
                    "KB008",
                    f"'{key}' is given twice (first on line {first.line}); keep one and delete the other",
                    where.line,
                    where.column,
                )
            self.loaded.key_locations[key_path] = where
            mapping[key] = self._node(next(events), events, key_path, depth + 1)
        return mapping

    def _scalar_value(self, value: str, plain: bool) -> Any:
        if not plain:
            return value
        tag = self._constructor.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
        if tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:value", "tag:yaml.org,2002:merge"):
            return value
        try:
            result = self._constructor.construct_object(yaml.ScalarNode(tag, value))
        except (ValueError, yaml.YAMLError):
            return value  # e.g. 2016-13-45 looks like a date but is none: keep the text
        if isinstance(result, datetime.datetime | datetime.date | bool | int | float) or result is None:
            return result
        return value


_QUOTED_VALUE = re.compile(r"""^\s*(?:-\s+|[^\s'"#][^:#]*:\s+(?:-\s+)?)(['"])(.*)$""")


def _first_unclosed_quote(lines: list[str]) -> tuple[int, str] | None:
    """The first line whose value opens a quote it does not close, if any.

    Multi-line quoted values are valid YAML, so this is asked only after a
    syntax error: an unclosed quote swallows the lines after it and the parser
    complains far from the cause.
    """
    for index, line in enumerate(lines):
        match = _QUOTED_VALUE.match(line)
        if match is None:
            continue
        quote, rest = match.groups()
        closed = rest.replace("''", "") if quote == "'" else re.sub(r"\\.", "", rest)
        if quote not in closed:
            return index, quote
    return None


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_YAML_TAG_PREFIX) if tag.startswith(_YAML_TAG_PREFIX) else tag


_YAML_TAG_PREFIX = "tag:yaml.org,2002:"
_UNCLOSED_CONTEXTS = ("while scanning a quoted scalar", "while parsing a flow", "while scanning a block scalar")


def _describe_yaml_error(error: yaml.MarkedYAMLError, source_line: str) -> str:
    parts = [p for p in (error.context, error.problem) if p]
    message = "YAML syntax error: " + "; ".join(parts)
    problem = error.problem or ""
    if "\t" in source_line:
        return message + " (indent with spaces, not tabs)"
    if "mapping values are not allowed" in problem:
        return message + " (a value containing ': ' must be put in quotes)"
    if "found character" in problem:
        return message + " (put the value in quotes)"
    return message
