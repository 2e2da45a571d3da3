"""The security and personal-data rules on small texts, without a knowledge base around them."""

from __future__ import annotations

import pytest

from kb.checks import body_rules
from kb.checks.body_rules import check_body_security, find_personal_data, personal_email
from kb.content.loading import parse_text

FRONT_MATTER = "---\ntitle: Example\n---\n"
BODY_LINE = 4

# (name, body, expected (line offset in body, column, code) of every problem)
BODIES: list[tuple[str, str, list[tuple[int, int, str]]]] = [
    ("script", "<script>alert(1)</script>", [(0, 1, "KB401"), (0, 17, "KB401")]),
    ("img-onerror", "Text <img src=x onerror=alert(1)>", [(0, 6, "KB401")]),
    ("unclosed-comment", "<!-- note", [(0, 1, "KB401")]),
    # Python-Markdown reads an unclosed tag on to the next '>', into the page's own markup below.
    ("unclosed-angle", "See <https://example.org", [(0, 5, "KB401")]),
    ("incomplete-character-reference", "Item &#1 and &#x;", [(0, 6, "KB401"), (0, 14, "KB401")]),
    ("tag-beside-a-note", "<!-- note --><script>x</script>", [(0, 14, "KB401"), (0, 23, "KB401")]),
    ("javascript", "[a](javascript:alert(1))", [(0, 5, "KB402")]),
    ("mixed-case", "[a](JaVaScRiPt:alert(1))", [(0, 5, "KB402")]),
    ("entity-j", "[a](&#106;avascript:alert(1))", [(0, 5, "KB402")]),
    ("entity-colon", "[a](javascript&#58;alert(1))", [(0, 5, "KB402")]),
    ("tab-inside", "[a](java\tscript:alert(1))", [(0, 5, "KB402")]),
    ("control-char", "[a](\x01javascript:alert(1))", [(0, 5, "KB402"), (0, 5, "KB406")]),
    ("backslash", "[a](javascript\\:alert(1))", [(0, 5, "KB402")]),
    ("angle-destination", "[a](<javascript:alert(1)>)", [(0, 5, "KB402")]),
    ("reference", "[a][r]\n\n[r]: javascript:alert(1)", [(2, 6, "KB402")]),
    ("reference-angle", "[a][r]\n\n[r]: <vbscript:msgbox(1)>", [(2, 6, "KB402")]),
    ("autolink", "<javascript:alert(1)>", [(0, 2, "KB402")]),
    ("autolink-slashes", "<javascript://%0aalert(1)>", [(0, 2, "KB402")]),
    ("data", "[a](data:text/html;base64,PHNjcmlwdD4=)", [(0, 5, "KB402")]),
    ("file", "[a](file:///etc/passwd)", [(0, 5, "KB402")]),
    ("attr-heading", '## Title {: onclick="alert(1)" }', [(0, 10, "KB403")]),
    ("attr-block", 'Para\n{: style="color:red" }', [(1, 1, "KB403")]),
    ("attr-href", '[x](https://ok.example){: href="javascript:alert(1)" }', [(0, 24, "KB403")]),
    ("snippet", '--8<-- ".env"', [(0, 1, "KB404")]),
    ("snippet-in-code", '```\n--8<-- ".env"\n```', [(1, 1, "KB404")]),
    ("external-image", "![x](https://evil.example/p.png)", [(0, 6, "KB405")]),
    ("protocol-relative-image", "![x](//evil.example/p.png)", [(0, 6, "KB405")]),
    ("external-image-reference", "![x][p]\n\n[p]: https://evil.example/p.png", [(0, 1, "KB405")]),
    ("bidi", "Text \u202e reversed", [(0, 6, "KB406")]),
    ("control-characters", "Text\x00 and\x1b[31m", [(0, 5, "KB406"), (0, 10, "KB406")]),
    ("personal-email", "Write to jan.jansen@example.org", [(0, 10, "KB501")]),
    ("phone", "Call +31 20 123 4567 today", [(0, 6, "KB502")]),
    ("phone-brackets", "Call (020) 123 45 67", [(0, 6, "KB502")]),
    ("raw-html-in-list", "- item\n\n    <b>bold</b>", [(2, 5, "KB401"), (2, 12, "KB401")]),
]

SAFE = [
    ("functional-email", "Write to info@example.org or press-office@example.org"),
    ("dates-and-ranges", "On 01-02-2016 and 2016-02-01, pages 10-12, 1945-2016."),
    ("code", "`<b>` and ``<script>``, or over two lines: `<i>\nstill code</i>`\n\n```html\n<script>x</script>\n```"),
    ("mailto", "[mail](mailto:info@example.org)"),
    ("autolinks", "<https://example.org/a> and <info@example.org>"),
    ("relative", "[other](../practices/x.md) ![ok](../assets/x.png)"),
    ("number-in-address", "[doc](https://example.org/doc/0123456789)"),
    ("tables-lists-admonitions", "| a | b |\n|--:|:-:|\n| 1 | 2 |\n\n!!! note\n\n    Text\n\nTerm\n:   Definition"),
    ("entities", "Fish &amp; chips, 3 &lt; 4, caf&#233; and &#x6A;"),
    ("notes-for-editors", "<!-- What the practice is, in your own words. -->\n\n## What it is\n\n<!-- <b>x</b>\n -->"),
    ("headings-in-other-scripts", "## Πρόληψη\n\nText.\n\n## Превенция\n\nMore."),
]


