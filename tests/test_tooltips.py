"""Link titles are text: the tooltips' innerHTML gets each title escaped, and the sanitiser refuses one that is not."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest

from kb.build.tooltips import text_only_titles
from kb.core.html_policy import unsafe_markup


class Titles(HTMLParser):
    """Each title attribute as a browser decodes it: what the tooltip adds to its innerHTML."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.shown += [value or "" for name, value in attrs if name == "title"]


def tooltips(markup: str) -> list[str]:
    titles = Titles()
    titles.feed(markup)
    return titles.shown


@pytest.mark.parametrize(
    "markup",
    [
        '<a href="x" title="&lt;meta http-equiv=refresh content=0;url=//evil.example&gt;">x</a>',
        "<a href=x title='<img src=x onerror=alert(1)>'>x</a>",
        '<img alt="a" src="b.png" title="&#60;b&#62;bold" />',
        "<abbr TITLE=a&lt;b>x</abbr>",
    ],
)
def test_a_title_that_would_be_markup_reaches_the_tooltip_as_text(markup: str) -> None:
    rewritten = text_only_titles(markup)
    (title,) = tooltips(markup)
    (given,) = tooltips(rewritten)
    assert "<" not in given  # innerHTML makes no element of it
    assert html.unescape(given) == title  # and shows the title as written
    assert not any(str(removal).startswith("attribute title") for removal in unsafe_markup(rewritten))


def test_other_titles_and_the_rest_of_the_page_are_untouched() -> None:
    markup = (
        '<h2 id="a">A<a class="headerlink" href="#a" title="Permanent link">&para;</a></h2>\n'
        '<p>Text title="&lt;b&gt;" as text, <a href="y" title="R&amp;D">y</a></p>'
    )
    assert text_only_titles(markup) == markup


def test_the_sanitiser_refuses_a_title_that_would_be_markup() -> None:
    removals = [str(r) for r in unsafe_markup('<p><a href="x" title="&lt;meta http-equiv=refresh&gt;">x</a></p>')]
    assert removals == ['attribute title="<meta http-equiv=refresh>" on <a>']
    assert unsafe_markup(text_only_titles('<p><a href="x" title="&lt;meta&gt;">x</a></p>')) == []
