"""Test-only MkDocs hooks: the real ones, with the layers named in KB_TEST_LAYERS_OFF switched off.

Each build-level defence is proved on its own by switching off those in front
of it (comma-separated names):

- ``validator``: its findings are dropped, so the build goes on whatever it found;
- ``escaping``: a hand-written page's front matter reaches the theme as written;
- ``leak-check``: no check that contributor text shows unescaped in a finished page.

Nothing outside tests/ can reach this route.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from typing import Any

from kb.build import mkdocs_hooks
from kb.checks.validation import ValidationResult, validate_knowledge_base
from kb.content.discovery import Layout

# Every event hook of the real module, so a hook added there is never missing here.
globals().update({name: hook for name, hook in vars(mkdocs_hooks).items() if name.startswith("on_")})

LAYERS = frozenset({"validator", "escaping", "leak-check"})
OFF = frozenset(filter(None, os.environ.get("KB_TEST_LAYERS_OFF", "").split(",")))
if not OFF <= LAYERS:
    raise ValueError(f"unknown layers {sorted(OFF - LAYERS)}; known: {sorted(LAYERS)}")


def _unvalidated(layout: Layout, only: Any = None) -> ValidationResult:
    return dataclasses.replace(validate_knowledge_base(layout, only), diagnostics=[])


def _as_written(meta: Any, fields: Any = None) -> dict[str, Any]:
    return dict(meta)


def _no_leaks(page: str, values: list[str]) -> list[str]:
    return []


# The hooks module imported these by name, so they are replaced where it looks them up.
replacements: dict[str, tuple[str, Callable[..., Any]]] = {
    "validator": ("validate_knowledge_base", _unvalidated),
    "escaping": ("theme_meta", _as_written),
    "leak-check": ("leaked_text", _no_leaks),
}
vars(mkdocs_hooks).update(dict(replacements[layer] for layer in OFF))
