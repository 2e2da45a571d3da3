"""Markdown fragments shared by entry pages and overview pages."""

from __future__ import annotations

from collections.abc import Iterable

from kb.core.codes import language_name
from kb.core.markdown import html_block
from kb.core.urls import TERM_PAGES, page_link
from kb.model.knowledge_base import Finding, KnowledgeBase, Record, Source
from kb.render.marker_links import source_anchor
from kb.render.markup import country_label_html, html_link, html_text, link, text, url

NOT_DOCUMENTED = '<span class="kb-missing">Not yet documented</span>'
EDITORS_SRC, EDITORS_ANCHOR = "contributing.md", "how-review-works"  # where the guide says what editors do


def term_src(vocabulary: str, term_id: str) -> str:
    return f"{vocabulary}/{term_id}.md"


def term_links(kb: KnowledgeBase, vocabulary: str, ids: Iterable[str], from_src: str) -> str:
    terms = kb.vocabularies[vocabulary]
    if vocabulary in TERM_PAGES:
        return " · ".join(link(terms.term(i).label, from_src, term_src(vocabulary, i)) for i in ids)
    return " · ".join(text(terms.term(i).label) for i in ids)


def term_links_html(kb: KnowledgeBase, vocabulary: str, ids: Iterable[str], from_src: str) -> str:
    terms = kb.vocabularies[vocabulary]
    if vocabulary in TERM_PAGES:
        return " · ".join(html_link(terms.term(i).label, from_src, term_src(vocabulary, i)) for i in ids)
    return " · ".join(html_text(terms.term(i).label) for i in ids)


def field_links_html(kb: KnowledgeBase, record: Record, field: str, from_src: str) -> str:
    """A record's values of a field, linked to their term pages in the vocabulary its schema names."""
    values = record.values(field)
    return term_links_html(kb, kb.vocabulary_of(field, record.kind).id, values, from_src) if values else ""


def record_link_html(record: Record, from_src: str) -> str:
    return html_link(record.title, from_src, record.src_uri)


def record_links_html(records: Iterable[Record], from_src: str) -> str:
    return " · ".join(record_link_html(r, from_src) for r in records)


def record_link(record: Record, from_src: str) -> str:
    return link(record.title, from_src, record.src_uri)


def practice_list_html(items: Iterable[tuple[Record, str]], from_src: str, *, searchable: bool = True) -> str:
    """Practices with a note each (such as why they are related), as one raw HTML block.

    ``searchable=False`` keeps the list out of the search index, so that a page
    is not found by the words of the other practices it points to.
    """
    rows = []
    for practice, note in items:
        countries = ", ".join(country_label_html(c) for c in practice.values("countries"))
        extra = f" — {html_text(note)}" if note else ""
        rows.append(
            f"<li><strong>{record_link_html(practice, from_src)}</strong> · {countries}{extra}<br>"
            f"{html_text(practice.summary)}</li>"
        )
    ignored = "" if searchable else " data-pagefind-ignore"
    return f'<ul class="kb-practice-list"{ignored}>{"".join(rows)}</ul>\n' if rows else ""


def practice_list(practices: Iterable[Record], from_src: str, empty: str) -> str:
    """Practices as a list block in a Markdown page, or a sentence saying there are none."""
    listed = practice_list_html(((p, "") for p in practices), from_src)
    return html_block(listed) if listed else f"{empty}\n"


def record_item(record: Record, from_src: str) -> str:
    return f"- **{record_link(record, from_src)}**  \n  {text(record.summary)}\n"


def finding_item(kb: KnowledgeBase, origin: Record, finding: Finding, from_src: str, *, show_origin: bool) -> str:
    vocabulary = {name: kb.vocabulary_of(("findings", "*", name), origin.kind).id for name in Finding.FIELDS}
    tags = term_links(kb, vocabulary["approaches"], finding.approaches, from_src)
    if finding.audiences:
        tags += " · " + term_links(kb, vocabulary["audiences"], finding.audiences, from_src)
    source = f" — from {record_link(origin, from_src)}" if show_origin else ""
    return f'- {text(finding.text)}{source}  \n  <span class="kb-tags">{tags}</span>\n'


def sources_section(kb: KnowledgeBase, sources: list[Source]) -> str:
    """The numbered source list: item n has the id that the text's markers citing source n link to."""
    items = "".join(
        f'<li id="{source_anchor(number)}">{source_item_html(kb, source)}</li>'
        for number, source in enumerate(sources, start=1)
    )
    return "## Sources\n" + html_block(f'<ol class="kb-sources">{items}</ol>')


def source_item_html(kb: KnowledgeBase, source: Source) -> str:
    """One source: title; publisher, year; kind and language; its address and when it was read; where in it."""
    sentences = [f"<em>{html_text(source.title)}</em>"]
    published = ", ".join(html_text(part) for part in (source.publisher, source.year) if part)
    if published:
        sentences.append(published)
    language = f"in {language_name(source.language)}" if source.language else ""
    if source.kind:
        kind = kb.vocabulary_of(("sources", "*", "kind")).term(source.kind).label
        sentences.append(html_text(f"{kind}, {language}" if language else kind))
    elif language:
        sentences.append(html_text(language[:1].upper() + language[1:]))
    if source.url:
        address = f'<a class="kb-url" href="{html_text(url(source.url))}">{html_text(source.url)}</a>'
        accessed = (
            f' <span class="kb-accessed">(accessed {html_text(source.accessed)})</span>' if source.accessed else ""
        )
        sentences.append(address + accessed)
    if source.locator:
        sentences.append(html_text(source.locator))
    return " ".join(part if part.endswith((".", "?", "!")) else f"{part}." for part in sentences)


def curator_name(kb: KnowledgeBase, collection: Record, *, capital: bool = False) -> str:
    """Who chose a collection's practices, as plain text; ``capital`` to start a sentence or a value."""
    curator = kb.curator_of(collection)
    if curator is not None:
        return curator.title
    return f"{'The' if capital else 'the'} editors of {kb.site.name}"


def curator_link_html(kb: KnowledgeBase, collection: Record, from_src: str, *, capital: bool = False) -> str:
    """Who chose a collection's practices: the organisation's page, or how the editors work (the guide)."""
    curator = kb.curator_of(collection)
    if curator is not None:
        return record_link_html(curator, from_src)
    href = html_text(f"{page_link(from_src, EDITORS_SRC)}#{EDITORS_ANCHOR}")
    return f'<a href="{href}">{html_text(curator_name(kb, collection, capital=capital))}</a>'


def admonition_html(kind: str, title: str, message_html: str) -> str:
    """A call-out block, in the markup Python-Markdown's admonition extension writes."""
    return html_block(
        f'<div class="admonition {kind}"><p class="admonition-title">{html_text(title)}</p><p>{message_html}</p></div>'
    )
