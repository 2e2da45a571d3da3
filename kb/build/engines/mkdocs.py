"""MkDocs 1.6 with Material (the default engine), and ProperDocs, its fork, which reads the same config."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import ClassVar

from kb.build.engines.base import Engine

PAGE_BY_PAGE = "kb.build.engines.page_by_page"  # run as the engine's command line


class MkDocs(Engine):
    name = "mkdocs"
    module = "mkdocs"
    theme_package = "material"
    problem_line: ClassVar[re.Pattern[str]] = re.compile(r"^(WARNING|ERROR)\s+-|^Error:|Aborted with")

    def command(self, config_file: Path, *, dirty: bool) -> list[str]:
        # Never --quiet: it silences warnings, and a silenced warning does not fail --strict.
        if dirty:
            return [*super().command(config_file, dirty=dirty), "--dirty"]
        # A whole site is written page by page, so its pages reach the post-build step from the start.
        return [sys.executable, "-m", PAGE_BY_PAGE, self.module, "build", "--strict", "-f", str(config_file)]


class ProperDocs(MkDocs):
    """Same config, same theme, same pages; its <meta name="generator"> names it."""

    name = "properdocs"
    module = "properdocs"
