"""Source markers ([1], [1, 3]): what is one, how it renders, and what the validator says about it."""

from __future__ import annotations

import pytest

from kb.build.published import page_text
from kb.checks.marker_rules import check_markers
from kb.content.loading import parse_text
from kb.content.source_markers import find_markers, sections
from kb.core.html_policy import unsafe_markup
from kb.core.kinds import ORGANISATION, PRACTICE
from kb.core.markdown import HeldHtml, fill_inline_slots, html_inline, inline_slot, render_html
from kb.render.marker_links import link_markers, marker_html

TITLES = ["First source", "Second source", "Third source"]


def markers(text: str) -> list[tuple[str, tuple[int, ...], str | None]]:
    return [(m.text, m.numbers, m.problem) for m in find_markers(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A fact [1].", [("[1]", (1,), None)]),
        ("Two sources [1, 3] and [2,3].", [("[1, 3]", (1, 3), None), ("[2,3]", (2, 3), None)]),
        ("Side by side [1][2].", [("[1]", (1,), None), ("[2]", (2,), None)]),
        ("[1] at the start of a paragraph.", [("[1]", (1,), None)]),
        ("Before a colon [1]: still a marker.", [("[1]", (1,), None)]),
        ("A year in brackets [2016] is read as a marker.", [("[2016]", (2016,), None)]),
        (
            "A range [1-3], a semicolon [1; 2], spaces [ 1 ].",
            [
                ("[1-3]", (), "malformed"),
                ("[1; 2]", (), "malformed"),
                ("[ 1 ]", (), "malformed"),
            ],
        ),
        ("## A heading [1]\n\nText [2].", [("[1]", (1,), "heading"), ("[2]", (2,), None)]),
        ("A heading [1]\n-------------\n\nText.", [("[1]", (1,), "heading")]),
        ("[the report [1]](https://example.org) [2]", [("[1]", (1,), "brackets"), ("[2]", (2,), None)]),
        ("An open [bracket\n\nends with its paragraph [1].", [("[1]", (1,), None)]),
    ],
)
def test_what_is_a_marker(text: str, expected: list[tuple[str, tuple[int, ...], str | None]]) -> None:
    assert markers(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "In code `[1]` and ``a [2] b``.",
        "```\n[1]\n```",
        "~~~~\n[1]\n~~~\nstill code [2]\n~~~~",
        "Escaped \\[1] shows brackets.",
        "A link whose text is a number: [1](https://example.org/one).",
        "A link's address [site](https://example.org/list[1]) and (nested [2](https://x.org/(a)[3])).",
        "[1]: https://example.org/a-reference-definition",
        "Text.\n   [2]: https://example.org/indented-definition",
        "An autolink <https://example.org/a[1]b>.",
        "No brackets at all.",
    ],
)
def test_what_is_not_a_marker(text: str) -> None:
    assert markers(text) == []


def test_a_comment_is_no_marker_for_the_validator() -> None:
    loaded = parse_text(
        "---\ntitle: X\nsources:\n  - title: A\n---\n\n<!-- [2] a note -->\nText [1].\n", "docs/practices/x.md"
    )
    assert check_markers(loaded, PRACTICE) == []


def held(numbers: list[int]) -> str:
    """A marker as link_markers writes it: its HTML, held out of the Markdown (kb.core.markdown.html_inline)."""
    return html_inline(marker_html(numbers, TITLES))


def test_link_markers_links_resolvable_markers_and_leaves_the_rest() -> None:
    text = "A [1] b [1, 3] c [4] d `[2]` e [1-2]."
    linked = link_markers(text, TITLES)
    assert linked == (f"A{held([1])} b{held([1, 3])} c [4] d `[2]` e [1-2].")
    assert link_markers("No markers.", TITLES) == "No markers."


def test_a_marker_is_a_superscript_link_per_source_that_reads_as_written() -> None:
    html = render_html(link_markers("A fact [1, 2].", TITLES))
    assert html == (
        '<p>A fact<sup class="kb-ref">&#91;<a href="#source-1" title="First source" aria-label="Source 1">1</a>, '
        '<a href="#source-2" title="Second source" aria-label="Source 2">2</a>&#93;</sup>.</p>'
    )
    assert page_text(html) == "A fact [ 1 , 2 ] ."
    assert unsafe_markup(html) == []


@pytest.mark.parametrize(
    "text",
    [
        "[1] at the start of a paragraph.",
        "- a list item [2]\n- another [1, 3]",
        "| a | b |\n| --- | --- |\n| cell [1] | [2] |",
        "*Emphasis [1]* and **strong [2]**.",
        "> A quotation [3].",
    ],
)
def test_markers_render_inline_wherever_text_goes_and_pass_the_sanitiser(text: str) -> None:
    html = render_html(link_markers(text, TITLES))
    assert html.count('<sup class="kb-ref">') == len(find_markers(text))
    assert "<div" not in html  # never taken for a block of raw HTML
    assert unsafe_markup(html) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A fact [1].", "A fact<M>."),
        ('It said "yes" [1], and more.', 'It said "yes"<M>, and more.'),
        ("**Bold** [1]", "**Bold** <M>"),  # after emphasis the space stays: '**<M>' could end it differently
        ("- [1] a list item", "- <M> a list item"),
        ("1. [1] a numbered item", "1. <M> a numbered item"),
        ("> [1] a quotation", "> <M> a quotation"),
        ("Text\n    [1]", "Text\n    <M>"),
    ],
)
def test_a_marker_is_set_against_the_word_it_follows_but_not_a_list_mark(text: str, expected: str) -> None:
    assert link_markers(text, TITLES).replace(held([1]), "<M>") == expected


