"""Vocabularies and schemas: Problems in schema/ itself, for maintainers.

The checks live where the stage that finds the problem runs (see ``checks``); this module
declares the family's codes and examples for ``kb.checks.registry``.
"""

from __future__ import annotations

from kb.checks.family import EXAMPLE_VOCABULARY, Example, Family, Rule, Where

# The example vocabulary's German labels (schema/vocabularies/extra.de.yaml), its first term's id given.
EXAMPLE_VOCABULARY_TRANSLATION = (
    "vocabulary: extra\nlanguage: de\nlabel: Zusatz\ndescription: Ein Vokabular für die Beispiele des Validators.\n"
    "terms:\n"
    "  {first}:\n    label: Lokal\n    description: Der erste Begriff.\n"
    "  national:\n    label: National\n    description: Der zweite Begriff.\n"
)

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
        Rule(
            "KB902",
            (
                "A vocabulary's labels in another language (a file such as schema/vocabularies/approaches.de.yaml "
                "for approaches.yaml in German) are invalid, name a term the vocabulary lacks or leave one out; or a "
                "vocabulary the site shows has no such file for a language site.yml names."
            ),
            fails=Example(
                where=Where.FILES,
                files={
                    "schema/vocabularies/extra.yaml": EXAMPLE_VOCABULARY.format(second="national"),
                    "schema/vocabularies/extra.de.yaml": EXAMPLE_VOCABULARY_TRANSLATION.format(first="locale"),
                },
                shown="extra.de.yaml translates a term 'locale', where extra.yaml has 'local'",
            ),
            passes=Example(
                where=Where.FILES,
                files={
                    "schema/vocabularies/extra.yaml": EXAMPLE_VOCABULARY.format(second="national"),
                    "schema/vocabularies/extra.de.yaml": EXAMPLE_VOCABULARY_TRANSLATION.format(first="local"),
                },
                shown="extra.de.yaml translates each term of extra.yaml, by its id",
            ),
        ),
    ),
    checks=(
        "kb.content.vocabularies.load_vocabularies",
        "kb.content.vocabulary_translations.load_vocabulary_translations",
        "kb.checks.validation.validate_knowledge_base",
    ),
)
