"""Markdown fragments shared by entry pages and overview pages."""

from __future__ import annotations

from collections.abc import Iterable

from kb.markdown import country_label_html, html_block, html_link, html_text, link, text, url
from kb.model import Finding, KnowledgeBase, Record, Source
from kb.urls import TERM_PAGES

NOT_DOCUMENTED = '<span class="kb-missing">Not yet documented</span>'


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
    tags = term_links(kb, "approaches", finding.approaches, from_src)
    if finding.audiences:
        tags += " · " + term_links(kb, "audiences", finding.audiences, from_src)
    source = f" — from {record_link(origin, from_src)}" if show_origin else ""
    return f'- {text(finding.text)}{source}  \n  <span class="kb-tags">{tags}</span>\n'


def sources_section(sources: list[Source]) -> str:
    items = []
    for source in sources:
        title = (
            f'<a href="{html_text(url(source.url))}">{html_text(source.title)}</a>'
            if source.url
            else (f"<em>{html_text(source.title)}</em>")
        )
        details = [html_text(part) for part in (source.publisher, source.year) if part]
        line = ", ".join([title, *details])
        if source.locator:
            line += f". {html_text(source.locator)}"
        items.append(f"<li>{line}</li>")
    return "## Sources\n" + html_block(f"<ol>{''.join(items)}</ol>")


def admonition_html(kind: str, title: str, message_html: str) -> str:
    """A call-out block, in the markup Python-Markdown's admonition extension writes."""
    return html_block(
        f'<div class="admonition {kind}"><p class="admonition-title">{html_text(title)}</p><p>{message_html}</p></div>'
    )