def test_a_source_title_cannot_break_out_of_the_marker() -> None:
    hostile = ['"><script>alert(1)</script>', "A & B <i>"]
    html = render_html(link_markers("Text [1, 2].", hostile))
    assert "<script>" not in html and "<i>" not in html
    assert unsafe_markup(html) == []


def test_sections_are_cut_at_level_two_headings_outside_code() -> None:
    text = (
        "Intro [1].\n\n## What it does\n\nText.\n\n```\n## not a heading\n```\n\n## Who it is for\n\n[2]\n\n## Empty\n"
    )
    found = sections(text, find_markers(text))
    assert [(s.heading, s.first_line, s.has_text, s.has_marker) for s in found] == [
        (None, 0, True, True),
        ("What it does", 2, True, False),
        ("Who it is for", 10, True, True),
        ("Empty", 14, False, False),
    ]


def entry(body: str, sources: str = "  - title: A\n") -> str:
    return f"---\ntitle: X\nsources:\n{sources}---\n{body}"


def test_a_practice_must_cite_every_source_and_others_only_once_they_use_markers() -> None:
    two = "  - title: A\n  - title: B\n"
    practice = parse_text(entry("\nNo markers.\n", two), "docs/practices/x.md")
    assert [(d.line, d.code) for d in check_markers(practice, PRACTICE)] == [(4, "KB802"), (5, "KB802")]
    organisation = parse_text(entry("\nNo markers.\n", two), "docs/organisations/x.md")
    assert check_markers(organisation, ORGANISATION) == []
    citing = parse_text(entry("\nOne marker [2].\n", two), "docs/organisations/x.md")
    assert [(d.line, d.code) for d in check_markers(citing, ORGANISATION)] == [(4, "KB802")]


def test_only_a_practice_with_a_web_source_needs_a_marker_in_every_section() -> None:
    body = "\n## What it does\n\nText [1].\n\n## How it works\n\nText.\n"
    offline = parse_text(entry(body), "docs/practices/x.md")
    assert check_markers(offline, PRACTICE) == []
    online = parse_text(
        entry(body, "  - title: A\n    url: https://example.org/\n    accessed: '2026-11-24'\n"), "docs/practices/x.md"
    )
    (problem,) = check_markers(online, PRACTICE)
    assert (problem.line, problem.column, problem.code) == (13, 1, "KB803")
    assert "section 'How it works' cites no source" in problem.message


def test_messages_say_where_and_how_to_fix() -> None:
    loaded = parse_text(entry("\nText [3], [1-2] and ## [1]\n\n## Heading [1]\n"), "docs/practices/x.md")
    messages = [f"{d.line}:{d.column} {d.code} {d.message}" for d in check_markers(loaded, PRACTICE)]
    assert messages == [
        "7:6 KB801 marker [3] cites source 3, but the entry lists 1 source; markers count the sources from 1 in "
        "the order of the sources field, so use 1 or add the source",
        "7:11 KB804 '[1-2]' is not a marker: write the source numbers separated by commas, such as [1, 2, 3] "
        "(ranges and semicolons are not read); to show the brackets as text, write \\[ instead of [",
        "9:12 KB805 marker [1] is in a heading where it cannot link to its source; put it in the text under the "
        "heading",
    ]


def test_a_marker_reaches_the_engine_as_one_plain_word_and_is_put_back_once() -> None:
    held = HeldHtml(link_markers("A fact [1, 2]. Another [2].", TITLES))
    assert "<" not in held.markdown and "[" not in held.markdown  # nothing an engine's Markdown would parse
    both, second = marker_html([1, 2], TITLES), marker_html([2], TITLES)
    assert held.fill(f"<p>{held.markdown}</p>") == f"<p>A fact{both}. Another{second}.</p>"


@pytest.mark.parametrize(
    ("rendered", "problem"),
    [
        ('<p title="{0}">text</p>', "inside a tag"),  # an attribute's value: the HTML would break it open
        ("<p>{0} and {0}</p>", "not once each"),  # copied
        ("<p>text</p>", "not once each"),  # dropped
    ],
)
def test_an_inline_slot_out_of_place_is_refused(rendered: str, problem: str) -> None:
    slot = inline_slot("kbfeed", 0)
    with pytest.raises(ValueError, match=problem):
        fill_inline_slots(rendered.format(slot), "kbfeed", ["<sup>1</sup>"])
