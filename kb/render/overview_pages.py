"""Pages generated from the data: lists, countries, approaches, audiences.

None of these is written by hand; each is a function of the model, so a new
practice appears on its country and approach pages the moment it is added.
Every word they write is a string of the knowledge base's language
(``overview.*``, ``country_page.*``, ``term_page.*``, ``search_page.*``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from kb.content.speech import Speech
from kb.core.kinds import EVENT, KINDS, ORGANISATION, WORKSHOP
from kb.core.markdown import html_block
from kb.core.urls import COUNTRY_FOLDER, SEARCH_SRC, STATISTICS_SRC, TERM_PAGES, relative_url
from kb.model.knowledge_base import KnowledgeBase, Record
from kb.render import inline
from kb.render.browse import browse_query, render_browse_pages
from kb.render.collection_pages import collection_pages
from kb.render.fragments import (
    finding_item,
    item_list,
    practice_list,
    practice_list_html,
    record_item,
    record_value,
    term_src,
)
from kb.render.inline import Inline
from kb.render.markup import country_src, front_matter_title, heading, text
from kb.render.statistics import render_country_map, render_statistics_page
from kb.render.templating import render

MAX_ELSEWHERE = 10
HOME_OVERVIEW_MARKER = "<!-- kb:overview -->"


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    markdown: str


def generate_pages(kb: KnowledgeBase) -> list[GeneratedPage]:
    pages = [GeneratedPage(src, markdown) for src, markdown in render_browse_pages(kb).items()]
    pages += [
        GeneratedPage(f"{WORKSHOP.folder}/index.md", render_workshops_index(kb)),
        GeneratedPage(f"{EVENT.folder}/index.md", render_events_index(kb)),
        GeneratedPage(f"{ORGANISATION.folder}/index.md", render_organisations_index(kb)),
        GeneratedPage(f"{COUNTRY_FOLDER}/index.md", render_countries_index(kb)),
        GeneratedPage(STATISTICS_SRC, render_statistics_page(kb)),
        GeneratedPage(SEARCH_SRC, render_search_page(kb)),
    ]
    pages += [GeneratedPage(src, markdown) for src, markdown in collection_pages(kb).items()]
    pages += [GeneratedPage(country_src(code), render_country_page(kb, code)) for code in kb.countries_in_use()]
    for vocabulary in TERM_PAGES:
        pages.append(GeneratedPage(f"{vocabulary}/index.md", render_terms_index(kb, vocabulary)))
        pages += [
            GeneratedPage(term_src(vocabulary, term.id), render_term_page(kb, vocabulary, term.id))
            for term in kb.vocabularies[vocabulary].terms
        ]
    return pages


def _by_name(codes: Iterable[str], say: Speech) -> list[str]:
    """Country codes in the order of their names in the page's language."""
    return sorted(codes, key=lambda code: say.country(code).casefold())


def _lead(sentence: str) -> str:
    return f"\n{text(sentence)}\n"


def render_workshops_index(kb: KnowledgeBase) -> str:
    src, say = f"{WORKSHOP.folder}/index.md", kb.speech
    parts = [heading(1, say.t("heading.workshops")), _lead(say.t("overview.workshops.lead"))]
    for event in kb.of_kind(EVENT):
        workshops = kb.workshops_of(event.id)
        if workshops:
            parts.append("\n" + heading(2, event.title) + item_list(record_item(w, src) for w in workshops))
    return "".join(parts)


def render_events_index(kb: KnowledgeBase) -> str:
    src, say = f"{EVENT.folder}/index.md", kb.speech
    events = sorted(kb.of_kind(EVENT), key=lambda e: e.fields["start_date"], reverse=True)
    items = (
        record_item(
            e,
            src,
            inline.text(" · ")
            + inline.fill(
                say.t("overview.events.facts"),
                date=inline.text(say.date(e.fields["start_date"])),
                city=inline.text(e.fields["city"]),
                country=inline.country(e.fields["country"], say),
            ),
        )
        for e in events
    )
    return heading(1, say.t("overview.events.title")) + _lead(say.t("overview.events.lead")) + item_list(items)


def render_organisations_index(kb: KnowledgeBase) -> str:
    src, say = f"{ORGANISATION.folder}/index.md", kb.speech
    items = []
    for organisation in kb.of_kind(ORGANISATION):
        countries = inline.countries(organisation.values("countries"), say)
        european = inline.text(say.t("overview.organisations.european"))
        items.append(record_item(organisation, src, inline.text(" · ") + (countries or european)))
    return heading(1, say.t("profile.organisations")) + _lead(say.t("overview.organisations.lead")) + item_list(items)


@dataclass(frozen=True)
class CountryRow:
    country: Inline
    practices: str  # each count as the page's language writes numbers
    organisations: str


