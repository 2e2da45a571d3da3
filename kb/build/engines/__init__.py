"""The engines that turn the generated source into HTML: one adapter each, run as a child process.

An engine reads only the generated source (kb.build.source_tree) and its
config, written here from the site's settings (``site.yml``); it runs no logic
of the site (MkDocs and ProperDocs run their own build steps in another order,
kb.build.engines.page_by_page, and write the same files). Whatever an engine
needs differently goes into its adapter, and nowhere else. Each adapter says
what it cannot do (``limitations``); the README lists the same, and a test
holds the two together and proves each.
"""

from __future__ import annotations

from kb.build.engines.base import Engine, EngineResult
from kb.build.engines.mkdocs import MkDocs, ProperDocs
from kb.build.engines.zensical import Zensical

ENGINES: dict[str, type[Engine]] = {engine.name: engine for engine in (MkDocs, ProperDocs, Zensical)}
DEFAULT_ENGINE = MkDocs.name

__all__ = ["DEFAULT_ENGINE", "ENGINES", "Engine", "EngineResult"]
