"""How a collection's rule chooses practices: small functions shared by the
validator (a rule that matches nothing) and the model (the resolved list).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kb.content.catalogue import Catalogue
from kb.content.speech import Speech
from kb.core.codes import country_name, language_name
from kb.core.kinds import COLLECTION

# Rule fields are named after the practice fields they test, so a curator
# writes the same names and values as in a practice file. Which fields a rule
# may name, and the values each takes, is collection.schema.json's to say.
RULE = ("rule",)
CODE_NAMES = {"countries": country_name, "languages": language_name}  # by the schema's x-kb-codes


def matches_rule(rule: Mapping[str, Any], practice: Mapping[str, Any]) -> bool:
    """True when, for every field of the rule, the practice has one of its values."""
    for name, wanted in rule.items():
        if not wanted:
            continue
        value = practice.get(name)
        values = value if isinstance(value, list) else [value]
        if not any(v in wanted for v in values if isinstance(v, str)):
            return False
    return True


def describe_rule(rule: Mapping[str, Any], catalogue: Catalogue, say: Speech | None = None) -> str:
    """A rule in words: 'approach Policing or Youth and families; country Sweden'.

    With ``say``, in its language: each field is named by its ``rule.<field>`` string, values by their
    labels and names in that language. Without, as the validator's messages say it: each field named by
    its ``title`` in the collection schema, in the schema's order.
    """
    properties = catalogue.schemas["collection.schema.json"]["properties"]["rule"]["properties"]
    parts = []
    for name, value_list in catalogue.value_lists(COLLECTION, RULE).items():
        values = rule.get(name)
        if not values:
            continue
        if value_list.vocabulary is not None:
            vocabulary = (say.vocabularies if say else catalogue.vocabularies)[value_list.vocabulary]
            labels = [vocabulary.term(value).label for value in values]
        elif say is not None:
            name_of = say.country if value_list.codes == "countries" else say.language_name
            labels = [name_of(code) for code in values]
        else:
            labels = [CODE_NAMES[str(value_list.codes)](code) for code in values]
        if say is None:
            parts.append(f"{str(properties[name].get('title', name)).lower()} {' or '.join(labels)}")
        else:
            parts.append(say.t("rule.field", field=say.t(f"rule.{name}"), values=say.either(labels)))
    return "; ".join(parts)
