"""The renderers' templates, rendered from the test content's model without building a site."""

from __future__ import annotations

import pytest
from jinja2 import UndefinedError

from kb.core.html_policy import unsafe_markup
from kb.core.kinds import PRACTICE
from kb.core.markdown import HeldHtml
from kb.render import inline
from kb.render.browse import BROWSE_SRC, card_view, render_card
from kb.render.fragments import practice_list_html
from kb.render.templating import render
from tests.support.golden import fixture_kb, rendered_files


def test_every_value_is_escaped() -> None:
    value = inline.concat(inline.text("<b>&"), inline.link('"x"', "https://e.org/?a=1&b=<2>"))
    html = render("paragraph.html", value=value, css="kb-lead")
    assert html == '<p class="kb-lead">&lt;b&gt;&amp;<a href="https://e.org/?a=1&amp;b=&lt;2&gt;">&#34;x&#34;</a></p>\n'


def test_a_misspelt_name_is_an_error_not_an_empty_string() -> None:
    with pytest.raises(UndefinedError):
        render("paragraph.html", value=())


def test_a_card_hides_its_empty_rows_and_keeps_the_others() -> None:
    kb = fixture_kb()
    practice = kb.get(PRACTICE, "example-practice-only-named")  # no approaches, no audiences
    view = card_view(kb, practice, BROWSE_SRC)
    assert [(row.facet, bool(row.values)) for row in view.rows] == [
        ("country", True),
        ("approach", False),
        ("audience", False),
        ("evidence", True),
    ]
    html = render_card(kb, practice, BROWSE_SRC)
    assert '<dt hidden>Approaches</dt>\n<dd data-kb-facet="approach" hidden></dd>' in html
    assert '<dt>Evidence</dt>\n<dd data-kb-facet="evidence">' in html


def test_a_practice_list_says_each_practice_once_with_its_note() -> None:
    kb = fixture_kb()
    html = practice_list_html(kb, ((p, "a <note>") for p in kb.practices[:2]), "countries/nl.md", searchable=False)
    assert html.startswith('<ul class="kb-practice-list" data-pagefind-ignore><li><strong><a href="../../practices/')
    assert html.count("<li>") == 2 and html.count("— a &lt;note&gt;") == 2


def test_every_generated_page_passes_the_sanitiser_allowlist() -> None:
    # Every HTML block the renderers write, as the build puts it back into the page: nothing in it
    # may be something the published-page check would take out.
    checked = 0
    for name, text in rendered_files(fixture_kb()).items():
        if name.endswith((".json", ".html")):
            continue  # data files, and the redirect page (a whole document, outside the content check)
        for block in HeldHtml(text).blocks:
            assert unsafe_markup(block) == [], name
            checked += 1
    assert checked > 100
