"""The pages derived from collections: the list of all, a printable handout and a compact view.

The handout and the compact view use the bare template (overrides/kb-bare.html:
no header, tabs, sidebars or footer). The handout is laid out for A4 paper
(docs/assets/kb.css, ``@page``) with one block per practice and a QR code of
the practice's permanent URL; without a configured site URL it prints paths
and says why, rather than encoding an address that may be wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from kb.content.collection_rule import describe_rule
from kb.core.codes import country_flag, country_name
from kb.core.kinds import COLLECTION, EVENT
from kb.core.markdown import html_block
from kb.core.urls import SITE_URL_VARIABLE, absolute_url, entry_url, page_url, relative_url
from kb.model.knowledge_base import CollectionItem, KnowledgeBase, Record
from kb.render import inline
from kb.render.fragments import curator_name, curator_value, item_list, record_item
from kb.render.inline import Inline, Piece
from kb.render.markup import heading, html_text
from kb.render.qr import qr_svg
from kb.render.templating import render

COLLECTIONS_INDEX_SRC = f"{COLLECTION.folder}/index.md"
BARE_TEMPLATE = "kb-bare.html"


def handout_src(collection_id: str) -> str:
    return f"{COLLECTION.folder}/{collection_id}/handout.md"


def compact_src(collection_id: str) -> str:
    return f"{COLLECTION.folder}/{collection_id}/compact.md"


def collection_pages(kb: KnowledgeBase) -> dict[str, str]:
    """Source path -> Markdown of the collections list and each collection's handout and compact view."""
    pages = {COLLECTIONS_INDEX_SRC: render_collections_index(kb)}
    for collection in kb.of_kind(COLLECTION):
        pages[handout_src(collection.id)] = render_handout(kb, collection)
        pages[compact_src(collection.id)] = render_compact(kb, collection)
    return pages


def render_collections_index(kb: KnowledgeBase) -> str:
    src = COLLECTIONS_INDEX_SRC
    items = []
    for collection in kb.of_kind(COLLECTION):
        count = len(kb.collection_items(collection))
        facts = inline.concat(
            inline.text(f" · {count} practice{'' if count == 1 else 's'} · curated by "),
            curator_value(kb, collection, src),
        )
        items.append(record_item(collection, src, facts, collection.fields["description"]))
    listed = item_list(items) or "No collection yet.\n"
    return (
        heading(1, "Collections")
        + "\nPractices chosen for an event, a meeting or a theme, each with a note on why it is there. "
        "Every collection has a printable handout and a compact view for a projector or an event web site.\n\n" + listed
    )


def _front_matter(title: str) -> str:
    # Material writes page.meta.title into <title> as it stands: escaped here, as HTML, then as YAML.
    return f'---\ntitle: "{_title_yaml(html_text(title))}"\ntemplate: {BARE_TEMPLATE}\n---\n\n'


def _title_yaml(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def _labels(kb: KnowledgeBase, field: str, ids: list[str]) -> Inline:
    terms = kb.vocabulary_of(field)
    return inline.text(", ".join(terms.term(i).label for i in ids))


def _countries(practice: Record) -> Inline:
    # Every country with its flag span, even an empty one, as the Browse card writes them.
    return inline.join(
        ((Piece("flag", country_flag(c)), Piece("text", f" {country_name(c)}")) for c in practice.values("countries")),
        ", ",
    )


def _context(kb: KnowledgeBase, collection: Record) -> str:
    parts = [f"Curated by {curator_name(kb, collection)}"]
    event_id = collection.fields.get("event")
    if event_id:
        event = kb.get(EVENT, event_id)
        parts.append(f"Event: {event.title} ({event.fields['city']}, {event.fields['start_date']})")
    return " · ".join(parts)


@dataclass(frozen=True)
class HandoutItem:
    id: str
    number: int
    url: str  # relative to the handout
    title: str
    rows: tuple[tuple[str, Inline], ...]
    summary: str
    note: str
    by_rule: bool
    address: str  # the permanent URL, or the path on the site when no site URL is configured
    qr: Markup | None  # the QR code of ``address``, when it is a full URL


@dataclass(frozen=True)
class HandoutView:
    site_name: str
    title: str
    context: str
    description: str
    address: str
    back_url: str
    site_url_variable: str | None  # set when no site URL is configured: the notice names it
    items: tuple[HandoutItem, ...]


def render_handout(kb: KnowledgeBase, collection: Record) -> str:
    """One A4-ready page: the collection's heading, then a block per practice with its QR code."""
    src = handout_src(collection.id)
    collection_path = entry_url(COLLECTION.folder, collection.id)
    view = HandoutView(
        site_name=kb.site.name,
        title=collection.title,
        context=_context(kb, collection),
        description=collection.fields["description"],
        address=absolute_url(kb.site.url, collection_path) or collection_path,
        back_url=relative_url(src, collection_path),
        site_url_variable=SITE_URL_VARIABLE if kb.site.url is None else None,
        items=tuple(
            _handout_item(kb, item, number, src) for number, item in enumerate(kb.collection_items(collection), start=1)
        ),
    )
    return _front_matter(f"Handout: {collection.title}") + html_block(render("handout.html", page=view))


def _handout_item(kb: KnowledgeBase, item: CollectionItem, number: int, src: str) -> HandoutItem:
    practice = item.practice
    path = page_url(practice.src_uri)
    url = absolute_url(kb.site.url, path)
    rows = (
        ("Countries", _countries(practice)),
        ("Approaches", _labels(kb, "approaches", practice.values("approaches")) or inline.text("Not yet documented")),
        ("Audiences", _labels(kb, "audiences", practice.values("audiences")) or inline.text("Not yet documented")),
        ("Evidence", _labels(kb, "evidence", practice.values("evidence"))),
    )
    return HandoutItem(
        id=practice.id,
        number=number,
        url=relative_url(src, path),
        title=practice.title,
        rows=rows,
        summary=practice.summary,
        note=item.note,
        by_rule=item.by_rule,
        address=url or path,
        qr=Markup(qr_svg(url, f"QR code for {practice.title}")) if url else None,
    )


@dataclass(frozen=True)
class CompactItem:
    url: str
    title: str
    countries: Inline
    note: str


@dataclass(frozen=True)
class CompactView:
    site_name: str
    title: str
    context: str
    items: tuple[CompactItem, ...]
    rule: str  # what the collection's rule adds, in words; empty without one
    address: str | None
    qr: Markup | None
    full_url: str


def render_compact(kb: KnowledgeBase, collection: Record) -> str:
    """Large type, no navigation: for a projector, or an iframe on an event's web site.

    Links open in the top window, so that a reader inside an iframe reaches the
    full page rather than a site squeezed into the frame.
    """
    src = compact_src(collection.id)
    collection_path = entry_url(COLLECTION.folder, collection.id)
    url = absolute_url(kb.site.url, collection_path)
    rule = collection.fields.get("rule")
    view = CompactView(
        site_name=kb.site.name,
        title=collection.title,
        context=_context(kb, collection),
        items=tuple(
            CompactItem(
                relative_url(src, page_url(item.practice.src_uri)),
                item.practice.title,
                _countries(item.practice),
                item.note,
            )
            for item in kb.collection_items(collection)
        ),
        rule=describe_rule(rule, kb.catalogue) if rule else "",
        address=url,
        qr=Markup(qr_svg(url, f"QR code for {collection.title}")) if url else None,
        full_url=relative_url(src, collection_path),
    )
    return _front_matter(collection.title) + html_block(render("compact.html", page=view))
