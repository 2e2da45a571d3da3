"""scripts/count_html_strings.py counts the HTML tags Python string literals write, and nothing else."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "count_html_strings.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("count_html_strings", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_tags_in_strings_and_f_strings_count_but_not_docstrings_comments_or_comparisons() -> None:
    source = '''"""A <p> in a docstring is not counted."""
# nor <div> in a comment
def f(x):
    """Nor <em> here."""
    if x < 3 and x <= 2:
        return f'<a href="{x}">{x}</a>' + "<br>" + "a < b"
    return "<p class=\\"kb\\">" "</p>"
PATTERN = r"<(?P<name>script|style)\b(?P<attributes>[^>]*)>"
'''
    assert _script().count_tags(source) == 5  # <a, </a>, <br, <p, </p>; the pattern's groups are no tags


def test_the_repository_count_runs_and_reports_a_total(capsys: pytest.CaptureFixture[str]) -> None:
    assert _script().main(["--total"]) == 0
    assert capsys.readouterr().out.strip().isdigit()
