"""The validator's command line: exit codes, output formats, usage errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kb.tools.cli import EXIT_INVALID, EXIT_USAGE, EXIT_VALID, main
from tests.support.repo import REPOSITORY, copy_content

DEEP_ERROR = """---
title: Example practice
summary: A practice whose error sits deep in a nested list of sources, to check the line.
countries: [DE]
scope: local
approaches: [community-engagement]
status: unknown
evidence: not-documented
sources:
  - title: First source
  - title: Second source
    locator: Page 3
    url: not-a-web-address
    accessed: '2026-11-24'
last_reviewed: '2026-11-24'
---

Each source is cited [1, 2].
"""


@pytest.fixture
def broken_root(tmp_path: Path) -> tuple[Path, Path]:
    root = copy_content(tmp_path)
    path = root / "docs" / "practices" / "example-practice.md"
    path.write_text(DEEP_ERROR, encoding="utf-8")
    return root, path


def test_script_runs_from_a_plain_checkout_and_prints_nothing_when_valid(tmp_path: Path) -> None:
    root = copy_content(tmp_path)  # the test content, which has no warnings either
    result = subprocess.run(
        [sys.executable, "scripts/validate.py", "--root", str(root)], cwd=REPOSITORY, capture_output=True, text=True
    )
    assert (result.returncode, result.stdout, result.stderr) == (EXIT_VALID, "", "")


def test_text_format_is_path_line_column_code_message(
    broken_root: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root, path = broken_root
    assert main(["--root", str(root), str(path)]) == EXIT_INVALID
    assert capsys.readouterr().out.startswith("docs/practices/example-practice.md:13:10: KB108 sources[1].url:")


def test_github_format_points_at_the_deep_line(
    broken_root: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root, path = broken_root
    assert main(["--root", str(root), "--format", "github", str(path)]) == EXIT_INVALID
    out = capsys.readouterr().out
    assert out.startswith("::error file=docs/practices/example-practice.md,line=13,col=10,title=KB108 bad-format::")


def test_json_format_lists_records(broken_root: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    root, _ = broken_root
    assert main(["--root", str(root), "--format", "json"]) == EXIT_INVALID
    (record,) = json.loads(capsys.readouterr().out)
    assert record | {"message": ""} == {
        "path": "docs/practices/example-practice.md",
        "line": 13,
        "column": 10,
        "code": "KB108",
        "message": "",
        "severity": "error",
        "rule": "bad-format",
    }


def test_every_problem_is_reported_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_content(tmp_path)
    for name in ("one", "two"):
        (root / "docs" / "practices" / f"{name}.md").write_text(DEEP_ERROR.replace("countries: [DE]", "contry: [DE]"))
    assert main(["--root", str(root)]) == EXIT_INVALID
    out = capsys.readouterr().out
    assert [line.split(":")[0] for line in out.splitlines()] == ["docs/practices/one.md"] * 3 + [
        "docs/practices/two.md"
    ] * 3
    assert "did you mean 'countries'?" in out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--format", "xml"], "invalid choice"),
        (["no/such/file.md"], "no such file"),
        ([str(REPOSITORY / "site.yml")], "is not a file under docs/"),
        (["--root", "/nonexistent"], "has no docs/ and schema/"),
    ],
)
def test_usage_errors_exit_2_with_a_message(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*arguments]) == EXIT_USAGE
    assert message in capsys.readouterr().err


def test_checking_one_file_still_reports_a_broken_vocabulary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_content(tmp_path)
    vocabulary = root / "schema" / "vocabularies" / "statuses.yaml"
    vocabulary.write_text(vocabulary.read_text().replace("id: ended", "id: active"))
    practice = root / "docs" / "practices" / "police-youngsters-sweden.md"
    assert main(["--root", str(root), str(practice)]) == EXIT_INVALID
    assert "KB901 term 'active' is defined twice" in capsys.readouterr().out
