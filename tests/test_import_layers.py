"""kb/ is one package per stage, and each stage imports only the stages before it.

The rule is the import-linter contract in pyproject.toml ([tool.importlinter]):
core < content < checks < model < render < build < tools. These tests run it
on the code as it is, then on copies of it with one import too many, so a
contract that stopped catching anything would fail here too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.support.repo import REPOSITORY

STAGES = ["core", "content", "checks", "model", "render", "build", "tools"]  # in pipeline order


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """import-linter over the kb package under ``root``, with the contract in ``root``'s pyproject.toml."""
    command = "from importlinter.cli import lint_imports_command; lint_imports_command()"
    return subprocess.run(
        [sys.executable, "-c", command, "--no-cache", "pyproject.toml"],
        cwd=root,
        env=os.environ | {"PYTHONPATH": str(root), "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


def copy_of_kb(target: Path) -> Path:
    shutil.copytree(REPOSITORY / "kb", target / "kb", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(REPOSITORY / "pyproject.toml", target / "pyproject.toml")
    return target


def test_the_contract_names_every_stage_in_pipeline_order() -> None:
    config = tomllib.loads((REPOSITORY / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    assert contract["type"] == "layers"
    # import-linter lists the highest layer first; above every stage, `python -m kb` only starts the tools.
    assert contract["layers"] == ["__main__", *STAGES[::-1]]
    packages = sorted(path.parent.name for path in (REPOSITORY / "kb").glob("*/__init__.py"))
    assert packages == sorted(STAGES)
    assert sorted(path.name for path in (REPOSITORY / "kb").glob("*.py")) == ["__init__.py", "__main__.py"]


def test_each_stage_imports_only_the_stages_before_it() -> None:
    result = lint_imports(REPOSITORY)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 1 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    ("module", "source", "reported"),
    [
        # A stage reaching up, directly: the model reading what a page looks like.
        ("model/reaches_up.py", "from kb.render.markup import text\n", "kb.model.reaches_up -> kb.render.markup"),
        # ... and through a function-level import, which runs only when called.
        (
            "core/reaches_up.py",
            "def later() -> None:\n    from kb.tools import cli  # noqa: F401\n",
            "kb.core.reaches_up -> kb.tools.cli",
        ),
        # A new package that is not a stage of the contract.
        ("extra/__init__.py", "", "kb.extra"),
    ],
)
def test_an_import_against_the_pipeline_fails_the_contract(
    tmp_path: Path, module: str, source: str, reported: str
) -> None:
    root = copy_of_kb(tmp_path)
    added = root / "kb" / module
    added.parent.mkdir(exist_ok=True)
    added.write_text(source, encoding="utf-8")
    result = lint_imports(root)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "BROKEN" in result.stdout
    assert reported in result.stdout, result.stdout
