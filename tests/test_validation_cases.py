"""Every case folder in tests/cases/: valid ones pass, invalid ones raise their code on their line.

A case holds files laid out as in the repository (``docs/practices/x.md``),
copied over the real content; an invalid case's ``expected.txt`` lists
``path:line CODE`` for every problem it raises, warnings included: no fewer,
and no more, so a case shows one mistake and what the validator says of it.
A warning case lists the warnings it raises, and must still pass (exit 0). A case may also hold
``messages.txt``: text that one of its ``CODE message`` lines must contain,
one a line, or after ``! `` text that none may contain.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kb.checks.registry import RULES
from kb.core.kinds import KIND_BY_FOLDER
from kb.tools.cli import EXIT_INVALID, EXIT_VALID, main
from tests.support.repo import copy_content, overlay

CASES = Path(__file__).parent / "cases"
VALID = sorted((CASES / "valid").iterdir())
INVALID = sorted((CASES / "invalid").iterdir())
WARNING = sorted((CASES / "warning").iterdir())


def run_validator(capsys: pytest.CaptureFixture[str], root: Path, *paths: Path) -> tuple[int, list[dict[str, object]]]:
    code = main(["--root", str(root), "--format", "json", *map(str, paths)])
    return code, json.loads(capsys.readouterr().out)


def is_entry_file(path: Path, root: Path) -> bool:
    parts = path.relative_to(root).parts
    return len(parts) == 3 and parts[1] in KIND_BY_FOLDER and not parts[2].startswith(".")


def expectations(case: Path) -> list[tuple[str, int, str]]:
    expected = []
    for line in (case / "expected.txt").read_text().splitlines():
        location, code = line.rsplit(maxsplit=1)  # a hostile file name may hold a space
        path, line_number = location.rsplit(":", 1)
        expected.append((path, int(line_number), code))
    return expected


def test_there_are_enough_invalid_cases() -> None:
    assert len(INVALID) >= 25
    codes = {code for case in INVALID for _, _, code in expectations(case)}
    assert len(codes) >= 20, f"invalid cases cover only {sorted(codes)}"


@pytest.mark.parametrize("case", VALID, ids=[c.name for c in VALID])
def test_valid_case_passes(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_content(tmp_path)
    added = overlay(case, root)
    code, diagnostics = run_validator(capsys, root)
    assert (code, diagnostics) == (EXIT_VALID, [])
    code, diagnostics = run_validator(capsys, root, *added)
    assert (code, diagnostics) == (EXIT_VALID, [])


@pytest.mark.parametrize("case", INVALID, ids=[c.name for c in INVALID])
def test_invalid_case_raises_its_code_on_its_line(
    case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_content(tmp_path)
    added = overlay(case, root)
    code, diagnostics = run_validator(capsys, root)
    found = {(d["path"], d["line"], d["code"]) for d in diagnostics}
    assert code == EXIT_INVALID
    expected = set(expectations(case))
    assert found == expected, f"missing {sorted(expected - found)}, unexpected {sorted(found - expected)}"
    if all(is_entry_file(path, root) for path in added):
        # Checking only the changed files finds the same problems in them.
        code, only = run_validator(capsys, root, *added)
        assert code == EXIT_INVALID
        assert {(d["path"], d["line"], d["code"]) for d in only} == {
            (p, line, c) for p, line, c in found if (root / str(p)) in added
        }


@pytest.mark.parametrize("case", WARNING, ids=[c.name for c in WARNING])
def test_warning_case_warns_on_its_line_and_passes(
    case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_content(tmp_path)
    added = overlay(case, root)
    code, diagnostics = run_validator(capsys, root)
    found = {(d["path"], d["line"], d["code"]) for d in diagnostics}
    assert code == EXIT_VALID
    assert {d["severity"] for d in diagnostics} == {"warning"}
    assert found == set(expectations(case))
    # Checking only the changed files warns about them the same way.
    code, only = run_validator(capsys, root, *added)
    assert code == EXIT_VALID
    assert {(d["path"], d["line"], d["code"]) for d in only} == {
        (p, line, c) for p, line, c in found if (root / str(p)) in added
    }


MESSAGED = [case for case in INVALID + WARNING if (case / "messages.txt").exists()]


@pytest.mark.parametrize("case", MESSAGED, ids=[c.name for c in MESSAGED])
def test_case_messages_say_what_they_must(case: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_content(tmp_path)
    overlay(case, root)
    _, diagnostics = run_validator(capsys, root)
    messages = [f"{d['code']} {d['message']}" for d in diagnostics]
    for wanted in (case / "messages.txt").read_text().splitlines():
        if wanted.startswith("! "):
            assert not any(wanted[2:] in m for m in messages), f"no message may hold {wanted[2:]!r}: {messages}"
        else:
            assert any(wanted in m for m in messages), f"no message holds {wanted!r}: {messages}"


# Hostile cases are invalid, or warnings only (a consent record for nothing published).
HOSTILE = [case for case in INVALID + WARNING if case.name.startswith("hostile-")]
HOSTILE_FAMILIES = {
    "encoding",
    "yaml",
    "id",
    "link",
    "html",
    "markdown",
    "collision",
    "skipped",
    "symlink",
    "personal",
    "page",
    "file",
    "work",
}


def test_the_hostile_corpus_covers_every_family_and_rule() -> None:
    assert len(HOSTILE) >= 40, f"only {len(HOSTILE)} hostile cases"
    assert {case.name.split("-")[1] for case in HOSTILE} == HOSTILE_FAMILIES
    codes = {code for case in HOSTILE for _, _, code in expectations(case)}
    security_rules = {code for code in RULES if code[2] in "45"}
    assert security_rules <= codes, f"no hostile case for {sorted(security_rules - codes)}"
