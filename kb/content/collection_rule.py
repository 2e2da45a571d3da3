"""How a collection's rule chooses practices: small functions shared by the
validator (a rule that matches nothing) and the model (the resolved list).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kb.content.vocabularies import Vocabulary
from kb.core.codes import country_name

# Rule fields are named after the practice fields they test, so a curator
# writes the same names and values as in a practice file. Each maps to its
# vocabulary (None: ISO country codes) and to the word for one value.
RULE_FIELDS: dict[str, tuple[str | None, str]] = {
    "countries": (None, "country"),
    "approaches": ("approaches", "approach"),
    "audiences": ("audiences", "audience"),
    "phenomena": ("phenomena", "phenomenon"),
    "evidence": ("evidence", "evidence level"),
    "status": ("statuses", "status"),
    "scope": ("scopes", "scope"),
}


def matches_rule(rule: Mapping[str, Any], practice: Mapping[str, Any]) -> bool:
    """True when, for every field of the rule, the practice has one of its values."""
    for name in RULE_FIELDS:
        wanted = rule.get(name)
        if not wanted:
            continue
        value = practice.get(name)
        values = value if isinstance(value, list) else [value]
        if not any(v in wanted for v in values if isinstance(v, str)):
            return False
    return True


def describe_rule(rule: Mapping[str, Any], vocabularies: Mapping[str, Vocabulary]) -> str:
    """A rule in words: 'approach Policing or Youth and families, in country Sweden'."""
    parts = []
    for name, (vocabulary, noun) in RULE_FIELDS.items():
        values = rule.get(name)
        if not values:
            continue
        if vocabulary is None:
            labels = [country_name(code) for code in values]
        else:
            labels = [vocabularies[vocabulary].term(value).label for value in values]
        parts.append(f"{noun} {' or '.join(labels)}")
    return "; ".join(parts)
