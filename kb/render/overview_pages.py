"""Pages generated from the data: lists, countries, approaches, audiences.

None of these is written by hand; each is a function of the model, so a new
practice appears on its country and approach pages the moment it is added.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass

from kb.core.codes import country_name
from kb.core.kinds import EVENT, KINDS, ORGANISATION, WORKSHOP
from kb.core.markdown import html_block
from kb.core.urls import COUNTRY_FOLDER, SEARCH_SRC, STATISTICS_SRC, TERM_PAGES, relative_url
from kb.model.knowledge_base import KnowledgeBase, Record
from kb.render.browse import browse_query, render_browse_pages
from kb.render.collection_pages import collection_pages
from kb.render.fragments import finding_item, practice_list, practice_list_html, record_item, record_link, term_src
from kb.render.markup import country_label, country_link, country_src, heading, link, relative, text
from kb.render.statistics import render_country_map, render_statistics_page

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
        GeneratedPage(SEARCH_SRC, render_search_page()),
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
            parts.append("\n" + heading(2, event.title) + "\n" + "".join(record_item(w, src) for w in workshops))
    return "".join(parts)


def render_events_index(kb: KnowledgeBase) -> str:
    src = f"{EVENT.folder}/index.md"
    events = sorted(kb.of_kind(EVENT), key=lambda e: e.fields["start_date"], reverse=True)
    items = "".join(
        f"- **{link(e.title, src, e.src_uri)}** · {text(e.fields['start_date'])}, {text(e.fields['city'])}, "
        f"{country_label(e.fields['country'])}  \n  {text(e.summary)}\n"
        for e in events
    )
    return heading(1, "Events") + "\nConferences and meetings where practices were exchanged.\n\n" + items


def render_organisations_index(kb: KnowledgeBase) -> str:
    src = f"{ORGANISATION.folder}/index.md"
    items = []
    for organisation in kb.of_kind(ORGANISATION):
        countries = ", ".join(country_label(c) for c in organisation.values("countries")) or "European"
        items.append(
            f"- **{link(organisation.title, src, organisation.src_uri)}** · {countries}  \n"
            f"  {text(organisation.summary)}\n"
        )
    return heading(1, "Organisations") + "\nOrganisations that run practices or organise events.\n\n" + "".join(items)


def render_countries_index(kb: KnowledgeBase) -> str:
    src = f"{COUNTRY_FOLDER}/index.md"
    practices_per_country = Counter(c for p in kb.practices for c in p.values("countries"))
    organisations_per_country = Counter(c for o in kb.of_kind(ORGANISATION) for c in o.values("countries"))
    rows = ["| Country | Practices | Organisations |", "| --- | ---: | ---: |"]
    for code in sorted(kb.countries_in_use(), key=country_name):
        rows.append(
            f"| {country_link(code, src)} | {practices_per_country[code]} | {organisations_per_country[code]} |"
        )
    return (
        heading(1, "Countries")
        + "\nEvery country with a practice, organisation or event in the knowledge base.\n\n"
        + render_country_map(kb, src)
        + "\n"
        + "\n".join(rows)
        + "\n"
    )


def render_country_page(kb: KnowledgeBase, code: str) -> str:
    src = country_src(code)
    practices = kb.practices_with("countries", code)
    name = country_name(code)
    parts = [heading(1, name)]
    parts.append(f"\n{_count(len(practices), 'practice')} in the knowledge base run in {text(name)}.\n")
    if practices:
        parts.append(html_block(_browse_link_html(src, f"Filter the practices in {name} in Browse", countries=[code])))
        # Each practice once, with its approaches: a practice with five approaches listed
        # under each of them made a page of ten practices read like fifty.
        parts.append("\n" + heading(2, "Practices") + "\n")
        parts.append(html_block(practice_list_html(((p, _approach_labels(kb, p)) for p in practices), src)))
        parts.append("\n" + heading(2, "By approach") + "\n\n" + _by_approach_index(kb, practices, src))
    elsewhere = _same_approaches_elsewhere(kb, code, practices)
    if elsewhere:
        parts.append("\n" + heading(2, "Practices elsewhere on the same approaches") + "\n")
        # Other countries' practices: search should not find this country by their words.
        parts.append(html_block(practice_list_html(elsewhere, src, searchable=False)))
        approaches_here = sorted({a for p in practices for a in p.values("approaches")})
        parts.append(
            html_block(
                _browse_link_html(src, "All practices on these approaches in Browse", approaches=approaches_here)
            )
        )
    organisations = kb.referring(ORGANISATION, "countries", code)
    if organisations:
        parts.append("\n" + heading(2, "Organisations") + "\n" + "".join(record_item(o, src) for o in organisations))
    events = kb.referring(EVENT, "country", code)
    if events:
        parts.append("\n" + heading(2, "Events held here") + "\n" + "".join(record_item(e, src) for e in events))
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
            titles = ", ".join(record_link(p, src) for p in with_term)
            lines.append(
                f"- **{link(term.label, src, term_src('approaches', term.id))}** ({len(with_term)}): {titles}\n"
            )
    undocumented = [p for p in practices if not p.values("approaches")]
    if undocumented:
        titles = ", ".join(record_link(p, src) for p in undocumented)
        lines.append(f"- **Approach not yet documented** ({len(undocumented)}): {titles}\n")
    return "".join(lines)


def _browse_link_html(src: str, label: str, **values_by_field: list[str]) -> str:
    """A link to Browse with these field values selected."""
    href = relative_url(src, "practices/") + "?" + browse_query(**values_by_field)
    return f'<p class="kb-browse-link"><a href="{html.escape(href)}">{html.escape(label)}</a></p>\n'


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
    lines = [heading(1, terms.label), f"\n{text(terms.description)}\n\n"]
    for term in terms.terms:
        count = len(kb.practices_with(vocabulary, term.id))
        lines.append(
            f"- **{link(term.label, src, term_src(vocabulary, term.id))}** · {_count(count, 'practice')}  \n"
            f"  {text(term.description)}\n"
        )
    return "".join(lines)


def render_term_page(kb: KnowledgeBase, vocabulary: str, term_id: str) -> str:
    src = term_src(vocabulary, term_id)
    term = kb.vocabularies[vocabulary].term(term_id)
    findings = [
        finding_item(kb, origin, finding, src, show_origin=True)
        for origin, finding in kb.findings()
        if term_id in getattr(finding, vocabulary)
    ]
    practices = kb.practices_with(vocabulary, term_id)
    parts = [heading(1, term.label), f"\n{text(term.description)}\n"]
    parts.append("\n" + heading(2, "Findings and recommendations") + "\n")
    parts.append("".join(findings) if findings else "No workshop or event finding is tagged with this yet.\n")
    parts.append("\n" + heading(2, "Practices") + "\n")
    if practices:
        parts.append(
            html_block(
                _browse_link_html(src, f"Filter these {len(practices)} practices in Browse", **{vocabulary: [term_id]})
            )
        )
    parts.append(practice_list(practices, src, "No practice in the knowledge base uses this yet."))
    workshops = kb.referring(WORKSHOP, vocabulary, term_id)
    if workshops:
        parts.append("\n" + heading(2, "Workshops") + "\n" + "".join(record_item(w, src) for w in workshops))
    return "".join(parts)


def render_search_page() -> str:
    """The full results page; docs/assets/search.js fills it from ?q=."""
    src = SEARCH_SRC
    browse = ", ".join(
        f'<a href="{relative_url(src, url)}">{label}</a>'
        for label, url in (("country", "countries/"), ("approach", "approaches/"), ("audience", "audiences/"))
    )
    return "---\ntitle: Search\nhide:\n  - navigation\n  - toc\n---\n\n# Search\n\n" + html_block(
        '<div class="kb-search-page" data-kb-search-page>\n'
        f"<p>Search needs JavaScript. Without it, browse practices by {browse}.</p>\n</div>"
    )


def render_home_overview(kb: KnowledgeBase, src: str = "index.md") -> str:
    """The generated part of the home page: what is in the knowledge base."""
    practices = kb.practices
    per_country = Counter(c for p in practices for c in p.values("countries"))
    countries = " · ".join(
        f"{country_link(code, src)} ({per_country[code]})" for code in sorted(per_country, key=country_name)
    )
    approaches = " · ".join(
        f"{link(t.label, src, term_src('approaches', t.id))} ({len(kb.practices_with('approaches', t.id))})"
        for t in kb.vocabulary_of("approaches").terms
    )
    counts = ", ".join(_count(len(kb.records[kind]), kind.name) for kind in KINDS)
    return (
        f"The knowledge base holds {counts}. [Statistics]({relative(src, STATISTICS_SRC)}) has charts.\n\n"
        + render_country_map(kb, src)
        + f"\n**By country:** {countries}\n\n**By approach:** {approaches}\n"
    )
