"""What a family of rules declares: its codes, each with what it means and a failing and a passing example.

Each module of rules ends with one ``FAMILY``; ``kb.checks.registry`` collects
them. A code's identity (its name and severity, which the lowest stages need
to report it) is in ``kb.core.rules``; everything else about a rule is here,
next to its check.

Examples are runnable: each says where its text goes, and the tests put it
there in a small valid knowledge base and run the validator. The failing
example must raise its code (and the codes it lists in ``also``, if any), the
passing one nothing. The field reference shows the same text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from kb.core.rules import CODES, Code

# The practice each example of a field or of the text is put in: valid, with
# every required field, its one source cited. An example's fields replace
# the ones of the same name.
EXAMPLE_PATH = "docs/practices/example-practice.md"
EXAMPLE_FIELDS = """\
title: Example practice
summary: An example practice used by the validator's examples; every field is valid.
countries: [DE]
places: [Frankfurt]
scope: local
approaches: [community-engagement]
status: unknown
evidence: not-documented
presented_at: [amsterdam-2016-local-preventive-approach]
sources:
  - title: Test source document
    locator: Section 1
last_reviewed: '2026-11-24'"""
EXAMPLE_BODY = "## What it is\n\nA practice that exists only in the validator's examples [1].\n"


EXAMPLE_PAGE = "---\ntitle: Notes\n---\n\nNotes for the validator's examples.\n"  # a hand-written page
EXAMPLE_PNG = b"\x89PNG\r\n\x1a\n" + bytes(24)  # what an image's first bytes say it is
EXAMPLE_COLLECTION = "docs/collections/example-collection.md"
EXAMPLE_URL_SOURCE = "  - title: Test source document\n    url: https://example.org/report\n    accessed: '2026-11-24'"
EXAMPLE_VOCABULARY = (
    "id: extra\nlabel: Extra\ndescription: A vocabulary for the validator's examples.\nterms:\n"
    "  - id: local\n    label: Local\n    description: The first term.\n"
    "  - id: {second}\n    label: Second\n    description: The second term.\n"
)


def example_collection(fields: str) -> str:
    """A collection file with ``fields`` (YAML lines) besides its required ones."""
    lines = f"{fields}\n" if fields else ""
    return (
        "---\ntitle: Example collection\ncurator: ran-local\n"
        f"description: A collection for the validator's examples.\n{lines}last_reviewed: '2026-11-24'\n---\n"
    )


def example_consent(value: str) -> str:
    """A consent record for ``value``, as front matter lines."""
    return (
        f"personal_data_consent:\n  - value: {value}\n    role: coordinator\n    date: '2026-11-20'\n"
        "    archive_reference: CONSENT-2026-014"
    )


class Where(StrEnum):
    """Where an example's text goes."""

    FIELDS = "fields"  # front matter lines of the example practice, replacing its fields of the same names
    BODY = "body"  # text added at the end of the example practice's text
    FILE = "file"  # the whole content of the example practice's file
    FILES = "files"  # files of their own, relative to the repository (``files``)


@dataclass(frozen=True)
class Example:
    """One example of a rule: its text, where it goes, and what the field reference shows of it."""

    text: str = ""
    where: Where = Where.FIELDS
    # For Where.FILES: path -> content (bytes for a file that is not UTF-8 text, None for a symbolic
    # link to ``text``'s target given in ``links``).
    files: Mapping[str, str | bytes] = field(default_factory=dict)
    links: Mapping[str, str] = field(default_factory=dict)  # path -> where the symbolic link points
    appends: Mapping[str, str] = field(default_factory=dict)  # path -> lines added at the end of a file
    shown: str = ""  # what the field reference shows, when the text itself is too long or not printable
    also: frozenset[str] = frozenset()  # other codes the failing example raises, and why is in ``note``
    note: str = ""

    @property
    def display(self) -> str:
        """The example as the field reference shows it; ``\\n`` marks a line break."""
        if self.shown:
            return self.shown
        if self.where is Where.FILES:
            return ", ".join([*self.files, *self.links, *self.appends])
        return self.text.rstrip("\n").replace("\n", "\\n")

    def practice(self) -> str:
        """The example practice's file with this example in it (Where.FIELDS, BODY and FILE)."""
        if self.where is Where.FILE:
            return self.text
        if self.where is Where.BODY:
            return f"---\n{EXAMPLE_FIELDS}\n---\n\n{EXAMPLE_BODY}\n{self.text}\n"
        replaced = {line.split(":", 1)[0] for line in self.text.splitlines() if line[:1].isalpha()}
        # A field named without a value ("summary:") stands for the field left out.
        lines = self.text.rstrip("\n").split("\n")
        added = [
            line
            for index, line in enumerate(lines)
            if not re.fullmatch(r"[a-z_]+:", line)
            or (lines[index + 1 : index + 2] != [] and lines[index + 1][:1] == " ")
        ]
        kept = []
        skipping = False
        for line in EXAMPLE_FIELDS.splitlines():
            if line[:1].isalpha():
                skipping = line.split(":", 1)[0] in replaced
            if not skipping:
                kept.append(line)
        return "---\n" + "\n".join(kept + added) + "\n---\n\n" + EXAMPLE_BODY


@dataclass(frozen=True)
class Rule:
    """One code of a family: what it means, and an example that fails and one that passes."""

    code: str
    summary: str
    fails: Example
    passes: Example

    @property
    def identity(self) -> Code:
        return CODES[self.code]

    @property
    def name(self) -> str:
        return CODES[self.code].name

    @property
    def severity(self) -> str:
        return CODES[self.code].severity


@dataclass(frozen=True)
class Family:
    """A group of rules checked together: its name, what it is about, its rules and the checks that raise them."""

    name: str
    title: str
    about: str
    rules: tuple[Rule, ...]
    # The functions that raise this family's codes, by qualified name: some run while content is
    # loaded (kb.content), before any rule module could be imported there.
    checks: tuple[str, ...]


EXAMPLE_PRACTICE = Example("").practice()  # the example practice as it is: valid
