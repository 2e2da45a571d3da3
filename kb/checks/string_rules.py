"""The interface's words: problems in the catalogues of strings in i18n/, one per language.

The checks run where the catalogues are read (kb.content.strings.load_strings);
this module declares the family's codes and examples for ``kb.checks.registry``.
"""

from __future__ import annotations

from kb.checks.family import Example, Family, Rule, Where

ENGLISH = "i18n/en.yaml"
GERMAN = "i18n/de.yaml"
# The languages besides English that site.yml publishes: a string added in English must be added in
# each of them. When site.yml changes, the passing examples below say which catalogue lacks it.
OTHER_LANGUAGES = ("de", "fr", "nl", "sv", "es", "it", "pl")
COMMENT = "# A comment is not a string.\n"


def _in_every_language(english: str, **others: str) -> dict[str, str]:
    """The same new string added to every catalogue: ``others`` by language code, else ``english``."""
    return {ENGLISH: english} | {f"i18n/{code}.yaml": others.get(code, english) for code in OTHER_LANGUAGES}


FAMILY = Family(
    name="strings",
    title="The interface's words",
    about="The catalogues of strings in i18n/: English and one file for each language site.yml publishes.",
    rules=(
        Rule(
            "KB950",
            "A catalogue of strings is missing, cannot be read, or holds a value that is neither a text nor "
            "plural forms.",
            fails=Example(where=Where.FILES, appends={GERMAN: "zz_example: [a, b]\n"}, shown="zz_example: [a, b]"),
            passes=Example(where=Where.FILES, appends={GERMAN: COMMENT}, shown=COMMENT.strip()),
        ),
        Rule(
            "KB951",
            "A string of i18n/en.yaml is missing in another language's catalogue: the coverage check.",
            fails=Example(
                where=Where.FILES,
                appends={ENGLISH: "zz_example: Example\n"},
                shown="zz_example: Example (in English only)",
            ),
            passes=Example(
                where=Where.FILES,
                appends=_in_every_language("zz_example: Example\n", de="zz_example: Beispiel\n"),
                shown="zz_example in every catalogue",
            ),
        ),
        Rule(
            "KB952",
            "A catalogue has a string that English does not: a misspelt or removed key.",
            fails=Example(where=Where.FILES, appends={GERMAN: "zz_example: Beispiel\n"}, shown="zz_example: Beispiel"),
            passes=Example(where=Where.FILES, appends={GERMAN: COMMENT}, shown=COMMENT.strip()),
        ),
        Rule(
            "KB953",
            "A translated string has other {placeholders} than the English one, or other plural forms than its "
            "language needs.",
            fails=Example(
                where=Where.FILES,
                appends=_in_every_language('zz_example: "{count} items"\n', de="zz_example: Einträge\n"),
                shown='"{count} items" translated as "Einträge"',
            ),
            passes=Example(
                where=Where.FILES,
                appends=_in_every_language('zz_example: "{count} items"\n', de='zz_example: "{count} Einträge"\n'),
                shown='"{count} items" translated as "{count} Einträge"',
            ),
        ),
    ),
    checks=("kb.content.strings.load_strings",),
)
