"""Zensical 0.0.x: Material's successor, which reads mkdocs.yml but runs no hooks or plugins."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, ClassVar

from kb.build.engines.base import Engine


class Zensical(Engine):
    name = "zensical"
    module = "zensical"
    theme_package = "zensical"
    problem_line: ClassVar[re.Pattern[str]] = re.compile(r"^\s*(Warning|Error|RuntimeError):")
    # The README's list "What Zensical cannot do"; tests/test_engines.py proves each, in this order.
    limitations = (
        "rewrites relative URLs in raw HTML",
        "ignores hooks, plugins and unknown config keys",
        "ignores validation.nav",
        "always adds pymdownx.superfences",
        "writes search.json and no sitemap.xml.gz",
        "uses its own theme",
        "needs its folders inside the config's and writes a cache there",
        "has no dirty build and no strict serve",
    )

    def config(self, settings: dict[str, Any]) -> dict[str, Any]:
        # Its own search is on even with no plugins listed: Pagefind is the site's search.
        return settings | {"plugins": {"search": {"enabled": False}}}

    def command(self, config_file: Path, *, dirty: bool) -> list[str]:
        # Its cache makes a rebuild incremental (there is no --dirty); a full build starts clean.
        return [*super().command(config_file, dirty=dirty), *([] if dirty else ["--clean"])]
