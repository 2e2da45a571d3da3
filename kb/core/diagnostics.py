"""Located problems and the formats they are reported in."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from enum import StrEnum

from kb.core.rules import CODES


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unregistered diagnostic code {self.code}")
        if CODES[self.code].severity == Severity.WARNING:
            object.__setattr__(self, "severity", Severity.WARNING)


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


def format_text(diagnostics: Sequence[Diagnostic]) -> str:
    """``path:line:col: CODE message``, one per line, like yamllint's parsable format."""
    return "\n".join(f"{d.path}:{d.line}:{d.column}: {d.code} {_prefix(d)}{d.message}" for d in diagnostics)


def format_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub workflow commands, so a pull request shows each problem on its line."""
    lines = []
    for d in diagnostics:
        title = f"{d.code} {CODES[d.code].name}"
        lines.append(
            f"::{d.severity.value} file={_escape_property(d.path)},line={d.line},"
            f"col={d.column},title={_escape_property(title)}::{_escape_data(d.message)}"
        )
    return "\n".join(lines)


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    records = []
    for d in diagnostics:
        record = asdict(d)
        record["severity"] = d.severity.value
        record["rule"] = CODES[d.code].name
        records.append(record)
    return json.dumps(records, ensure_ascii=False, indent=2)


FORMATTERS = {"text": format_text, "github": format_github, "json": format_json}


def _prefix(d: Diagnostic) -> str:
    return "warning: " if d.severity is Severity.WARNING else ""


# Escaping as GitHub's own toolkit does (actions/toolkit core/src/command.ts).
def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")
