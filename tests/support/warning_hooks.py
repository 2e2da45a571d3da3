"""Test-only MkDocs hooks: the real ones, plus one warning from the hooks' own logger after the build."""

from __future__ import annotations

from typing import Any

from kb.build import mkdocs_hooks

# Every event hook of the real module, so a hook added there is never missing here.
globals().update({name: hook for name, hook in vars(mkdocs_hooks).items() if name.startswith("on_")})


def on_post_build(config: Any, **kwargs: Any) -> None:
    mkdocs_hooks.on_post_build(config, **kwargs)
    mkdocs_hooks.log.warning("a warning from the knowledge base's own code")
