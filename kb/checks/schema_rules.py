"""Fields: The front matter against the entry's JSON Schema in schema/: which fields, of which type, in which form.

The checks live where the stage that finds the problem runs (see ``checks``); this module
declares the family's codes and examples for ``kb.checks.registry``.
"""

from __future__ import annotations

from kb.checks.family import Example, Family, Rule

FAMILY = Family(
    name="fields",
    title="Fields",
    about="The front matter against the entry's JSON Schema in schema/: which fields, of which type, in which form.",
    rules=(
        Rule(
            "KB101",
            "A required field is missing.",
            fails=Example("summary:", shown="(no summary:)"),
            passes=Example("summary: One or two sentences on what the practice does."),
        ),
        Rule(
            "KB102",
            "A field is not in the schema.",
            fails=Example("contry: [DE]", also=frozenset(), note=""),
            passes=Example("countries: [DE]"),
        ),
        Rule(
            "KB103",
            "A field has the wrong type of value.",
            fails=Example("countries: DE"),
            passes=Example("countries: [DE]"),
        ),
        Rule(
            "KB104",
            "YAML reads an unquoted value as a yes/no, number or date where text is expected.",
            fails=Example("title: yes"),
            passes=Example("title: 'yes'"),
        ),
        Rule(
            "KB105",
            "A value is not in its controlled vocabulary.",
            fails=Example("approaches: [youth]"),
            passes=Example("approaches: [community-engagement]"),
        ),
        Rule(
            "KB106",
            "A country is not an ISO 3166-1 alpha-2 code.",
            fails=Example("countries: [UK]"),
            passes=Example("countries: [GB]"),
        ),
        Rule(
            "KB107",
            "A text is longer or shorter than its limit.",
            fails=Example("summary: " + "word " * 100, shown="summary: (500 characters)"),
            passes=Example("summary: One or two sentences on what the practice does."),
        ),
        Rule(
            "KB108",
            "A web address, e-mail address, date or id is not written in the expected form.",
            fails=Example("website: www.example.org"),
            passes=Example("website: https://www.example.org"),
        ),
        Rule(
            "KB109",
            "A list has too few items or repeats an item.",
            fails=Example("countries: [DE, DE]"),
            passes=Example("countries: [DE]"),
        ),
        Rule(
            "KB110",
            "A number is outside its allowed range.",
            fails=Example("start_year: 216"),
            passes=Example("start_year: 2016"),
        ),
        Rule(
            "KB112",
            "A language is not an ISO 639-1 code.",
            fails=Example("languages: [german]"),
            passes=Example("languages: [de]"),
        ),
        Rule(
            "KB113",
            "The value breaks another rule of the schema.",
            fails=Example("contact: {}"),
            passes=Example("contact: {organisation: ran-local}"),
        ),
    ),
    checks=("kb.content.schema_check.check_against_schema",),
)
