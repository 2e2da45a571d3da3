"""Vocabularies and schemas: Problems in schema/ itself, for maintainers.

The checks live where the stage that finds the problem runs (see ``checks``); this module
declares the family's codes and examples for ``kb.checks.registry``.
"""

from __future__ import annotations

from kb.checks.family import EXAMPLE_VOCABULARY, Example, Family, Rule, Where

FAMILY = Family(
    name="catalogue",
    title="Vocabularies and schemas",
    about="Problems in schema/ itself, for maintainers.",
    rules=(
        Rule(
            "KB901",
            "A vocabulary file in schema/vocabularies/ is invalid.",
            fails=Example(
                where=Where.FILES,
                files={"schema/vocabularies/extra.yaml": EXAMPLE_VOCABULARY.format(second="local")},
                shown="two terms with the same id",
            ),
            passes=Example(
                where=Where.FILES,
                files={"schema/vocabularies/extra.yaml": EXAMPLE_VOCABULARY.format(second="national")},
                shown="one term per id",
            ),
        ),
    ),
    checks=(
        "kb.content.vocabularies.load_vocabularies",
        "kb.checks.validation.validate_knowledge_base",
    ),
)
