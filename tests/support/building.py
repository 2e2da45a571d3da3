"""Real builds for tests: ``python -m kb build`` in a child process, as ``make build`` runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from tests.support.repo import REPOSITORY

# The site's address and where edit links point come only from the test, never
# from the machine running it (GitHub Actions sets some of these).
MACHINE_VARIABLES = (
    "KB_SITE_URL",
    "GITHUB_ACTIONS",
    "KB_REPOSITORY_URL",
    "KB_EDIT_BRANCH",
    "GITHUB_SERVER_URL",
    "GITHUB_REPOSITORY",
)
PATCHED_BUILD = REPOSITORY / "tests" / "support" / "patched_build.py"


def kb_build(
    root: Path,
    site: Path,
    site_url: str | None = None,
    env: dict[str, str] | None = None,
    *,
    engine: str = "mkdocs",
    layers_off: Iterable[str] = (),
    languages: str | None = "en",
) -> subprocess.CompletedProcess[str]:
    """Build the repository copy at ``root`` into ``site``; ``layers_off`` switches defences off
    (tests/support/patched_build.py names them). ``languages``: the editions to build, English alone
    unless a test is about languages (None: every language of site.yml)."""
    off = ",".join(layers_off)
    inherited = {name: value for name, value in os.environ.items() if name not in MACHINE_VARIABLES}
    env = (
        inherited
        | {"NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPOSITORY), "KB_TEST_LAYERS_OFF": off}
        | ({"KB_SITE_URL": site_url} if site_url else {})
        | (env or {})
    )
    program = [str(PATCHED_BUILD)] if off else ["-m", "kb"]
    return subprocess.run(
        [sys.executable, *program, "build", "--root", str(root), "--site-dir", str(site), "--engine", engine]
        + (["--languages", languages] if languages else []),
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
    )
