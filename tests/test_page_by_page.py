"""MkDocs and ProperDocs build page by page (kb.build.engines.page_by_page): the same site, and as strict.

The generated source of the test content is built by the engine's own
``build`` command and by the page-by-page one; every file they write must be
the same, byte for byte. A page that makes the engine warn still fails the
strict build, with the engine's own words.
"""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kb.build.engines.base import CONFIG_FILE
from kb.build.engines.mkdocs import PAGE_BY_PAGE
from kb.build.pipeline import SOURCE_DIR, WORK_DIR
from tests.support.building import kb_build
from tests.support.repo import REPOSITORY, copy_content

pytestmark = pytest.mark.build

ENVIRONMENT = os.environ | {
    "NO_MKDOCS_2_WARNING": "1",
    "PYTHONPATH": str(REPOSITORY),
    "SOURCE_DATE_EPOCH": "1893456000",  # the sitemap's dates and its gzip header, the same in both builds
}


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The source the build generated from the test content for MkDocs; returns its config file."""
    root = copy_content(tmp_path_factory.mktemp("repo"))
    result = kb_build(root, tmp_path_factory.mktemp("site"))
    assert result.returncode == 0, result.stderr
    return root / WORK_DIR / SOURCE_DIR / CONFIG_FILE


def run(command: list[str], config: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command, "build", "--strict", "-f", str(config), "-d", str(site)],
        capture_output=True,
        text=True,
        env=ENVIRONMENT,
        cwd=config.parent,
    )


def differing_files(left: Path, right: Path) -> list[str]:
    """Files only one side has, or that differ, as paths relative to the sides."""
    found: list[str] = []
    comparison = filecmp.dircmp(left, right)
    stack = [(comparison, "")]
    while stack:
        node, prefix = stack.pop()
        found += [prefix + name for name in node.left_only + node.right_only + node.funny_files]
        _, mismatch, errors = filecmp.cmpfiles(node.left, node.right, node.common_files, shallow=False)
        found += [prefix + name for name in mismatch + errors]
        stack += [(child, f"{prefix}{name}/") for name, child in node.subdirs.items()]
    return sorted(found)


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_page_by_page_writes_the_site_the_engine_writes(engine: str, source: Path, tmp_path: Path) -> None:
    own, ours = tmp_path / "own", tmp_path / "page-by-page"
    for command, site in (([engine], own), ([PAGE_BY_PAGE, engine], ours)):
        result = run(command, source, site)
        assert result.returncode == 0, result.stderr
    assert "built page by page" in run([PAGE_BY_PAGE, engine], source, tmp_path / "again").stderr
    pages = list(own.rglob("index.html"))
    assert len(pages) > 50, "too few pages to say anything"
    assert differing_files(own, ours) == []


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
def test_a_warning_still_fails_the_strict_build(engine: str, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\n[Nowhere](missing.md)\n", encoding="utf-8")
    (docs / "other.md").write_text("# Other\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Test\ntheme:\n  name: material\nnav:\n  - index.md\n", encoding="utf-8")
    own = run([engine], config, tmp_path / "own")
    ours = run([PAGE_BY_PAGE, engine], config, tmp_path / "page-by-page")
    assert own.returncode == ours.returncode == 1
    warned = problems(own)
    assert any("missing.md" in line for line in warned) and warned[-1].startswith("Aborted with")
    assert problems(ours) == warned


def problems(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The engine's warnings and its last word, on either stream, as the adapter reads its log."""
    return [line for line in (result.stderr + result.stdout).splitlines() if line.startswith(("WARNING", "Aborted"))]
