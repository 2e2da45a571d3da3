"""The pages derived from collections: the list of all, a printable handout and a compact view.

The handout and the compact view use the bare template (overrides/kb-bare.html:
no header, tabs, sidebars or footer). The handout is laid out for A4 paper
(docs/assets/kb.css, ``@page``) with one block per practice and a QR code of
the practice's permanent URL; without a configured site URL it prints paths
and says why, rather than encoding an address that may be wrong.
"""

from __future__ import annotations

from kb.content.collection_rule import describe_rule
from kb.core.codes import country_flag, country_name
from kb.core.kinds import COLLECTION, EVENT
from kb.core.urls import SITE_URL_VARIABLE, absolute_url, entry_url, page_url, relative_url
from kb.model.knowledge_base import CollectionItem, KnowledgeBase, Record
from kb.render.fragments import EDITORS_ANCHOR, EDITORS_SRC, curator_name, record_link
from kb.render.markup import heading, html_text, relative, text
from kb.render.qr import qr_svg

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
        organisation = kb.curator_of(collection)
        curator = (
            record_link(organisation, src)
            if organisation is not None
            else f"[{text(curator_name(kb, collection))}]({relative(src, EDITORS_SRC)}#{EDITORS_ANCHOR})"
        )
        items.append(
            f"- **{record_link(collection, src)}** · {count} practice{'' if count == 1 else 's'} · "
            f"curated by {curator}  \n  {text(collection.fields['description'])}\n"
        )
    listed = "".join(items) or "No collection yet.\n"
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


def _labels(kb: KnowledgeBase, field: str, ids: list[str]) -> str:
    terms = kb.vocabulary_of(field)
    return ", ".join(html_text(terms.term(i).label) for i in ids)


def _countries(practice: Record) -> str:
    return ", ".join(
        f'<span aria-hidden="true">{country_flag(c)}</span> {html_text(country_name(c))}'
        for c in practice.values("countries")
    )


def _context(kb: KnowledgeBase, collection: Record) -> str:
    parts = [f"Curated by {html_text(curator_name(kb, collection))}"]
    event_id = collection.fields.get("event")
    if event_id:
        event = kb.get(EVENT, event_id)
        parts.append(
            f"Event: {html_text(event.title)} ({html_text(event.fields['city'])}, {event.fields['start_date']})"
        )
    return " · ".join(parts)


def render_handout(kb: KnowledgeBase, collection: Record) -> str:
    """One A4-ready page: the collection's heading, then a block per practice with its QR code."""
    src = handout_src(collection.id)
    site_url = kb.site.url
    items = kb.collection_items(collection)
    collection_path = entry_url(COLLECTION.folder, collection.id)
    collection_address = absolute_url(site_url, collection_path) or collection_path
    notice = ""
    if site_url is None:
        notice = (
            '<div class="kb-handout__notice" role="note"><p><strong>No QR codes yet.</strong> '
            "They need the site's public address, which is not configured, and a code with a wrong "
            f"address would send readers nowhere. Set <code>site_url</code> in mkdocs.yml or the "
            f"<code>{SITE_URL_VARIABLE}</code> environment variable and build again. Until then each "
            "practice shows its path on the site.</p></div>"
        )
    blocks = "\n".join(_handout_block(kb, item, number, src) for number, item in enumerate(items, start=1))
    back = relative_url(src, collection_path)
    return (
        _front_matter(f"Handout: {collection.title}")
        + '<div class="kb-handout">\n'
        + '<header class="kb-handout__header">'
        + f'<p class="kb-handout__site">{html_text(kb.site.name)}</p>'
        + f"<h1>{html_text(collection.title)}</h1>"
        + f'<p class="kb-handout__context">{_context(kb, collection)}</p>'
        + f'<p class="kb-handout__description">{html_text(collection.fields["description"])}</p>'
        + f'<p class="kb-handout__address">Online: <span class="kb-url">{html_text(collection_address)}</span></p>'
        + f'<p class="kb-no-print"><a href="{back}">Back to the collection</a> · '
        + "Print this page (A4) to get the handout.</p>"
        + "</header>\n"
        + notice
        + f'\n<ol class="kb-handout__items">\n{blocks}\n</ol>\n</div>\n'
    )


