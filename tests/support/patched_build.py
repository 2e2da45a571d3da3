"""Test-only: ``python -m kb build`` with some of its defences switched off, named in KB_TEST_LAYERS_OFF.

Each build-level defence is proved on its own by switching off those in front
of it (comma-separated names):

- ``validator``: its findings are dropped, so the build goes on whatever it found;
- ``body-rules``: the validator's text and file-tree rules are off (its other findings stand);
- ``escaping``: a hand-written page's front matter reaches the theme as written;
- ``leak-check``: no check that contributor text shows unescaped in a finished page;
- ``lossless``: entry text is published with the function it had before the nothing-lost
  fixes (tests/support/lossy_publishing.py), to prove the nothing-lost check sees the loss;
- ``engine-clean``: the generated home page gains a Markdown link to a page that does not
  exist, to prove an engine's warning fails the build.

Run as ``python tests/support/patched_build.py build --root ... --site-dir ...``.
Nothing outside tests/ can reach this route.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import kb.checks.validation
from kb.build import pipeline, postbuild, source_tree
from kb.checks.validation import ValidationResult, validate_knowledge_base
from kb.content.discovery import Layout
from kb.render import entry_pages
from kb.tools.main import main
from tests.support.lossy_publishing import lossy_visible_body

LAYERS = frozenset({"validator", "body-rules", "escaping", "leak-check", "lossless", "engine-clean"})
OFF = frozenset(filter(None, os.environ.get("KB_TEST_LAYERS_OFF", "").split(",")))
if not OFF <= LAYERS:
    raise SystemExit(f"unknown layers {sorted(OFF - LAYERS)}; known: {sorted(LAYERS)}")


def _unvalidated(layout: Layout, only: Any = None) -> ValidationResult:
    return dataclasses.replace(validate_knowledge_base(layout, only), diagnostics=[])


def _with_broken_link(meta: Any, page: Any, held: Any, texts: Any) -> str:
    text = _page_source(meta, page, held, texts)
    return text + "\n[a page that does not exist](no-such-page.md)\n" if page.src_uri == "index.md" else text


_page_source = source_tree._page_source
# Each module imported these by name, so they are replaced where it looks them up.
if "validator" in OFF:
    vars(pipeline)["validate_knowledge_base"] = _unvalidated
if "body-rules" in OFF:
    vars(kb.checks.validation).update(check_body_security=lambda *_, **__: [], check_docs_tree=lambda *_, **__: [])
if "escaping" in OFF:
    vars(source_tree)["theme_meta"] = lambda meta, fields=None: {k: v for k, v in meta.items() if isinstance(v, str)}
if "leak-check" in OFF:
    vars(postbuild)["leaked_text"] = lambda page, values: []
if "lossless" in OFF:
    vars(entry_pages)["visible_body"] = lossy_visible_body
if "engine-clean" in OFF:
    vars(source_tree)["_page_source"] = _with_broken_link

if __name__ == "__main__":
    sys.exit(main())
