"""Fragments shared by entry pages and overview pages: lists, source lists, call-outs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kb.core.markdown import html_block
from kb.core.urls import TERM_PAGES, page_link
from kb.model.knowledge_base import Finding, KnowledgeBase, Record, Source
from kb.render import inline
from kb.render.inline import Inline, Piece
from kb.render.marker_links import source_anchor
from kb.render.markup import url
from kb.render.templating import render

EDITORS_SRC, EDITORS_ANCHOR = "contributing.md", "how-review-works"  # where the guide says what editors do


def term_src(vocabulary: str, term_id: str) -> str:
    return f"{vocabulary}/{term_id}.md"


def term_values(kb: KnowledgeBase, vocabulary: str, ids: Iterable[str], from_src: str) -> Inline:
    """Terms as "a · b", each a link to its page where the vocabulary has pages."""
    terms = kb.vocabularies[vocabulary]
    if vocabulary in TERM_PAGES:
        return inline.join((inline.page(terms.term(i).label, from_src, term_src(vocabulary, i)) for i in ids), " · ")
    return inline.join((inline.text(terms.term(i).label) for i in ids), " · ")


def record_value(record: Record, from_src: str) -> Inline:
    return inline.page(record.title, from_src, record.src_uri)


def field_values(kb: KnowledgeBase, record: Record, field: str, from_src: str) -> Inline:
    """A record's values of a field, linked to their term pages in the vocabulary its schema names."""
    values = record.values(field)
    return term_values(kb, kb.vocabulary_of(field, record.kind).id, values, from_src) if values else ()


def record_values(records: Iterable[Record], from_src: str) -> Inline:
    return inline.join((record_value(r, from_src) for r in records), " · ")


@dataclass(frozen=True)
class PracticeItem:
    link: Inline
    countries: Inline
    note: str
    summary: str


def practice_list_html(
    kb: KnowledgeBase, items: Iterable[tuple[Record, str]], from_src: str, *, searchable: bool = True
) -> str:
    """Practices with a note each (such as why they are related), as one raw HTML block.

    ``searchable=False`` keeps the list out of the search index, so that a page
    is not found by the words of the other practices it points to.
    """
    views = [
        PracticeItem(
            record_value(practice, from_src),
            inline.countries(practice.values("countries"), kb.speech),
            note,
            practice.summary,
        )
        for practice, note in items
    ]
    return render("practice_list.html", items=views, searchable=searchable) + "\n" if views else ""


def practice_list(kb: KnowledgeBase, practices: Iterable[Record], from_src: str, empty: str) -> str:
    """Practices as a list block in a Markdown page, or a sentence saying there are none."""
    listed = practice_list_html(kb, ((p, "") for p in practices), from_src)
    return html_block(listed) if listed else f"{empty}\n"


def item_list(items: Iterable[Inline], *, ordered: bool = False, searchable: bool = True) -> str:
    """Values as a list block in a Markdown page (nothing when there are none)."""
    values = list(items)
    if not values:
        return ""
    return html_block(render("bullet_list.html", items=values, ordered=ordered, searchable=searchable))


def record_item(record: Record, from_src: str, facts: Inline = (), summary: str | None = None) -> Inline:
    """An entry in a list: its title as a link, ``facts`` (which start with their separator), its summary."""
    below = record.summary if summary is None else summary
    return inline.concat(inline.strong(record_value(record, from_src)), facts, inline.LINE_BREAK, inline.text(below))


def finding_item(kb: KnowledgeBase, origin: Record, finding: Finding, from_src: str, *, show_origin: bool) -> Inline:
    """A finding, where it comes from if ``show_origin``, and its approaches and audiences."""
    vocabulary = {name: kb.vocabulary_of(("findings", "*", name), origin.kind).id for name in Finding.FIELDS}
    tags = inline.join(
        (
            term_values(kb, vocabulary["approaches"], finding.approaches, from_src),
            term_values(kb, vocabulary["audiences"], finding.audiences, from_src),
        ),
        " · ",
    )
    text = inline.text(finding.text)
    if show_origin:
        text = inline.fill(kb.speech.t("value.from_origin"), finding=text, origin=record_value(origin, from_src))
    return inline.concat(text, inline.LINE_BREAK, inline.span("kb-tags", tags))


@dataclass(frozen=True)
class SourceView:
    anchor: str  # the id the text's markers link to
    sentences: tuple[Inline, ...]


def sources_section(kb: KnowledgeBase, sources: list[Source]) -> str:
    """The numbered source list: item n has the id that the text's markers citing source n link to."""
    views = [
        SourceView(source_anchor(number), source_sentences(kb, source))
        for number, source in enumerate(sources, start=1)
    ]
    return f"## {kb.speech.t('heading.sources')}\n" + html_block(render("sources.html", sources=views))


def source_sentences(kb: KnowledgeBase, source: Source) -> tuple[Inline, ...]:
    """One source: title; publisher, year; kind and language; its address and when it was read; where in it."""
    sentences = [inline.emphasis(source.title)]
    published = ", ".join(str(part) for part in (source.publisher, source.year) if part)
    if published:
        sentences.append(inline.text(published))
    say = kb.speech
    language = say.language_in_sentence(source.language) if source.language else ""
    if source.kind:
        kind = kb.vocabulary_of(("sources", "*", "kind")).term(source.kind).label
        sentences.append(
            inline.text(say.t("source.kind_in_language", kind=kind, language=language) if language else kind)
        )
    elif language:
        sentences.append(inline.text(say.t("source.in_language_capital", language=language)))
    if source.url:
        address = inline.link(source.url, url(source.url), css="kb-url")
        if source.accessed:
            accessed = say.t("source.accessed", date=say.date(source.accessed))
            address += (Piece("text", " "), Piece("span", accessed, css="kb-accessed"))
        sentences.append(address)
    if source.locator:
        sentences.append(inline.text(source.locator))
    return tuple(_full_stop(sentence) for sentence in sentences)


def _full_stop(sentence: Inline) -> Inline:
    """The sentence ending with a full stop, unless its text ends with one already (or ? or !)."""
    last = sentence[-1]
    ended = last.kind == "text" and last.text.endswith((".", "?", "!"))
    return sentence if ended else (*sentence, Piece("text", "."))


def curator_name(kb: KnowledgeBase, collection: Record, *, capital: bool = False) -> str:
    """Who chose a collection's practices, as plain text; ``capital`` to start a sentence or a value."""
    curator = kb.curator_of(collection)
    if curator is not None:
        return curator.title
    return kb.speech.t("value.editors_capital" if capital else "value.editors", site=kb.site.name)


def curator_value(kb: KnowledgeBase, collection: Record, from_src: str, *, capital: bool = False) -> Inline:
    """Who chose a collection's practices: the organisation's page, or how the editors work (the guide)."""
    curator = kb.curator_of(collection)
    if curator is not None:
        return record_value(curator, from_src)
    href = f"{page_link(from_src, EDITORS_SRC)}#{EDITORS_ANCHOR}"
    return inline.link(curator_name(kb, collection, capital=capital), href)


def admonition_html(kind: str, title: str, message: Inline, *, searchable: bool = True) -> str:
    """A call-out block, in the markup Python-Markdown's admonition extension writes.

    ``searchable=False`` keeps it out of the search index: for the site's own notices about a
    page, which read the same on hundreds of pages and say nothing of what the page is about.
    """
    return html_block(render("admonition.html", kind=kind, title=title, message=message, searchable=searchable))