def _handout_block(kb: KnowledgeBase, item: CollectionItem, number: int, src: str) -> str:
    practice = item.practice
    path = page_url(practice.src_uri)
    url = absolute_url(kb.site.url, path)
    rows = [
        ("Countries", _countries(practice)),
        ("Approaches", _labels(kb, "approaches", practice.values("approaches")) or "Not yet documented"),
        ("Audiences", _labels(kb, "audiences", practice.values("audiences")) or "Not yet documented"),
        ("Evidence", _labels(kb, "evidence", practice.values("evidence"))),
    ]
    profile = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    why = ""
    if item.note:
        why = f'<p class="kb-handout__note"><strong>Why it is here:</strong> {html_text(item.note)}</p>'
    elif item.by_rule:
        why = '<p class="kb-handout__note">Included by the collection\'s rule.</p>'
    if url:
        code = qr_svg(url, f"QR code for {practice.title}")
        figure = (
            f'<figure class="kb-handout__qr">{code}<figcaption class="kb-url">{html_text(url)}</figcaption></figure>'
        )
    else:
        figure = f'<p class="kb-handout__path">Path on the site: <span class="kb-url">{html_text(path)}</span></p>'
    return (
        f'<li class="kb-handout__item" data-practice="{practice.id}">'
        f'<div class="kb-handout__text"><h2><span class="kb-handout__number">{number}.</span> '
        f'<a href="{relative_url(src, path)}">{html_text(practice.title)}</a></h2>'
        f'<dl class="kb-handout__profile">{profile}</dl>'
        f'<p class="kb-handout__summary">{html_text(practice.summary)}</p>{why}</div>'
        f"{figure}</li>"
    )


def render_compact(kb: KnowledgeBase, collection: Record) -> str:
    """Large type, no navigation: for a projector, or an iframe on an event's web site.

    Links open in the top window, so that a reader inside an iframe reaches the
    full page rather than a site squeezed into the frame.
    """
    src = compact_src(collection.id)
    items = kb.collection_items(collection)
    collection_path = entry_url(COLLECTION.folder, collection.id)
    url = absolute_url(kb.site.url, collection_path)
    lines = []
    for item in items:
        practice = item.practice
        href = relative_url(src, page_url(practice.src_uri))
        note = f'<p class="kb-compact__note">{html_text(item.note)}</p>' if item.note else ""
        lines.append(
            f'<li><a href="{href}" target="_top">{html_text(practice.title)}</a>'
            f'<span class="kb-compact__where">{_countries(practice)}</span>{note}</li>'
        )
    rule = collection.fields.get("rule")
    rule_line = (
        f'<p class="kb-compact__rule">Also every practice with {html_text(describe_rule(rule, kb.catalogue))}.</p>'
        if rule
        else ""
    )
    qr = ""
    if url:
        qr = (
            f'<figure class="kb-compact__qr">{qr_svg(url, f"QR code for {collection.title}")}'
            f'<figcaption class="kb-url">{html_text(url)}</figcaption></figure>'
        )
    full = relative_url(src, collection_path)
    return (
        _front_matter(collection.title)
        + '<div class="kb-compact">\n'
        + f'<header class="kb-compact__header"><p class="kb-compact__site">{html_text(kb.site.name)}</p>'
        + f"<h1>{html_text(collection.title)}</h1>"
        + f'<p class="kb-compact__context">{_context(kb, collection)}</p></header>\n'
        + f'<div class="kb-compact__body"><ol class="kb-compact__items">{"".join(lines)}</ol>{qr}</div>\n'
        + rule_line
        + f'<p class="kb-compact__more"><a href="{full}" target="_top">The full collection, '
        + "with a printable handout and open data</a></p>\n</div>\n"
    )
