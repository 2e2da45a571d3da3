"""The Markdown of each entry's page: a profile from its fields, then its body.

Every page opens the same way, so a reader finds countries, approaches and
sources in the same place on every practice, and every derived list (who
presented here, who runs this) is computed from the model, never typed.
"""

from __future__ import annotations

from collections.abc import Callable

from kb.content.collection_rule import describe_rule
from kb.core.codes import language_name
from kb.core.kinds import COLLECTION, EVENT, ORGANISATION, PRACTICE, WORKSHOP, Kind
from kb.core.markdown import html_block, visible_body
from kb.core.urls import collection_data_path, page_link, relative_url
from kb.model.freshness import REVIEW_AFTER_MONTHS, is_review_due, parse_date
from kb.model.knowledge_base import CollectionItem, KnowledgeBase, Record
from kb.model.related import related_practices
from kb.render import inline
from kb.render.citation import render_cite_section
from kb.render.collection_pages import compact_src, handout_src
from kb.render.fragments import (
    admonition_html,
    curator_value,
    field_values,
    finding_item,
    item_list,
    practice_list,
    practice_list_html,
    record_item,
    record_value,
    record_values,
    sources_section,
)
from kb.render.inline import NOT_DOCUMENTED, Inline
from kb.render.marker_links import link_markers
from kb.render.markup import heading
from kb.render.templating import render

CONTRIBUTING_SRC = "contributing.md"


def render_entry_page(kb: KnowledgeBase, record: Record) -> str:
    """The full Markdown of an entry's page, replacing its file's body."""
    return RENDERERS[record.kind](kb, record)


def entry_body(record: Record) -> str:
    """The entry's text as its page shows it: notes and empty sections left out, markers linked to the sources."""
    return link_markers(visible_body(record.body).strip(), [source.title for source in record.sources])


def _profile_html(rows: list[tuple[str, Inline]]) -> str:
    """The profile as one raw HTML block (templates/profile.html); rows with no value are left out."""
    return html_block(render("profile.html", rows=rows))


def _paragraph(value: Inline, css: str) -> str:
    return html_block(render("paragraph.html", value=value, css=css)) if value else ""


def _lead(record: Record) -> str:
    return _paragraph(inline.text(record.summary), "kb-lead")


