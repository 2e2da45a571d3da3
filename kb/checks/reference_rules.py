"""References and dates (KB111, KB2xx): what one entry says of others, and of itself.

Every id an entry names is an entry of the right kind, and its dates agree.

The checks live where the stage that finds the problem runs (see ``checks``); this module
declares the family's codes and examples for ``kb.checks.registry``.
"""

from __future__ import annotations

from kb.checks.family import Example, Family, Rule

FAMILY = Family(
    name="references",
    title="References and dates",
    about=(
        "What one entry says of others, and of itself: every id it names is an entry of the right kind, and its dates "
        "agree."
    ),
    rules=(
        Rule(
            "KB111",
            "An end comes before its start, or a status contradicts the dates.",
            fails=Example("start_year: 2016\nend_year: 2014\nstatus: ended"),
            passes=Example("start_year: 2014\nend_year: 2016\nstatus: ended"),
        ),
        Rule(
            "KB201",
            "A referenced entry does not exist, or is of the wrong kind.",
            fails=Example("presented_at: [no-such-workshop]"),
            passes=Example("presented_at: [amsterdam-2016-women-and-girls]"),
        ),
        Rule(
            "KB202",
            "An entry refers to itself.",
            fails=Example("related: [example-practice]"),
            passes=Example("related: [police-youngsters-sweden]"),
        ),
    ),
    checks=(
        "kb.checks.validation.check_references",
        "kb.checks.validation.check_dates",
    ),
)
