"""The site's style sheet is read as written: a block left open swallows every rule after it."""

from __future__ import annotations

import re

from tests.support.repo import REPOSITORY

STYLESHEET = REPOSITORY / "docs" / "assets" / "kb.css"


def test_every_block_of_the_style_sheet_is_closed_where_it_should_be() -> None:
    text = re.sub(r"/\*.*?\*/", "", STYLESHEET.read_text(encoding="utf-8"), flags=re.DOTALL)
    depth = 0
    for number, line in enumerate(text.splitlines(), start=1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"kb.css line {number} closes a block that is not open"
        if line and not line[0].isspace() and not line.startswith("}"):
            # A rule or an at-rule starts at the left margin only at the top level.
            assert depth <= 1, f"kb.css line {number} starts a rule inside a block left open above it"
    assert depth == 0, "kb.css ends with a block left open"