def _page(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def _countries(record: Record, field_name: str = "countries") -> Inline:
    return inline.join((inline.country_link(code, record.src_uri) for code in record.values(field_name)), ", ")


def _organisations(kb: KnowledgeBase, record: Record, field_name: str) -> Inline:
    ids = record.values(field_name)
    return record_values((kb.get(ORGANISATION, i) for i in ids), record.src_uri) if ids else NOT_DOCUMENTED


def _website(record: Record) -> Inline:
    url = record.fields.get("website")
    return _address(str(url)) if url else ()


def _address(url: str) -> Inline:
    """A web or e-mail address as a link; addresses passed the schema's pattern."""
    return inline.link(url.removeprefix("mailto:"), url)


def _texts(values: list[str]) -> Inline:
    return inline.text(", ".join(str(value) for value in values))


def _years(record: Record) -> str:
    start, end = record.fields.get("start_year"), record.fields.get("end_year")
    if start and end:
        return f"{start}\N{EN DASH}{end}"
    if start:
        return f"since {start}"
    return f"until {end}" if end else ""


def render_practice(kb: KnowledgeBase, practice: Record) -> str:
    src = practice.src_uri
    status = kb.vocabulary_of("status").term(practice.fields["status"]).label
    years = _years(practice)
    evidence = kb.vocabulary_of("evidence").term(practice.fields["evidence"])
    presented = [kb.find(i, (WORKSHOP, EVENT)) for i in practice.values("presented_at")]
    profile = _profile_html(
        [
            ("Countries", _countries(practice)),
            ("Places", _texts(practice.values("places"))),
            ("Scope", _term_label(kb, practice, "scope")),
            ("Organisations", _organisations(kb, practice, "organisations")),
            ("Approaches", field_values(kb, practice, "approaches", src) or NOT_DOCUMENTED),
            ("Audiences", field_values(kb, practice, "audiences", src) or NOT_DOCUMENTED),
            ("Phenomena", field_values(kb, practice, "phenomena", src) or NOT_DOCUMENTED),
            ("Status", inline.text(status + (f", {years}" if years else ""))),
            ("Evidence", inline.titled(evidence.label, evidence.description)),
            ("Languages", _texts([language_name(c) for c in practice.values("languages")])),
            ("Website", _website(practice)),
            ("Contact", _contact(kb, practice)),
            ("Presented at", inline.join((_presented_at(kb, r, src) for r in presented), " · ")),
            ("Last reviewed", inline.text(practice.fields["last_reviewed"])),
            ("Last changed", inline.text(_last_changed(kb, practice))),
        ]
    )
    original = practice.fields.get("title_original")
    subtitle = (
        _paragraph(inline.concat(inline.text("Original title: "), inline.emphasis(original)), "kb-original-title")
        if original
        else ""
    )
    related = related_practices(kb, practice)
    return _page(
        heading(1, practice.title),
        subtitle,
        _lead(practice),
        _out_of_date_notice(kb, practice),
        profile,
        entry_body(practice) + "\n",
        _not_yet_documented(practice),
        heading(2, "Related practices")
        + html_block(practice_list_html(((r.practice, r.reason) for r in related), src, searchable=False))
        if related
        else "",
        _in_collections(kb, practice),
        sources_section(kb, practice.sources),
        render_cite_section(practice, kb.site),
    )


def _last_changed(kb: KnowledgeBase, record: Record) -> str:
    changed = kb.last_changed.get(record.source_path)
    return changed.isoformat() if changed else ""


def _out_of_date_notice(kb: KnowledgeBase, record: Record) -> str:
    reviewed = parse_date(record.fields.get("last_reviewed"))
    if reviewed is None or not is_review_due(reviewed, kb.today):
        return ""
    return admonition_html(
        "warning",
        "May be out of date",
        inline.concat(
            inline.text(
                f"This entry was last checked against its sources on {reviewed.isoformat()}, more than "
                f"{REVIEW_AFTER_MONTHS} months ago, so some facts may have changed. If you know this practice, "
            ),
            inline.link("help review it", _to_contributing(record)),
            inline.text("."),
        ),
        searchable=False,
    )


def _in_collections(kb: KnowledgeBase, practice: Record) -> str:
    """The collections that include this practice: derived, never stated on the practice."""
    collections = kb.collections_including(practice)
    if not collections:
        return ""
    items = [
        inline.concat(
            inline.strong(record_value(c, practice.src_uri)),
            inline.text(" · curated by "),
            curator_value(kb, c, practice.src_uri),
        )
        for c in collections
    ]
    return heading(2, "In collections") + item_list(items, searchable=False)


def _term_label(kb: KnowledgeBase, record: Record, field: str) -> Inline:
    term_id = record.fields.get(field)
    return inline.text(kb.vocabulary_of(field, record.kind).term(term_id).label) if term_id else NOT_DOCUMENTED


def _presented_at(kb: KnowledgeBase, occasion: Record, from_src: str) -> Inline:
    """A workshop with its event, since workshop titles alone are often generic."""
    if occasion.kind is WORKSHOP:
        event = kb.get(EVENT, occasion.fields["event"])
        return inline.concat(
            record_value(occasion, from_src), inline.text(" ("), record_value(event, from_src), inline.text(")")
        )
    return record_value(occasion, from_src)


def _contact(kb: KnowledgeBase, practice: Record) -> Inline:
    contact = practice.fields.get("contact") or {}
    parts = []
    if "organisation" in contact:
        parts.append(record_value(kb.get(ORGANISATION, contact["organisation"]), practice.src_uri))
    if "email" in contact:
        parts.append(_address(f"mailto:{contact['email']}"))
    if "url" in contact:
        parts.append(_address(str(contact["url"])))
    return inline.join(parts, " · ")


def _not_yet_documented(record: Record) -> str:
    missing = record.missing_sections()
    if not missing:
        return ""
    listed = ", ".join(name.lower() for name in missing)
    return admonition_html(
        "info",
        "Not yet documented",
        inline.concat(
            inline.text(f"The sources behind this entry do not yet describe: {listed}. If you know this practice, "),
            inline.link("help complete it", _to_contributing(record)),
            inline.text("."),
        ),
        searchable=False,
    )


def _to_contributing(record: Record) -> str:
    return page_link(record.src_uri, CONTRIBUTING_SRC)


def _findings_section(kb: KnowledgeBase, record: Record, title: str) -> str:
    items = item_list(finding_item(kb, record, f, record.src_uri, show_origin=False) for f in record.findings)
    return heading(2, title) + items if items else ""


def render_workshop(kb: KnowledgeBase, workshop: Record) -> str:
    src = workshop.src_uri
    event = kb.get(EVENT, workshop.fields["event"])
    dates = ", ".join(workshop.values("dates")) or _event_dates(event)
    profile = _profile_html(
        [
            ("Event", record_value(event, src)),
            ("Workshop", inline.text(workshop.fields.get("number", ""))),
            ("Dates", inline.text(dates)),
            ("Organisers", _organisations(kb, workshop, "organisers")),
            ("Format", inline.text(workshop.fields.get("format", "")) or NOT_DOCUMENTED),
            ("Approaches", field_values(kb, workshop, "approaches", src)),
            ("Last reviewed", inline.text(workshop.fields["last_reviewed"])),
        ]
    )
    practices = kb.practices_with("presented_at", workshop.id)
    return _page(
        heading(1, workshop.title),
        _lead(workshop),
        profile,
        entry_body(workshop) + "\n",
        _findings_section(kb, workshop, "Findings and recommendations"),
        heading(2, "Practices presented")
        + "\n"
        + practice_list(practices, src, "No practice is recorded as presented at this workshop yet."),
        sources_section(kb, workshop.sources),
    )


def _event_dates(event: Record) -> str:
    start, end = event.fields["start_date"], event.fields["end_date"]
    return start if start == end else f"{start} to {end}"


def render_event(kb: KnowledgeBase, event: Record) -> str:
    src = event.src_uri
    workshops = kb.workshops_of(event.id)
    profile = _profile_html(
        [
            ("Subtitle", inline.text(event.fields.get("subtitle", ""))),
            ("Dates", inline.text(_event_dates(event))),
            ("Place", inline.join([inline.text(event.fields["city"]), _countries(event, "country")], ", ")),
            ("Organisers", _organisations(kb, event, "organisers")),
            ("Format", inline.text(event.fields.get("format", ""))),
            ("Participants", inline.text(event.fields.get("participants", ""))),
            ("Website", _website(event)),
            ("Last reviewed", inline.text(event.fields["last_reviewed"])),
        ]
    )
    workshop_items = item_list(record_item(w, src) for w in workshops)
    practices = kb.practices_presented_at_event(event.id)
    return _page(
        heading(1, event.title),
        _lead(event),
        profile,
        entry_body(event) + "\n",
        _findings_section(kb, event, "General findings"),
        heading(2, "Workshops") + workshop_items if workshop_items else "",
        heading(2, "Practices presented")
        + "\n"
        + practice_list(practices, src, "No practice is recorded as presented at this event yet."),
        sources_section(kb, event.sources),
    )


def render_organisation(kb: KnowledgeBase, organisation: Record) -> str:
    src = organisation.src_uri
    profile = _profile_html(
        [
            ("Original name", inline.text(organisation.fields.get("name_original", ""))),
            ("Abbreviation", inline.text(organisation.fields.get("abbreviation", ""))),
            ("Type", _term_label(kb, organisation, "type")),
            ("Countries", _countries(organisation)),
            ("Website", _website(organisation)),
            ("Last reviewed", inline.text(organisation.fields["last_reviewed"])),
        ]
    )
    runs = kb.practices_with("organisations", organisation.id)
    organised = kb.referring(EVENT, "organisers", organisation.id) + kb.referring(
        WORKSHOP, "organisers", organisation.id
    )
    return _page(
        heading(1, organisation.title),
        _lead(organisation),
        profile,
        entry_body(organisation) + "\n",
        heading(2, "Practices")
        + "\n"
        + practice_list(runs, src, "No practice in the knowledge base names this organisation yet."),
        heading(2, "Events and workshops organised") + item_list(record_item(r, src) for r in organised)
        if organised
        else "",
        sources_section(kb, organisation.sources),
    )


def render_collection(kb: KnowledgeBase, collection: Record) -> str:
    src = collection.src_uri
    items = kb.collection_items(collection)
    event_id = collection.fields.get("event")
    rule = collection.fields.get("rule")
    formats = inline.join(
        (
            inline.link(label, url)
            for label, url in (
                ("Printable handout", page_link(src, handout_src(collection.id))),
                ("Compact view", page_link(src, compact_src(collection.id))),
                ("JSON", relative_url(src, collection_data_path(collection.id, "json"))),
                ("CSV", relative_url(src, collection_data_path(collection.id, "csv"))),
            )
        ),
        " · ",
    )
    profile = _profile_html(
        [
            ("Curator", curator_value(kb, collection, src, capital=True)),
            ("Event", record_value(kb.get(EVENT, event_id), src) if event_id else ()),
            ("Practices", inline.text(len(items))),
            (
                "Also includes",
                inline.text("every practice with " + describe_rule(rule, kb.catalogue)) if rule else (),
            ),
            ("Take it with you", formats),
            ("Last reviewed", inline.text(collection.fields["last_reviewed"])),
        ]
    )
    listed = item_list((collection_item(item, src) for item in items), ordered=True)
    return _page(
        heading(1, collection.title),
        _paragraph(inline.text(collection.fields["description"]), "kb-lead"),
        profile,
        body + "\n" if (body := entry_body(collection)) else "",
        heading(2, "Practices") + (listed or "\nNo practice is in this collection yet.\n"),
        sources_section(kb, collection.sources) if collection.sources else "",
    )


def collection_item(item: CollectionItem, src: str) -> Inline:
    """A numbered item: the practice, where it runs, its summary and why it is in the collection."""
    practice = item.practice
    countries = inline.join((inline.country(code) for code in practice.values("countries")), ", ")
    why: Inline = ()
    if item.by_rule:
        why = inline.emphasis("Included by the collection's rule.")
    elif item.note:
        why = inline.concat(inline.emphasis("Why it is here:"), inline.text(f" {item.note}"))
    facts = inline.concat(inline.text(" · "), countries)
    return record_item(practice, src, facts) + (inline.LINE_BREAK + why if why else ())


RENDERERS: dict[Kind, Callable[[KnowledgeBase, Record], str]] = {
    PRACTICE: render_practice,
    WORKSHOP: render_workshop,
    EVENT: render_event,
    ORGANISATION: render_organisation,
    COLLECTION: render_collection,
}
