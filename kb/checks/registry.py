"""Every family of rules, and each code's rule: the one place that maps a code to its family, examples and checks.

In: the ``FAMILY`` each module of rules declares (``kb.checks.family``), and
the codes' identities in ``kb.core.rules``.

Out: ``FAMILIES`` in the order the field reference lists them, ``RULES``
(code -> ``Rule``, in code order), ``family_of`` and ``checks_of``. Importing
this module checks that every code has exactly one family and every family's
code exists, so a code cannot be added without its examples.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from kb.checks import (
    block_rules,
    body_rules,
    buildable,
    catalogue_rules,
    collection_rules,
    file_rules,
    marker_rules,
    permalink_rules,
    personal_data,
    reference_rules,
    render_limits,
    schema_rules,
    site_files,
    string_rules,
    titles,
    translation_rules,
)
from kb.checks.family import Family, Rule
from kb.core.rules import CODES

FAMILIES: tuple[Family, ...] = (
    file_rules.FAMILY,
    site_files.FAMILY,
    schema_rules.FAMILY,
    reference_rules.FAMILY,
    block_rules.FAMILY,
    body_rules.FAMILY,
    buildable.FAMILY,
    render_limits.FAMILY,
    personal_data.FAMILY,
    titles.FAMILY,
    collection_rules.FAMILY,
    permalink_rules.FAMILY,
    marker_rules.FAMILY,
    catalogue_rules.FAMILY,
    translation_rules.FAMILY,
    string_rules.FAMILY,
)


def _rules_by_code() -> dict[str, Rule]:
    found: dict[str, Rule] = {}
    for family in FAMILIES:
        for rule in family.rules:
            if rule.code in found:
                raise ValueError(f"{rule.code} is declared by two families")
            if rule.code not in CODES:
                raise ValueError(f"{rule.code} of the family '{family.name}' is not in kb.core.rules")
            found[rule.code] = rule
    missing = sorted(set(CODES) - set(found))
    if missing:
        raise ValueError(f"no family declares {', '.join(missing)}; add each to the module that checks it")
    return {code: found[code] for code in sorted(found)}


RULES: dict[str, Rule] = _rules_by_code()
_FAMILY_OF = {rule.code: family for family in FAMILIES for rule in family.rules}


def family_of(code: str) -> Family:
    return _FAMILY_OF[code]


def checks_of(family: Family) -> list[Callable[..., Any]]:
    """The functions that raise a family's codes, imported by name (some run in kb.content, before kb.checks)."""
    found = []
    for qualified in family.checks:
        module, _, name = qualified.rpartition(".")
        found.append(getattr(importlib.import_module(module), name))
    return found
