"""Pages generated from the data: lists, countries, approaches, audiences.

None of these is written by hand; each is a function of the model, so a new
practice appears on its country and approach pages the moment it is added.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from kb.core.codes import country_name
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
from kb.render.markup import country_src, heading, text
from kb.render.search_index import search_page_html
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


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render_workshops_index(kb: KnowledgeBase) -> str:
    src = f"{WORKSHOP.folder}/index.md"
    parts = [heading(1, "Workshops"), "\nWorkshops held at events, with their findings and the practices presented.\n"]
    for event in kb.of_kind(EVENT):
        workshops = kb.workshops_of(event.id)
        if workshops:
            parts.append("\n" + heading(2, event.title) + item_list(record_item(w, src) for w in workshops))
    return "".join(parts)


def render_events_index(kb: KnowledgeBase) -> str:
    src = f"{EVENT.folder}/index.md"
    events = sorted(kb.of_kind(EVENT), key=lambda e: e.fields["start_date"], reverse=True)
    items = (
        record_item(
            e,
            src,
            inline.concat(
                inline.text(f" · {e.fields['start_date']}, {e.fields['city']}, "),
                inline.country(e.fields["country"], kb.speech),
            ),
        )
        for e in events
    )
    return heading(1, "Events") + "\nConferences and meetings where practices were exchanged.\n" + item_list(items)


def render_organisations_index(kb: KnowledgeBase) -> str:
    src = f"{ORGANISATION.folder}/index.md"
    items = []
    for organisation in kb.of_kind(ORGANISATION):
        countries = inline.join((inline.country(c, kb.speech) for c in organisation.values("countries")), ", ")
        items.append(record_item(organisation, src, inline.text(" · ") + (countries or inline.text("European"))))
    return heading(1, "Organisations") + "\nOrganisations that run practices or organise events.\n" + item_list(items)


@dataclass(frozen=True)
class CountryRow:
    country: Inline
    practices: int
    organisations: int


def render_countries_index(kb: KnowledgeBase) -> str:
    src = f"{COUNTRY_FOLDER}/index.md"
    practices_per_country = Counter(c for p in kb.practices for c in p.values("countries"))
    organisations_per_country = Counter(c for o in kb.of_kind(ORGANISATION) for c in o.values("countries"))
    rows = [
        CountryRow(
            inline.country_link(code, src, kb.speech), practices_per_country[code], organisations_per_country[code]
        )
        for code in sorted(kb.countries_in_use(), key=country_name)
    ]
    return (
        heading(1, "Countries")
        + "\nEvery country with a practice, organisation or event in the knowledge base.\n\n"
        + render_country_map(kb, src)
        + html_block(render("country_table.html", rows=rows))
    )


def render_country_page(kb: KnowledgeBase, code: str) -> str:
    src = country_src(code)
    practices = kb.practices_with("countries", code)
    name = country_name(code)
    parts = [heading(1, name)]
    parts.append(f"\n{_count(len(practices), 'practice')} in the knowledge base run in {text(name)}.\n")
    if practices:
        parts.append(_browse_link(src, f"Filter the practices in {name} in Browse", countries=[code]))
        # Each practice once, with its approaches: a practice with five approaches listed
        # under each of them made a page of ten practices read like fifty.
        parts.append("\n" + heading(2, "Practices") + "\n")
        parts.append(html_block(practice_list_html(kb, ((p, _approach_labels(kb, p)) for p in practices), src)))
        parts.append("\n" + heading(2, "By approach") + _by_approach_index(kb, practices, src))
    elsewhere = _same_approaches_elsewhere(kb, code, practices)
    if elsewhere:
        parts.append("\n" + heading(2, "Practices elsewhere on the same approaches") + "\n")
        # Other countries' practices: search should not find this country by their words.
        parts.append(html_block(practice_list_html(kb, elsewhere, src, searchable=False)))
        approaches_here = sorted({a for p in practices for a in p.values("approaches")})
        parts.append(_browse_link(src, "All practices on these approaches in Browse", approaches=approaches_here))
    organisations = kb.referring(ORGANISATION, "countries", code)
    if organisations:
        parts.append("\n" + heading(2, "Organisations") + item_list(record_item(o, src) for o in organisations))
    events = kb.referring(EVENT, "country", code)
    if events:
        parts.append("\n" + heading(2, "Events held here") + item_list(record_item(e, src) for e in events))
    return "".join(parts)


def _approach_labels(kb: KnowledgeBase, practice: Record) -> str:
    labels = kb.vocabulary_of("approaches")
    return ", ".join(labels.term(a).label.lower() for a in practice.values("approaches"))


def _by_approach_index(kb: KnowledgeBase, practices: list[Record], src: str) -> str:
    """One line per approach with the titles of the practices that take it: an index, not a second list."""
    lines = []
    for term in kb.vocabulary_of("approaches").terms:
        with_term = [p for p in practices if term.id in p.values("approaches")]
        if with_term:
            label = inline.strong(inline.page(term.label, src, term_src("approaches", term.id)))
            lines.append(_index_line(label, with_term, src))
    undocumented = [p for p in practices if not p.values("approaches")]
    if undocumented:
        lines.append(_index_line(inline.strong(inline.text("Approach not yet documented")), undocumented, src))
    return item_list(lines)


def _index_line(label: Inline, practices: list[Record], src: str) -> Inline:
    titles = inline.join((record_value(p, src) for p in practices), ", ")
    return inline.concat(label, inline.text(f" ({len(practices)}): "), titles)


def _browse_link(src: str, label: str, **values_by_field: list[str]) -> str:
    """A link to Browse with these field values selected."""
    href = relative_url(src, "practices/") + "?" + browse_query(**values_by_field)
    return html_block(render("paragraph.html", value=inline.link(label, href), css="kb-browse-link"))


def _same_approaches_elsewhere(kb: KnowledgeBase, code: str, here: list[Record]) -> list[tuple[Record, str]]:
    approaches_here = {a for p in here for a in p.values("approaches")}
    labels = kb.vocabulary_of("approaches")
    scored = []
    for practice in kb.practices:
        if code in practice.values("countries"):
            continue
        shared = [a for a in practice.values("approaches") if a in approaches_here]
        if shared:
            note = "also " + ", ".join(labels.term(a).label.lower() for a in shared)
            scored.append((-len(shared), practice.title.casefold(), practice, note))
    return [(practice, note) for _, _, practice, note in sorted(scored, key=lambda s: s[:2])[:MAX_ELSEWHERE]]


def render_terms_index(kb: KnowledgeBase, vocabulary: str) -> str:
    src = f"{vocabulary}/index.md"
    terms = kb.vocabularies[vocabulary]
    items = [
        inline.concat(
            inline.strong(inline.page(term.label, src, term_src(vocabulary, term.id))),
            inline.text(f" · {_count(len(kb.practices_with(vocabulary, term.id)), 'practice')}"),
            inline.LINE_BREAK,
            inline.text(term.description),
        )
        for term in terms.terms
    ]
    return heading(1, terms.label) + f"\n{text(terms.description)}\n" + item_list(items)


def render_term_page(kb: KnowledgeBase, vocabulary: str, term_id: str) -> str:
    src = term_src(vocabulary, term_id)
    term = kb.vocabularies[vocabulary].term(term_id)
    findings = item_list(
        finding_item(kb, origin, finding, src, show_origin=True)
        for origin, finding in kb.findings()
        if term_id in getattr(finding, vocabulary)
    )
    practices = kb.practices_with(vocabulary, term_id)
    parts = [heading(1, term.label), f"\n{text(term.description)}\n"]
    parts.append("\n" + heading(2, "Findings and recommendations"))
    parts.append(findings or "\nNo workshop or event finding is tagged with this yet.\n")
    parts.append("\n" + heading(2, "Practices") + "\n")
    if practices:
        parts.append(_browse_link(src, f"Filter these {len(practices)} practices in Browse", **{vocabulary: [term_id]}))
    parts.append(practice_list(kb, practices, src, "No practice in the knowledge base uses this yet."))
    workshops = kb.referring(WORKSHOP, vocabulary, term_id)
    if workshops:
        parts.append("\n" + heading(2, "Workshops") + item_list(record_item(w, src) for w in workshops))
    return "".join(parts)


def render_search_page(kb: KnowledgeBase) -> str:
    """The full results page; docs/assets/search.js fills it from ?q=."""
    return "---\ntitle: Search\nhide:\n  - navigation\n  - toc\n---\n\n# Search\n\n" + html_block(
        search_page_html(kb.speech, SEARCH_SRC)
    )


def render_home_overview(kb: KnowledgeBase, src: str = "index.md") -> str:
    """The generated part of the home page: what is in the knowledge base."""
    practices = kb.practices
    per_country = Counter(c for p in practices for c in p.values("countries"))
    countries = inline.join(
        (
            inline.country_link(code, src, kb.speech) + inline.text(f" ({per_country[code]})")
            for code in sorted(per_country, key=country_name)
        ),
        " · ",
    )
    approaches = inline.join(
        (
            inline.page(t.label, src, term_src("approaches", t.id))
            + inline.text(f" ({len(kb.practices_with('approaches', t.id))})")
            for t in kb.vocabulary_of("approaches").terms
        ),
        " · ",
    )
    counts = ", ".join(_count(len(kb.records[kind]), kind.name) for kind in KINDS)
    holds = inline.concat(
        inline.text(f"The knowledge base holds {counts}. "),
        inline.page("Statistics", src, STATISTICS_SRC),
        inline.text(" has charts."),
    )
    return (
        html_block(render("paragraph.html", value=holds, css=None))
        + render_country_map(kb, src)
        + html_block(
            render(
                "paragraph.html",
                value=inline.strong(inline.text("By country:")) + inline.text(" ") + countries,
                css=None,
            )
            + render(
                "paragraph.html",
                value=inline.strong(inline.text("By approach:")) + inline.text(" ") + approaches,
                css=None,
            )
        )
    )
