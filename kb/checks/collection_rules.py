"""Collections: A collection holds practices, chosen by hand or by a rule, each once.

The checks live where the stage that finds the problem runs (see ``checks``); this module
declares the family's codes and examples for ``kb.checks.registry``.
"""

from __future__ import annotations

from kb.checks.family import EXAMPLE_COLLECTION, Example, Family, Rule, Where, example_collection

FAMILY = Family(
    name="collections",
    title="Collections",
    about="A collection holds practices, chosen by hand or by a rule, each once.",
    rules=(
        Rule(
            "KB701",
            "A collection's rule matches no practice (a warning: the collection shows only its items).",
            fails=Example(
                where=Where.FILES,
                files={
                    EXAMPLE_COLLECTION: example_collection("rule: {approaches: [multi-agency-work], countries: [IS]}")
                },
                shown="rule: {approaches: [multi-agency-work], countries: [IS]}",
            ),
            passes=Example(
                where=Where.FILES,
                files={EXAMPLE_COLLECTION: example_collection("rule: {countries: [SE, DE]}")},
                shown="rule: {countries: [SE, DE]}",
            ),
        ),
        Rule(
            "KB702",
            "A collection lists the same practice twice.",
            fails=Example(
                where=Where.FILES,
                files={
                    EXAMPLE_COLLECTION: example_collection(
                        "items: [{practice: police-youngsters-sweden}, {practice: police-youngsters-sweden}]"
                    )
                },
                shown="items: [{practice: a}, {practice: a}]",
            ),
            passes=Example(
                where=Where.FILES,
                files={
                    EXAMPLE_COLLECTION: example_collection(
                        "items: [{practice: police-youngsters-sweden}, {practice: neighbourhood-managers-frankfurt}]"
                    )
                },
                shown="items: [{practice: a}, {practice: b}]",
            ),
        ),
        Rule(
            "KB703",
            "A collection has neither items nor a rule.",
            fails=Example(
                where=Where.FILES, files={EXAMPLE_COLLECTION: example_collection("")}, shown="(no items:, no rule:)"
            ),
            passes=Example(
                where=Where.FILES,
                files={EXAMPLE_COLLECTION: example_collection("items: [{practice: police-youngsters-sweden}]")},
                shown="items: [{practice: police-youngsters-sweden}]",
            ),
        ),
    ),
    checks=(
        "kb.checks.validation.check_collection",
        "kb.checks.validation.check_collection_rules",
    ),
)
