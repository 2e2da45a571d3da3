"""The statistics page and the country map, computed from the model."""

from __future__ import annotations

from collections import Counter

from markupsafe import Markup

from kb.core.codes import country_name
from kb.core.markdown import html_block
from kb.core.urls import STATISTICS_SRC, page_link
from kb.model.knowledge_base import KnowledgeBase
from kb.render.charts import Bar, bar_chart
from kb.render.fragments import term_src
from kb.render.markup import country_src
from kb.render.templating import render
from kb.render.tile_map import countries_off_the_map, tile_map

NOT_DOCUMENTED_LABEL = "Not yet documented"


def practices_per_country(kb: KnowledgeBase) -> Counter[str]:
    return Counter(code for practice in kb.practices for code in practice.values("countries"))


def render_country_map(kb: KnowledgeBase, src: str) -> str:
    counts = practices_per_country(kb)
    hrefs = {code: page_link(src, country_src(code)) for code in counts}
    outside = [Bar(country_name(code), counts[code], hrefs[code]) for code in countries_off_the_map(counts)]
    return html_block(render("country_map.html", map=Markup(tile_map(counts, hrefs)), outside=outside))


def render_statistics_page(kb: KnowledgeBase) -> str:
    src = STATISTICS_SRC
    per_country = practices_per_country(kb)
    countries = [
        Bar(country_name(code), count, page_link(src, country_src(code)))
        for code, count in sorted(per_country.items(), key=lambda item: (-item[1], country_name(item[0])))
    ]

    def per_term(field: str, linked: bool) -> list[Bar]:
        counts = Counter(v for p in kb.practices for v in p.values(field))
        vocabulary = kb.vocabulary_of(field)
        bars = [
            Bar(term.label, counts[term.id], page_link(src, term_src(vocabulary.id, term.id)) if linked else None)
            for term in vocabulary.terms
        ]
        # A practice whose sources only name it has no value here; count it rather than leave it out.
        undocumented = sum(1 for p in kb.practices if not p.values(field))
        return bars + ([Bar(NOT_DOCUMENTED_LABEL, undocumented)] if undocumented else [])

    total = len(kb.practices)
    return "\n".join(
        [
            "# Statistics\n",
            f"What the knowledge base holds today: {total} practice{'s' if total != 1 else ''}. "
            "Counts come from the entries themselves and change as practices are added. "
            "A practice can have several countries and approaches, so bars may add up to more than the total.\n",
            html_block(bar_chart("per-country", "Practices per country", countries)),
            html_block(bar_chart("per-approach", "Practices per approach", per_term("approaches", True))),
            html_block(bar_chart("per-evidence", "Practices per evidence level", per_term("evidence", False))),
            "Evidence levels run from *not documented* (the sources do not say) and *not evaluated* "
            "(the normal state of local practice) to *impact evaluated*.\n",
        ]
    )
