"""The real content is valid, and breaking any field of any real entry fails the validator on that field's lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from kb.content.loading import load_file
from kb.tools.cli import EXIT_INVALID, EXIT_VALID, main
from tests.support.repo import REAL_ENTRY_FILES, REPOSITORY, copy_content

ENTRY_FILES = REAL_ENTRY_FILES
BROKEN_VALUE = {"broken": [{"nested": True}]}  # a shape no field accepts


def test_content_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    # Silent: no error, and no warning either (every source cited, no likely duplicate, ...).
    assert main([]) == EXIT_VALID
    assert capsys.readouterr().out == ""


def field_cases() -> list[tuple[Path, str]]:
    cases = []
    for path in ENTRY_FILES:
        loaded = load_file(path, path.name)
        assert loaded.data is not None, loaded.diagnostics
        cases += [(path, name) for name in loaded.data]
    return cases


CASES = field_cases()


def is_required(path: Path, name: str) -> bool:
    schema = json.loads((REPOSITORY / "schema" / f"{path.parent.name.removesuffix('s')}.schema.json").read_text())
    return name in schema["required"]


REQUIRED_CASES = [(path, name) for path, name in CASES if is_required(path, name)]


def write_with(path: Path, fields: dict[str, object], body: str) -> dict[str, int]:
    """Write fields as front matter; returns each field's line number in the file."""
    text = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=1000)
    lines = {
        key: number + 2 for number, line in enumerate(text.splitlines()) for key in fields if line.startswith(f"{key}:")
    }
    path.write_text(f"---\n{text}---\n{body}", encoding="utf-8")
    return lines


def copy_with_entry(tmp_path: Path, path: Path) -> tuple[Path, Path, dict[str, object], str]:
    """A copy of the content, and the copied entry's path, fields and body."""
    root = copy_content(tmp_path, real=True)
    target = root / path.relative_to(REPOSITORY)
    loaded = load_file(target, "x")
    assert loaded.data is not None
    return root, target, loaded.data, loaded.body


@pytest.mark.parametrize(("path", "name"), CASES, ids=[f"{p.parent.name}/{p.stem}:{n}" for p, n in CASES])
def test_breaking_a_field_fails_on_its_lines(
    path: Path, name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, target, data, body = copy_with_entry(tmp_path, path)
    fields = {key: (BROKEN_VALUE if key == name else value) for key, value in data.items()}
    lines = write_with(target, fields, body)
    following = sorted(n for n in lines.values() if n > lines[name])
    last_line = following[0] - 1 if following else lines[name] + 10

    assert main(["--root", str(root), "--format", "json", str(target)]) == EXIT_INVALID
    diagnostics = json.loads(capsys.readouterr().out)
    assert any(lines[name] <= d["line"] <= last_line for d in diagnostics), diagnostics


@pytest.mark.parametrize(
    ("path", "name"), REQUIRED_CASES, ids=[f"{p.parent.name}/{p.stem}:{n}" for p, n in REQUIRED_CASES]
)
def test_removing_a_required_field_names_it(
    path: Path, name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, target, data, body = copy_with_entry(tmp_path, path)
    write_with(target, {k: v for k, v in data.items() if k != name}, body)

    assert main(["--root", str(root), str(target)]) == EXIT_INVALID
    assert f"KB101 '{name}' is missing" in capsys.readouterr().out
