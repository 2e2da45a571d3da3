"""Test-only MkDocs hooks: the real ones, with the validator's text and file-tree rules switched off.

Used only by tests that prove the build's own checks (the sanitiser, the
completeness check) stop what those rules would have stopped first. Nothing
outside tests/ can reach this route.
"""

from __future__ import annotations

import kb.checks.validation
from kb.build import mkdocs_hooks
from kb.content.loading import LoadedFile
from kb.core.diagnostics import Diagnostic

# Every event hook of the real module, so a hook added there is never missing here.
globals().update({name: hook for name, hook in vars(mkdocs_hooks).items() if name.startswith("on_")})


def _no_body_rules(loaded: LoadedFile, consented: frozenset[str] = frozenset()) -> list[Diagnostic]:
    return []


def _no_tree_rules(docs_dir: object, display_prefix: str, walked: object = None) -> list[Diagnostic]:
    return []


# kb.checks.validation imported these by name, so they are replaced where it looks them up.
vars(kb.checks.validation).update(check_body_security=_no_body_rules, check_docs_tree=_no_tree_rules)
