"""The strict front matter loader: what it accepts, what it refuses, where it points."""

from __future__ import annotations

import datetime
from pathlib import Path

import frontmatter
import pytest

from kb.content.loading import MAX_FILE_BYTES, load_file, parse_text
from tests.support.repo import FIXTURE_ENTRY_FILES, REAL_ENTRY_FILES


def codes(text: str) -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in parse_text(text, "x.md").diagnostics]


def test_values_are_typed_as_pyyaml_types_them() -> None:
    loaded = parse_text("---\na: no\nb: '2016-02-01'\nc: 2016-02-01\nd: 010\ne: [1, x]\n---\nBody\n", "x.md")
    assert loaded.data == {"a": False, "b": "2016-02-01", "c": datetime.date(2016, 2, 1), "d": 8, "e": [1, "x"]}
    assert loaded.body == "Body\n"
    assert loaded.body_line == 8


def test_every_value_and_key_is_located() -> None:
    loaded = parse_text("---\ntitle: A\nsources:\n  - title: B\n    url: C\n---\n", "x.md")
    assert loaded.locate(("sources", 0, "url")).line == 5
    assert loaded.locate_key(("sources",)).line == 3
    assert loaded.locate(("missing",)).line == 1


def test_bom_and_windows_line_endings_are_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_bytes("\ufeff---\r\ntitle: A\r\n---\r\nBody\r\n".encode())
    loaded = load_file(path, "x.md")
    assert loaded.diagnostics == []
    assert loaded.data == {"title": "A"}


def test_a_file_over_the_size_limit_is_refused_without_parsing(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    path.write_bytes(b"---\ntitle: A\n---\n" + b"x" * MAX_FILE_BYTES)
    assert [d.code for d in load_file(path, "x.md").diagnostics] == ["KB002"]


def test_an_alias_bomb_is_refused_before_it_expands() -> None:
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n---\n"
    assert codes(bomb) == [(2, "KB007")]


def test_deep_nesting_is_refused() -> None:
    assert codes("---\na: " + "[" * 40 + "]" * 40 + "\n---\n")[0][1] == "KB014"


def test_a_syntax_error_is_the_only_problem_reported() -> None:
    loaded = parse_text("---\ntitle: [unclosed\ncontry: DE\n---\n", "x.md")
    assert loaded.data is None
    assert [d.code for d in loaded.diagnostics] == ["KB005"]


def test_explicit_tags_are_refused_but_plain_quotes_are_fine() -> None:
    assert codes("---\na: !!binary aGk=\n---\n") == [(2, "KB006")]
    assert codes("---\na: ! text\n---\n") == []


@pytest.mark.parametrize(
    "path", REAL_ENTRY_FILES + FIXTURE_ENTRY_FILES, ids=lambda p: f"{p.parents[2].name}/{p.parent.name}/{p.name}"
)
def test_valid_content_reads_the_same_as_python_frontmatter_reads_it(path: Path) -> None:
    """Other tools read our files with python-frontmatter; they must see what we validated."""
    loaded = load_file(path, path.name)
    post = frontmatter.load(path)
    assert loaded.data == post.metadata
    assert loaded.body.strip() == post.content.strip()
