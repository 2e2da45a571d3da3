"""Every rule's examples, run: the failing one raises exactly its code, the passing one nothing.

The examples are the ones the field reference shows (kb.checks.registry). Each
is put in a copy of the test content as its ``Where`` says, the whole
validator runs, and the example is taken out again.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from kb.checks.family import EXAMPLE_PATH, EXAMPLE_PRACTICE, Example, Where
from kb.checks.registry import FAMILIES, RULES, checks_of, family_of
from kb.checks.validation import validate_knowledge_base
from kb.content.discovery import Layout
from kb.core.rules import CODES
from tests.support.repo import REPOSITORY, copy_content

CASES = [(rule.code, "fails") for rule in RULES.values()] + [(rule.code, "passes") for rule in RULES.values()]


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_content(tmp_path_factory.mktemp("examples"))


def _files(example: Example) -> dict[str, str | bytes]:
    if example.where is Where.FILES:
        return dict(example.files)
    return {EXAMPLE_PATH: example.practice()}


def _put(root: Path, example: Example) -> Iterator[None]:
    """Put the example in, and take it out again after the validator has run."""
    saved: dict[Path, bytes | None] = {}

    def remember(path: Path) -> None:
        if path not in saved:
            saved[path] = path.read_bytes() if path.exists() else None

    for relative, content in _files(example).items():
        path = root / relative
        remember(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    for relative, text in example.appends.items():
        path = root / relative
        remember(path)
        with path.open("a", encoding="utf-8") as file:
            file.write(text)
    for relative, target in example.links.items():
        path = root / relative
        remember(path)
        os.symlink(target, path)
    try:
        yield
    finally:
        for path, original in saved.items():
            if path.is_symlink() or path.exists():
                path.unlink()
            if original is not None:
                path.write_bytes(original)
        for path in saved:  # folders the example made, innermost first
            for parent in path.relative_to(root).parents:
                folder = root / parent
                if folder != root and folder.is_dir() and not any(folder.iterdir()):
                    folder.rmdir()


def _codes(root: Path, example: Example) -> list[str]:
    put = _put(root, example)
    next(put)
    try:
        return sorted(d.code for d in validate_knowledge_base(Layout.for_root(root)).diagnostics)
    finally:
        next(put, None)


@pytest.mark.parametrize(("code", "which"), CASES, ids=[f"{code}-{which}" for code, which in CASES])
def test_rule_example(code: str, which: str, root: Path) -> None:
    rule = RULES[code]
    if which == "fails":
        found = set(_codes(root, rule.fails))
        assert found == {code} | rule.fails.also, f"{code}'s failing example {rule.fails.display!r} raised {found}"
    else:
        found_codes = _codes(root, rule.passes)
        assert found_codes == [], f"{code}'s passing example {rule.passes.display!r} raised {found_codes}"


def test_the_test_content_is_valid_before_and_after_the_examples(root: Path) -> None:
    assert validate_knowledge_base(Layout.for_root(root)).diagnostics == []
    assert (root / EXAMPLE_PATH).exists() is False
    assert EXAMPLE_PRACTICE.startswith("---\n")


def test_every_code_has_one_family_and_its_checks_exist() -> None:
    assert set(RULES) == set(CODES)
    assert sum(len(family.rules) for family in FAMILIES) == len(CODES)
    assert len({family.name for family in FAMILIES}) == len(FAMILIES)
    for family in FAMILIES:
        assert family.rules and family.about
        assert all(callable(check) for check in checks_of(family)), family.name
    assert family_of("KB401").name == "security"


# A code is reported by writing it as a string literal in kb/ (Diagnostic(..., "KB401", ...)).
_CODE = re.compile(r"[\"'](KB\d{3})[\"']")


def test_every_code_the_validator_reports_is_registered_and_every_registered_code_is_reported() -> None:
    sources = [path for path in (REPOSITORY / "kb").rglob("*.py") if path.name not in ("rules.py", "family.py")]
    emitted: dict[str, set[str]] = {}
    for path in sources:
        text = path.read_text(encoding="utf-8")
        # The family declarations name their codes too; only what precedes FAMILY is a check.
        text = text.split("\nFAMILY = Family(", 1)[0]
        for code in _CODE.findall(text):
            emitted.setdefault(code, set()).add(str(path.relative_to(REPOSITORY)))
    unregistered = sorted(set(emitted) - set(RULES))
    assert not unregistered, {code: emitted[code] for code in unregistered}
    never = sorted(set(RULES) - set(emitted))
    assert not never, f"registered but never reported: {never}"
