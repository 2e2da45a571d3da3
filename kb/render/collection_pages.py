"""The pages derived from collections: the list of all, a printable handout and a compact view.

The handout and the compact view use the bare template (overrides/kb-bare.html:
no header, tabs, sidebars or footer). The handout is laid out for A4 paper
(docs/assets/kb.css, ``@page``) with one block per practice and a QR code of
the practice's permanent URL; without a configured site URL it prints paths
and says why, rather than encoding an address that may be wrong. Their words
are strings of the page's language (``collection_list.*``, ``handout.*``,
``compact.*``).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from kb.content.collection_rule import describe_rule
from kb.core.codes import country_flag
from kb.core.kinds import COLLECTION, EVENT
from kb.core.markdown import html_block
from kb.core.urls import SITE_URL_VARIABLE, absolute_url, entry_url, page_url, relative_url
from kb.model.knowledge_base import CollectionItem, KnowledgeBase, Record
from kb.render import inline
from kb.render.fragments import curator_name, curator_value, item_list, record_item
from kb.render.inline import Inline, Piece
from kb.render.markup import front_matter_title, heading, text
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
    src, say = COLLECTIONS_INDEX_SRC, kb.speech
    items = []
    for collection in kb.of_kind(COLLECTION):
        facts = inline.text(" · ") + inline.fill(
            say.t("collection_list.facts"),
            practices=inline.text(say.count("count.practices", len(kb.collection_items(collection)))),
            curator=curator_value(kb, collection, src),
        )
        items.append(record_item(collection, src, facts, collection.fields["description"]))
    listed = item_list(items) or f"{text(say.t('collection_list.none'))}\n"
    return heading(1, say.t("collection_list.title")) + f"\n{text(say.t('collection_list.lead'))}\n\n" + listed


def _front_matter(title: str) -> str:
    return f"---\ntitle: {front_matter_title(title)}\ntemplate: {BARE_TEMPLATE}\n---\n\n"


def _labels(kb: KnowledgeBase, field: str, ids: list[str]) -> Inline:
    terms = kb.vocabulary_of(field)
    return inline.text(", ".join(terms.term(i).label for i in ids))


def _countries(kb: KnowledgeBase, practice: Record) -> Inline:
    # Every country with its flag span, even an empty one, as the Browse card writes them.
    return inline.join(
        (
            (Piece("flag", country_flag(c)), Piece("text", f" {kb.speech.country(c)}"))
            for c in practice.values("countries")
        ),
        ", ",
    )


def _context(kb: KnowledgeBase, collection: Record) -> str:
    """Who chose the practices, and the event the collection was made for: the line under its title."""
    say = kb.speech
    parts = [say.t("handout.curated_by", curator=curator_name(kb, collection))]
    event_id = collection.fields.get("event")
    if event_id:
        event = kb.get(EVENT, event_id)
        date = say.date(event.fields["start_date"])
        parts.append(say.t("handout.event", event=event.title, city=event.fields["city"], date=date))
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
    src, say = handout_src(collection.id), kb.speech
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
    title = say.t("handout.title", collection=collection.title)
    return _front_matter(title) + html_block(render("handout.html", page=view, say=say))


def _handout_item(kb: KnowledgeBase, item: CollectionItem, number: int, src: str) -> HandoutItem:
    practice, say = item.practice, kb.speech
    path = page_url(practice.src_uri)
    url = absolute_url(kb.site.url, path)
    missing = inline.text(say.t("value.not_documented"))
    rows = (
        (say.t("profile.countries"), _countries(kb, practice)),
        (say.t("profile.approaches"), _labels(kb, "approaches", practice.values("approaches")) or missing),
        (say.t("profile.audiences"), _labels(kb, "audiences", practice.values("audiences")) or missing),
        (say.t("profile.evidence"), _labels(kb, "evidence", practice.values("evidence"))),
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
        qr=Markup(qr_svg(url, say.t("handout.qr_label", title=practice.title))) if url else None,
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
    src, say = compact_src(collection.id), kb.speech
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
                _countries(kb, item.practice),
                item.note,
            )
            for item in kb.collection_items(collection)
        ),
        rule=describe_rule(rule, kb.catalogue, say) if rule else "",
        address=url,
        qr=Markup(qr_svg(url, say.t("handout.qr_label", title=collection.title))) if url else None,
        full_url=relative_url(src, collection_path),
    )
    return _front_matter(collection.title) + html_block(render("compact.html", page=view, say=say))
