"""Files and front matter (KB0xx): problems found before any field is read.

The file's encoding, size and name, and its front matter as YAML.

The checks live where the stage that finds the problem runs (see ``checks``); this module
declares the family's codes and examples for ``kb.checks.registry``.
"""

from __future__ import annotations

from kb.checks.family import EXAMPLE_PATH, EXAMPLE_PRACTICE, Example, Family, Rule, Where

FAMILY = Family(
    name="files",
    title="Files and front matter",
    about="Problems found before any field is read: the file's encoding, size and name, and its front matter as YAML.",
    rules=(
        Rule(
            "KB001",
            "The file is not valid UTF-8 text.",
            fails=Example(
                where=Where.FILES,
                files={EXAMPLE_PATH: "---\ntitle: Caf\u00e9\n---\n".encode("latin-1")},
                shown="a file saved as Latin-1 or UTF-16",
            ),
            passes=Example("title: Caf\u00e9 practice in Frankfurt"),
        ),
        Rule(
            "KB002",
            "The file is larger than the size limit.",
            fails=Example(" ".join(["word"] * 60_000), Where.BODY, shown="a practice file of 300 KB"),
            passes=Example("A short text that links to the long document [1].", Where.BODY),
        ),
        Rule(
            "KB003",
            "The file does not start with a '---' line.",
            fails=Example("title: X\n", Where.FILE, shown="title: X (no opening ---)"),
            passes=Example("title: Example practice"),
        ),
        Rule(
            "KB004",
            "The front matter has no closing '---' line.",
            fails=Example("---\ntitle: X\n\n(body follows)\n", Where.FILE),
            passes=Example("title: Example practice"),
        ),
        Rule(
            "KB005",
            "The front matter is not valid YAML.",
            fails=Example("title: 'unclosed"),
            passes=Example("title: 'closed'"),
        ),
        Rule(
            "KB006",
            "YAML tags such as !!python/object or !!str are not allowed.",
            fails=Example("title: !!str 2016"),
            passes=Example("title: '2016'"),
        ),
        Rule(
            "KB007",
            "YAML anchors, aliases and merge keys are not allowed.",
            fails=Example("places: &p [Leicester]"),
            passes=Example("places: [Leicester]"),
        ),
        Rule(
            "KB008",
            "A key appears twice in the same mapping.",
            fails=Example("title: A\ntitle: B"),
            passes=Example("title: Police Youngsters"),
        ),
        Rule(
            "KB009",
            "The front matter must be a mapping of field names to values.",
            fails=Example("---\n- title\n---\n", Where.FILE, shown="- title"),
            passes=Example("title: Example practice"),
        ),
        Rule(
            "KB010",
            "A key must be a plain text field name.",
            fails=Example("2016: start"),
            passes=Example("start_year: 2016"),
        ),
        Rule(
            "KB011",
            "The file name (the entry's permanent id) is not lowercase words joined by hyphens.",
            fails=Example(where=Where.FILES, files={"docs/practices/Neighbourhood_Managers.md": EXAMPLE_PRACTICE}),
            passes=Example(where=Where.FILES, files={"docs/practices/neighbourhood-managers.md": EXAMPLE_PRACTICE}),
        ),
        Rule(
            "KB012",
            "Two entries have the same id, or ids that differ only in case or Unicode form.",
            fails=Example(
                where=Where.FILES,
                files={"docs/practices/Police-Youngsters-Sweden.md": EXAMPLE_PRACTICE},
                shown="docs/practices/Police-Youngsters-Sweden.md beside docs/practices/police-youngsters-sweden.md",
                also=frozenset({"KB011"}),
                note="the file name is not an id either",
            ),
            passes=Example(where=Where.FILES, files={"docs/practices/police-youngsters-malmo.md": EXAMPLE_PRACTICE}),
        ),
        Rule(
            "KB014",
            "The front matter nests deeper than the limit.",
            fails=Example(
                "places: " + "[" * 20 + "x" + "]" * 20,
                shown="places: [[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]] (twenty levels deep)",
            ),
            passes=Example("places: [Frankfurt]"),
        ),
    ),
    checks=(
        "kb.content.loading.load_file",
        "kb.checks.validation.check_ids",
    ),
)
