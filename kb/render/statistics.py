"""The statistics page and the country map, computed from the model, in the page's language."""

from __future__ import annotations

from collections import Counter

from markupsafe import Markup

from kb.core.markdown import html_block
from kb.core.urls import STATISTICS_SRC, page_link
from kb.model.knowledge_base import KnowledgeBase
from kb.render.charts import Bar, bar_chart
from kb.render.fragments import term_src
from kb.render.markup import country_src, fill_markdown, heading, text
from kb.render.templating import render
from kb.render.tile_map import countries_off_the_map, tile_map

# The evidence levels the note under the evidence chart names: the lowest two and the highest.
EVIDENCE_NOTE_LEVELS = {
    "not_documented": "not-documented",
    "not_evaluated": "not-evaluated",
    "impact_evaluated": "impact-evaluated",
}


def practices_per_country(kb: KnowledgeBase) -> Counter[str]:
    return Counter(code for practice in kb.practices for code in practice.values("countries"))


def render_country_map(kb: KnowledgeBase, src: str) -> str:
    say = kb.speech
    counts = practices_per_country(kb)
    hrefs = {code: page_link(src, country_src(code)) for code in counts}
    outside = [Bar(say.country(code), counts[code], hrefs[code]) for code in countries_off_the_map(counts, say)]
    return html_block(render("country_map.html", map=Markup(tile_map(counts, hrefs, say)), outside=outside, say=say))


def render_statistics_page(kb: KnowledgeBase) -> str:
    src, say = STATISTICS_SRC, kb.speech
    per_country = practices_per_country(kb)
    countries = [
        Bar(say.country(code), count, page_link(src, country_src(code)))
        for code, count in sorted(per_country.items(), key=lambda item: (-item[1], say.country(item[0]).casefold()))
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
        return bars + ([Bar(say.t("value.not_documented"), undocumented)] if undocumented else [])

    def chart(chart_id: str, key: str, bars: list[Bar]) -> str:
        title, column = say.t(f"statistics.{key}.title"), say.t(f"statistics.{key}.column")
        return html_block(bar_chart(chart_id, title, bars, say, column=column, unit=say.t("profile.practices")))

    evidence = kb.vocabulary_of("evidence")
    levels = {
        name: f"*{text(say.in_sentence(evidence.term(level).label))}*" for name, level in EVIDENCE_NOTE_LEVELS.items()
    }
    return "\n".join(
        [
            heading(1, say.t("statistics.title")),
            text(say.t("statistics.intro", practices=say.count("count.practices", len(kb.practices)))) + "\n",
            chart("per-country", "per_country", countries),
            chart("per-approach", "per_approach", per_term("approaches", True)),
            chart("per-evidence", "per_evidence", per_term("evidence", False)),
            fill_markdown(say.t("statistics.evidence_note"), **levels) + "\n",
        ]
    )
