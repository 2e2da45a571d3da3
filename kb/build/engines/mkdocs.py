"""MkDocs 1.6 with Material (the default engine), and ProperDocs, its fork, which reads the same config."""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

from kb.build.engines.base import Engine


class MkDocs(Engine):
    name = "mkdocs"
    module = "mkdocs"
    theme_package = "material"
    problem_line: ClassVar[re.Pattern[str]] = re.compile(r"^(WARNING|ERROR)\s+-|^Error:|Aborted with")

    def command(self, config_file: Path, *, dirty: bool) -> list[str]:
        # Never --quiet: it silences warnings, and a silenced warning does not fail --strict.
        return [*super().command(config_file, dirty=dirty), *(["--dirty"] if dirty else [])]


class ProperDocs(MkDocs):
    """Same config, same theme, same pages; its <meta name="generator"> names it."""

    name = "properdocs"
    module = "properdocs"
