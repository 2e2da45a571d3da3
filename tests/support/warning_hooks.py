"""Test-only MkDocs hooks: the real ones, plus one warning from the hooks' own logger after the build."""

from __future__ import annotations

from typing import Any

from kb import mkdocs_hooks
from kb.mkdocs_hooks import (
    on_config,
    on_files,
    on_page_content,
    on_page_markdown,
    on_post_page,
    on_post_template,
    on_pre_build,
)


def on_post_build(config: Any, **kwargs: Any) -> None:
    mkdocs_hooks.on_post_build(config, **kwargs)
    mkdocs_hooks.log.warning("a warning from the knowledge base's own code")


__all__ = [
    "on_config",
    "on_files",
    "on_page_content",
    "on_page_markdown",
    "on_post_build",
    "on_post_page",
    "on_post_template",
    "on_pre_build",
]