def render_countries_index(kb: KnowledgeBase) -> str:
    src, say = f"{COUNTRY_FOLDER}/index.md", kb.speech
    practices_per_country = Counter(c for p in kb.practices for c in p.values("countries"))
    organisations_per_country = Counter(c for o in kb.of_kind(ORGANISATION) for c in o.values("countries"))
    rows = [
        CountryRow(
            inline.country_link(code, src, say),
            say.number(practices_per_country[code]),
            say.number(organisations_per_country[code]),
        )
        for code in _by_name(kb.countries_in_use(), say)
    ]
    return (
        heading(1, say.t("profile.countries"))
        + _lead(say.t("overview.countries.lead"))
        + "\n"
        + render_country_map(kb, src)
        + html_block(render("country_table.html", rows=rows, say=say))
    )


def render_country_page(kb: KnowledgeBase, code: str) -> str:
    src, say = country_src(code), kb.speech
    practices = kb.practices_with("countries", code)
    name = say.country(code)
    parts = [heading(1, name)]
    parts.append(_lead(say.count("country_page.lead", len(practices), country=name)))
    if practices:
        parts.append(_browse_link(src, say.t("country_page.browse", country=name), countries=[code]))
        # Each practice once, with its approaches: a practice with five approaches listed
        # under each of them made a page of ten practices read like fifty.
        parts.append("\n" + heading(2, say.t("heading.practices")) + "\n")
        noted = ((p, _approach_labels(kb, p.values("approaches"))) for p in practices)
        parts.append(html_block(practice_list_html(kb, noted, src)))
        parts.append("\n" + heading(2, say.t("country_page.by_approach")) + _by_approach_index(kb, practices, src))
    elsewhere = _same_approaches_elsewhere(kb, code, practices)
    if elsewhere:
        parts.append("\n" + heading(2, say.t("country_page.elsewhere")) + "\n")
        # Other countries' practices: search should not find this country by their words.
        parts.append(html_block(practice_list_html(kb, elsewhere, src, searchable=False)))
        approaches_here = sorted({a for p in practices for a in p.values("approaches")})
        parts.append(_browse_link(src, say.t("country_page.elsewhere_browse"), approaches=approaches_here))
    organisations = kb.referring(ORGANISATION, "countries", code)
    if organisations:
        listed = item_list(record_item(o, src) for o in organisations)
        parts.append("\n" + heading(2, say.t("profile.organisations")) + listed)
    events = kb.referring(EVENT, "country", code)
    if events:
        listed = item_list(record_item(e, src) for e in events)
        parts.append("\n" + heading(2, say.t("country_page.events_here")) + listed)
    return "".join(parts)


def _approach_labels(kb: KnowledgeBase, ids: Iterable[str]) -> str:
    """Approaches as they read in a note under a practice: "community engagement, policing"."""
    labels, say = kb.vocabulary_of("approaches"), kb.speech
    return ", ".join(say.in_sentence(labels.term(a).label) for a in ids)


def _by_approach_index(kb: KnowledgeBase, practices: list[Record], src: str) -> str:
    """One line per approach with the titles of the practices that take it: an index, not a second list."""
    lines = []
    for term in kb.vocabulary_of("approaches").terms:
        with_term = [p for p in practices if term.id in p.values("approaches")]
        if with_term:
            label = inline.strong(inline.page(term.label, src, term_src("approaches", term.id)))
            lines.append(_index_line(kb, label, with_term, src))
    undocumented = [p for p in practices if not p.values("approaches")]
    if undocumented:
        label = inline.strong(inline.text(kb.speech.t("country_page.approach_not_documented")))
        lines.append(_index_line(kb, label, undocumented, src))
    return item_list(lines)


def _index_line(kb: KnowledgeBase, label: Inline, practices: list[Record], src: str) -> Inline:
    titles = inline.join((record_value(p, src) for p in practices), ", ")
    count = inline.text(kb.speech.number(len(practices)))
    return inline.fill(kb.speech.t("country_page.index_line"), approach=label, count=count, practices=titles)


def _browse_link(src: str, label: str, **values_by_field: list[str]) -> str:
    """A link to Browse with these field values selected."""
    href = relative_url(src, "practices/") + "?" + browse_query(**values_by_field)
    return html_block(render("paragraph.html", value=inline.link(label, href), css="kb-browse-link"))


