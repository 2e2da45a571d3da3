"""``make serve`` (``python -m kb serve``): a real preview of the test content, edited while it runs."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.measure import ProcessOutput, free_port
from tests.support.repo import REPOSITORY, copy_content

pytestmark = pytest.mark.build

PRACTICE = "docs/practices/police-youngsters-sweden.md"
PAGE = "practices/police-youngsters-sweden/"


@contextlib.contextmanager
def preview(root: Path, engine: str = "mkdocs") -> Iterator[tuple[str, ProcessOutput]]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kb", "serve", "--root", str(root), "--port", str(port), "--engine", engine],
        cwd=root,
        env=os.environ | {"PYTHONPATH": str(REPOSITORY), "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = ProcessOutput(process, "python -m kb serve", kept_lines=50)
    try:
        output.wait_for("Serving on", 300)
        yield f"http://127.0.0.1:{port}/", output
    finally:
        process.terminate()
        process.wait(timeout=30)


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        text: str = response.read().decode("utf-8")
        return text


def wait_for_text(url: str, text: str, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(urllib.error.URLError):
            page = fetch(url)
            if text in page:
                return page
        time.sleep(0.2)
    raise AssertionError(f"{url} never showed {text!r}")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_preview_shows_an_edit_prints_problems_keeps_the_last_good_page_and_serves_404(tmp_path: Path) -> None:
    root = copy_content(tmp_path / "repo")
    practice = root / PRACTICE
    with preview(root) as (url, output):
        page = fetch(url + PAGE)
        assert '<script src="/.kb-preview.js"></script>' in page  # the open page reloads itself
        assert fetch(url + ".kb-preview.js").startswith("(function")

        edit(
            practice, "## Where it was discussed\n", "## Where it was discussed\n\nA sentence added while previewing.\n"
        )
        output.wait_for("Updated in", 120)
        assert "A sentence added while previewing." in wait_for_text(url + PAGE, "A sentence added while previewing.")

        edit(practice, "\ntitle:", "\ntitel:")
        problem = output.wait_for(r"police-youngsters-sweden\.md:\d+:\d+: KB\d{3}", 120)
        assert "docs/practices/police-youngsters-sweden.md" in problem
        output.wait_for("Not updated", 120)
        assert "A sentence added while previewing." in fetch(url + PAGE)  # the last good page stays

        edit(practice, "\ntitel:", "\ntitle:")
        output.wait_for("Updated in", 300)

        with pytest.raises(urllib.error.HTTPError) as missing:
            fetch(url + "no-such-page/")
        assert missing.value.code == 404
        assert 'http-equiv="Content-Security-Policy"' in missing.value.read().decode("utf-8")  # the theme's 404 page
