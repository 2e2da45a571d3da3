"""The home page, in the reader's language: what the site is, where to start, and what it holds.

Its words are strings (``home.*`` in i18n/), not a hand-written page, so
every language's edition has a home page in its own language; docs/index.md
holds only the marker this text replaces. What it links to is worked out
from the data: the conference the site began with is the first event in the
knowledge base.
"""

from __future__ import annotations

from kb.core.kinds import EVENT, PRACTICE, WORKSHOP
from kb.core.markdown import html_block
from kb.model.knowledge_base import KnowledgeBase
from kb.render import inline
from kb.render.entry_pages import CONTRIBUTING_SRC
from kb.render.fragments import item_list
from kb.render.inline import Inline
from kb.render.markup import heading
from kb.render.overview_pages import render_home_overview
from kb.render.templating import render

HOME_PAGE_MARKER = "<!-- kb:home -->"
COUNTRIES_SRC, APPROACHES_SRC, AUDIENCES_SRC = "countries/index.md", "approaches/index.md", "audiences/index.md"


def render_home_page(kb: KnowledgeBase, src: str = "index.md") -> str:
    say = kb.speech

    def page(key: str, to_src: str) -> Inline:
        return inline.page(say.t(key), src, to_src)

    events = sorted(kb.of_kind(EVENT), key=lambda event: str(event.fields["start_date"]))
    origin: list[Inline] = []
    if events:
        first = events[0]
        conference = inline.page(first.title, src, first.src_uri)
        when = say.month(str(first.fields["start_date"]))
        origin = [inline.fill(say.t("home.origin", city=first.fields["city"], month=when), conference=conference)]
    finding = [
        inline.fill(say.t("home.find.all"), link=page("home.find.all_link", f"{PRACTICE.folder}/index.md")),
        inline.fill(
            say.t("home.find.by"),
            country=page("home.find.by_country", COUNTRIES_SRC),
            approach=page("home.find.by_approach", APPROACHES_SRC),
            audience=page("home.find.by_audience", AUDIENCES_SRC),
        ),
        inline.fill(say.t("home.find.workshops"), link=page("home.find.workshops_link", f"{WORKSHOP.folder}/index.md")),
        inline.text(say.t("home.find.search")),
    ]
    contribute = inline.fill(say.t("home.contribute.text"), link=page("home.contribute.link", CONTRIBUTING_SRC))
    return "\n".join(
        [
            heading(1, say.t("home.title")),
            _paragraphs([inline.text(say.t("home.intro")), *origin]),
            heading(2, say.t("home.find.title")),
            item_list(finding),
            heading(2, say.t("home.overview_title")),
            render_home_overview(kb, src),
            heading(2, say.t("home.contribute.title")),
            _paragraphs([contribute]),
        ]
    )


def _paragraphs(values: list[Inline]) -> str:
    return html_block("".join(render("paragraph.html", value=value, css=None) for value in values))