def _same_approaches_elsewhere(kb: KnowledgeBase, code: str, here: list[Record]) -> list[tuple[Record, str]]:
    approaches_here = {a for p in here for a in p.values("approaches")}
    scored = []
    for practice in kb.practices:
        if code in practice.values("countries"):
            continue
        shared = [a for a in practice.values("approaches") if a in approaches_here]
        if shared:
            note = kb.speech.t("related.approaches", approaches=_approach_labels(kb, shared))
            scored.append((-len(shared), practice.title.casefold(), practice, note))
    return [(practice, note) for _, _, practice, note in sorted(scored, key=lambda s: s[:2])[:MAX_ELSEWHERE]]


def render_terms_index(kb: KnowledgeBase, vocabulary: str) -> str:
    src, say = f"{vocabulary}/index.md", kb.speech
    terms = kb.vocabularies[vocabulary]
    items = [
        inline.concat(
            inline.strong(inline.page(term.label, src, term_src(vocabulary, term.id))),
            inline.text(" · " + say.count("count.practices", len(kb.practices_with(vocabulary, term.id)))),
            inline.LINE_BREAK,
            inline.text(term.description),
        )
        for term in terms.terms
    ]
    return heading(1, terms.label) + f"\n{text(terms.description)}\n" + item_list(items)


def render_term_page(kb: KnowledgeBase, vocabulary: str, term_id: str) -> str:
    src, say = term_src(vocabulary, term_id), kb.speech
    term = kb.vocabularies[vocabulary].term(term_id)
    findings = item_list(
        finding_item(kb, origin, finding, src, show_origin=True)
        for origin, finding in kb.findings()
        if term_id in getattr(finding, vocabulary)
    )
    practices = kb.practices_with(vocabulary, term_id)
    parts = [heading(1, term.label), f"\n{text(term.description)}\n"]
    parts.append("\n" + heading(2, say.t("heading.findings")))
    parts.append(findings or _lead(say.t("term_page.no_findings")))
    parts.append("\n" + heading(2, say.t("heading.practices")) + "\n")
    if practices:
        label = say.count("term_page.browse", len(practices))
        parts.append(_browse_link(src, label, **{vocabulary: [term_id]}))
    parts.append(practice_list(kb, practices, src, text(say.t("term_page.no_practices"))))
    workshops = kb.referring(WORKSHOP, vocabulary, term_id)
    if workshops:
        listed = item_list(record_item(w, src) for w in workshops)
        parts.append("\n" + heading(2, say.t("heading.workshops")) + listed)
    return "".join(parts)


def render_search_page(kb: KnowledgeBase) -> str:
    """The full results page; docs/assets/search.js fills it from ?q=."""
    src, say = SEARCH_SRC, kb.speech
    indexes = (("country", "countries/"), ("approach", "approaches/"), ("audience", "audiences/"))
    links = [inline.link(say.t(f"search_page.by_{name}"), relative_url(src, url)) for name, url in indexes]
    # Each link a placeholder of its own, so that the language's list pattern joins them ("a, b or c").
    names = [f"{{index{number}}}" for number in range(len(links))]
    browse = inline.fill(say.either(names), **{name[1:-1]: link for name, link in zip(names, links, strict=True)})
    title = say.t("search_page.title")
    front_matter = f"---\ntitle: {front_matter_title(title)}\nhide:\n  - navigation\n  - toc\n---\n\n"
    return front_matter + heading(1, title) + "\n" + html_block(render("search_page.html", browse=browse, say=say))


def render_home_overview(kb: KnowledgeBase, src: str = "index.md") -> str:
    """The generated part of the home page: what is in the knowledge base."""
    say, practices = kb.speech, kb.practices
    per_country = Counter(c for p in practices for c in p.values("countries"))
    countries = inline.join(
        (
            inline.country_link(code, src, say) + inline.text(f" ({say.number(per_country[code])})")
            for code in _by_name(per_country, say)
        ),
        " · ",
    )
    approaches = inline.join(
        (
            inline.page(t.label, src, term_src("approaches", t.id))
            + inline.text(f" ({say.number(len(kb.practices_with('approaches', t.id)))})")
            for t in kb.vocabulary_of("approaches").terms
        ),
        " · ",
    )
    counts = ", ".join(say.count(f"count.{kind.folder}", len(kb.records[kind])) for kind in KINDS)
    holds = inline.fill(
        say.t("overview.home.holds"),
        counts=inline.text(counts),
        statistics=inline.page(say.t("statistics.title"), src, STATISTICS_SRC),
    )
    return (
        html_block(render("paragraph.html", value=holds, css=None))
        + render_country_map(kb, src)
        + html_block(
            render(
                "paragraph.html",
                value=inline.strong(inline.text(say.t("overview.home.by_country"))) + inline.text(" ") + countries,
                css=None,
            )
            + render(
                "paragraph.html",
                value=inline.strong(inline.text(say.t("overview.home.by_approach"))) + inline.text(" ") + approaches,
                css=None,
            )
        )
    )
