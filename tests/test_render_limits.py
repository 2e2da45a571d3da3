"""Bounded work per file: the work rendering a text takes, the limits on it, and the worst-case files.

No test here is timed: how fast the worst cases are validated is measured by
``make bench`` (benchmarks/worst_case.py). Here each worst case must be
validated to the end, refused for the right reason or accepted and rendered.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from kb.checks import render_limits as limits
from kb.checks.body_rules import check_body_security
from kb.checks.render_limits import RenderingWork, _code_spans, measure_rendering_work
from kb.checks.validation import validate_knowledge_base
from kb.content.discovery import Layout
from kb.content.loading import parse_text
from kb.core.markdown import markdown_renderer
from kb.tools.synthetic import WORST_CASE_BODIES, worst_case_practice, write_synthetic_knowledge_base

FRONT_MATTER = "---\ntitle: Example\n---\n"


def work_of(body: str) -> RenderingWork:
    from kb.checks.body_rules import _lines

    return measure_rendering_work(_lines(parse_text(FRONT_MATTER + body, "x.md")))


def codes(body: str) -> list[str]:
    return sorted({d.code for d in check_body_security(parse_text(FRONT_MATTER + body, "x.md"))})


# Code spans as Python-Markdown pairs runs of backticks, including its odd cases.
CODE_SPANS = [
    "`a`",
    "``a ` b``",
    "``a`",  # the longer opener gives its extra backtick to the code
    "`a``",  # no partner: text
    "`a` and ``b`` and ```c```",
    "``a``b`",
    "`a``b``c`",
    "\\`a` b`",  # an escaped backtick opens nothing
    "a ``` b ``` c",
    "`one\nline break`",
    "`no\n\nblank line`",
    "`a`a`a`a`",
    "x `` y ` z",
]


def rendered_code(body: str) -> list[str]:
    markup = markdown_renderer().convert(body)
    return [html.unescape(code) for code in re.findall(r"<code>(.*?)</code>", markup, re.DOTALL)]


def scanned_code(body: str) -> list[str]:
    """The code of each span the scan finds, cut as the renderer cuts it (the closing run's length off each end)."""
    found = []
    for block in body.split("\n\n"):
        for start, end in _code_spans(block, RenderingWork([]), lambda offset: (1, offset + 1)):
            ticks = len(block[:end]) - len(block[:end].rstrip("`"))
            found.append(block[start + ticks : end - ticks].strip())
    return found


@pytest.mark.parametrize("body", CODE_SPANS)
def test_code_spans_are_found_as_the_renderer_finds_them(body: str) -> None:
    assert scanned_code(body) == rendered_code(body)


def test_code_spans_are_blanked_out_for_the_other_rules() -> None:
    assert work_of("a `<b>` c\n`d\ne`").masked_lines == ["a       c", "  ", "  "]


def test_an_unclosed_bracket_searches_to_the_end_of_its_paragraph() -> None:
    work = work_of("[" * 100 + "\n\nNext paragraph [a](b).")
    # Each '[' to the end of its paragraph; the link's '[' to its ']' and '(' to its ')'.
    assert work.searched == sum(range(1, 101)) + 2 + 2
    assert work.longest_search is not None and work.longest_search.line == 4


def test_a_run_of_backticks_with_no_partner_searches_to_the_end() -> None:
    assert work_of("x `` y `` z").searched == len("`` y ``")
    assert work_of("x `` y ``` z").searched == len("`` y ``` z") + len("``` z")


@pytest.mark.parametrize(
    ("name", "within", "over", "code"),
    [
        ("lines", "x\n" * (limits.MAX_LINES - 1), "x\n" * limits.MAX_LINES, "KB444"),
        ("blocks", "x\n\n" * limits.MAX_BLOCKS, "x\n\n" * (limits.MAX_BLOCKS + 1), "KB442"),
        ("markup", "*x\n\n" * limits.MAX_MARKUP, "*x\n\n" * (limits.MAX_MARKUP // 2) + "**\n", "KB443"),
    ],
)
def test_each_count_is_refused_one_over_its_limit(name: str, within: str, over: str, code: str) -> None:
    from kb.checks.render_limits import check_line_count

    def problems(body: str) -> list[str]:
        loaded = parse_text(FRONT_MATTER + body, "x.md")
        found = check_line_count(loaded) or check_body_security(loaded)
        return [d.code for d in found]

    if name == "markup":
        within = "x\n\n".join(["*" * 5] * (limits.MAX_MARKUP // 5))
        over = within + "*"
    assert code not in problems(within)
    assert code in problems(over)


def test_closer_searches_are_refused_past_their_limit() -> None:
    # n brackets in one paragraph search n + (n - 1) + ... + 1 characters.
    n = next(n for n in range(1, 5000) if n * (n + 1) // 2 > limits.MAX_CLOSER_SEARCH)
    assert "KB440" not in codes("[" * (n - 1))
    assert codes("[" * n) == ["KB440"]


def test_density_is_refused_past_its_limit() -> None:
    # One paragraph of markup characters and letters: length times markup.
    markup = 5_000
    letters = limits.MAX_MARKUP_DENSITY // markup - markup
    assert work_of("*" * markup + "x" * letters).density == limits.MAX_MARKUP_DENSITY
    assert "KB441" not in codes("*" * markup + "x" * letters)
    assert "KB441" in codes("*" * markup + "x" * (letters + 1))


def test_a_file_lists_at_most_so_many_problems_of_one_kind() -> None:
    found = check_body_security(parse_text(FRONT_MATTER + "bad\x01 " * 100, "x.md"))
    assert len(found) == limits.MAX_PROBLEMS_PER_RULE + 1
    assert found[-1].message.startswith(f"{100 - limits.MAX_PROBLEMS_PER_RULE} more KB406 problems")


def test_the_limits_are_stated_with_the_rule_that_keeps_each() -> None:
    from kb.checks.registry import RULES

    stated = limits.stated_limits()
    assert {limit.code for limit in stated if limit.code} == {
        "KB002",
        "KB014",
        "KB440",
        "KB441",
        "KB442",
        "KB443",
        "KB444",
    }
    assert all(limit.code in RULES for limit in stated if limit.code)


@pytest.fixture(scope="module")
def knowledge_base(tmp_path_factory: pytest.TempPathFactory) -> Layout:
    root = tmp_path_factory.mktemp("worst-case")
    write_synthetic_knowledge_base(root, 0)
    return Layout.for_root(root)


ACCEPTED = {name for name in WORST_CASE_BODIES if name.endswith("-within-limits")} | {
    "open-braces",
    "percent-after-at",
    "spaces-in-a-link",
    "digit-groups",
    "one-digit-groups",
}


@pytest.mark.parametrize("name", list(WORST_CASE_BODIES))
def test_each_worst_case_file_at_the_size_cap_is_validated_to_the_end(name: str, knowledge_base: Layout) -> None:
    path: Path = knowledge_base.docs_dir / "practices" / f"worst-case-{name}.md"
    path.write_text(worst_case_practice(name), encoding="utf-8")
    try:
        result = validate_knowledge_base(knowledge_base, only=[path])
    finally:
        path.unlink()
    found = {d.code for d in result.diagnostics}
    if name in ACCEPTED:
        assert found == set()
    else:
        assert found, f"{name} is neither refused nor meant to be accepted"
        assert all(d.line >= 1 and d.column >= 1 for d in result.diagnostics)
        assert len(result.diagnostics) <= len(found) * (limits.MAX_PROBLEMS_PER_RULE + 1)