def problems(body: str) -> list[tuple[int, int, str]]:
    loaded = parse_text(FRONT_MATTER + body + "\n", "x.md")
    return sorted((d.line - BODY_LINE, d.column, d.code) for d in check_body_security(loaded))


@pytest.mark.parametrize(("name", "body", "expected"), BODIES, ids=[b[0] for b in BODIES])
def test_hostile_body_is_refused_where_it_is(name: str, body: str, expected: list[tuple[int, int, str]]) -> None:
    assert problems(body) == sorted(expected)


@pytest.mark.parametrize(("name", "body"), SAFE, ids=[s[0] for s in SAFE])
def test_ordinary_body_passes(name: str, body: str) -> None:
    assert problems(body) == []


def test_a_heading_that_would_shadow_a_theme_id_is_refused() -> None:
    assert [code for _, _, code in problems("## __config\n\nText.")] == ["KB401"]


def test_a_leftover_the_rules_do_not_name_is_still_caught_by_rendering() -> None:
    # An HTML entity makes the tag invisible to the source scan; the rendered check still sees it.
    loaded = parse_text(FRONT_MATTER + "&lt;b&gt; is text, but <b\nonclick=x>this</b> is HTML\n", "x.md")
    assert {d.code for d in check_body_security(loaded)} == {"KB401"}


def test_consent_lets_exactly_the_consented_value_through() -> None:
    loaded = parse_text(FRONT_MATTER + "Jan: jan.jansen@example.org, Piet: piet.pieters@example.org\n", "x.md")
    found = check_body_security(loaded, frozenset({"jan.jansen@example.org"}))
    assert [(d.code, d.column) for d in found] == [("KB501", 36)]


@pytest.mark.parametrize(
    ("local_part", "personal"),
    [("jan.jansen", True), ("j.smith", True), ("info", False), ("press-office", False), ("anna_maria.rossi", True)],
)
def test_personal_email_heuristic(local_part: str, personal: bool) -> None:
    assert personal_email(local_part) is personal


def test_personal_data_finds_offsets() -> None:
    assert list(find_personal_data("x +49 69 1234 5678")) == [(2, "KB502", "+49 69 1234 5678")]


def test_addresses_are_written_so_that_nothing_in_them_ends_the_link() -> None:
    from kb.render.markup import autolink, url

    assert url('https://example.org/a b<c>"d') == "https://example.org/a%20b%3Cc%3E%22d"
    assert url("https://example.org/a%20b?x=1&y=(2)") == "https://example.org/a%20b?x=1&y=(2)"
    assert autolink("info@example.org") == "<info@example.org>"
    assert autolink("info@example.org><script>") == "info@example.org&gt;&lt;script&gt;"
    assert autolink("javascript:alert(1)") == "javascript:alert(1)"


def test_text_in_html_blocks_is_shown_as_written() -> None:
    from kb.build.published import page_text
    from kb.checks.validation import validate_knowledge_base
    from kb.core.kinds import PRACTICE
    from kb.core.markdown import render_html
    from kb.model.knowledge_base import build_knowledge_base
    from kb.render.entry_pages import render_entry_page
    from tests.support.repo import fixture_layout

    kb = build_knowledge_base(validate_knowledge_base(fixture_layout()))
    practice = kb.get(PRACTICE, "police-youngsters-sweden")
    practice.fields = {**practice.fields, "summary": "Co_operation of *police* and [youth] <b>workers</b> & more."}
    practice.fields["title_original"] = "Polis_unga *x* <i>"
    html = render_html(render_entry_page(kb, practice))
    shown = page_text(html)
    assert "Co_operation of *police* and [youth] <b>workers</b> & more." in shown
    assert "Original title: Polis_unga *x* <i>" in shown


@pytest.mark.parametrize(
    ("body", "renders"),
    [
        ("Cited twice [1] and [1, 2].", False),
        ("plain prose", False),
        ("[1](javascript:alert(1))", True),
        ("[1]: https://evil.example/", True),
        ("see [the report][1]", True),
        ("![1]", True),
        ("\\[1] escaped", True),
        ("[1] then <b>raw</b>", True),
    ],
)
def test_only_source_markers_leave_a_body_unrendered(body: str, renders: bool) -> None:
    # Rendering is most of the validator's cost; a marker alone cannot render to markup (KB806), anything else may.
    assert body_rules._could_render_markup(body) is renders
