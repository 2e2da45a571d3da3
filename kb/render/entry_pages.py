"""The Markdown of each entry's page: a profile from its fields, then its body.

Every page opens the same way, so a reader finds countries, approaches and
sources in the same place on every practice, and every derived list (who
presented here, who runs this) is computed from the model, never typed.
"""

from __future__ import annotations

from collections.abc import Callable

from kb.content.collection_rule import describe_rule
from kb.core.kinds import COLLECTION, EVENT, ORGANISATION, PRACTICE, WORKSHOP, Kind
from kb.core.markdown import html_block, visible_body
from kb.core.urls import collection_data_path, page_link
from kb.model.freshness import REVIEW_AFTER_MONTHS, is_review_due, parse_date
from kb.model.knowledge_base import SECTION_KEYS, CollectionItem, KnowledgeBase, Record
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
from kb.render.inline import Inline
from kb.render.marker_links import link_markers
from kb.render.markup import heading
from kb.render.templating import render
from kb.render.translation_notices import entry_language_notice

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


def _countries(kb: KnowledgeBase, record: Record, field_name: str = "countries") -> Inline:
    codes = record.values(field_name)
    return inline.join((inline.country_link(code, record.src_uri, kb.speech) for code in codes), ", ")


def _organisations(kb: KnowledgeBase, record: Record, field_name: str) -> Inline:
    ids = record.values(field_name)
    if not ids:
        return inline.not_documented(kb.speech)
    return record_values((kb.get(ORGANISATION, i) for i in ids), record.src_uri)


def _website(record: Record) -> Inline:
    url = record.fields.get("website")
    return _address(str(url)) if url else ()


def _address(url: str) -> Inline:
    """A web or e-mail address as a link; addresses passed the schema's pattern."""
    return inline.link(url.removeprefix("mailto:"), url)


def _texts(values: list[str]) -> Inline:
    return inline.text(", ".join(str(value) for value in values))


def _years(kb: KnowledgeBase, record: Record) -> str:
    start, end = record.fields.get("start_year"), record.fields.get("end_year")
    if start and end:
        return f"{start}\N{EN DASH}{end}"
    if start:
        return kb.speech.t("value.since_year", year=start)
    return kb.speech.t("value.until_year", year=end) if end else ""


def _date(kb: KnowledgeBase, value: object) -> Inline:
    return inline.text(kb.speech.date(str(value))) if value else ()


def render_practice(kb: KnowledgeBase, practice: Record) -> str:
    src, say = practice.src_uri, kb.speech
    status = kb.vocabulary_of("status").term(practice.fields["status"]).label
    years = _years(kb, practice)
    evidence = kb.vocabulary_of("evidence").term(practice.fields["evidence"])
    presented = [kb.find(i, (WORKSHOP, EVENT)) for i in practice.values("presented_at")]
    missing = inline.not_documented(say)
    profile = _profile_html(
        [
            (say.t("profile.countries"), _countries(kb, practice)),
            (say.t("profile.places"), _texts(practice.values("places"))),
            (say.t("profile.scope"), _term_label(kb, practice, "scope")),
            (say.t("profile.organisations"), _organisations(kb, practice, "organisations")),
            (say.t("profile.approaches"), field_values(kb, practice, "approaches", src) or missing),
            (say.t("profile.audiences"), field_values(kb, practice, "audiences", src) or missing),
            (say.t("profile.phenomena"), field_values(kb, practice, "phenomena", src) or missing),
            (say.t("profile.status"), inline.text(status + (f", {years}" if years else ""))),
            (say.t("profile.evidence"), inline.titled(evidence.label, evidence.description)),
            (say.t("profile.languages"), _texts([say.language_name(c) for c in practice.values("languages")])),
            (say.t("profile.website"), _website(practice)),
            (say.t("profile.contact"), _contact(kb, practice)),
            (say.t("profile.presented_at"), inline.join((_presented_at(kb, r, src) for r in presented), " · ")),
            (say.t("profile.last_reviewed"), _date(kb, practice.fields["last_reviewed"])),
            (say.t("profile.last_changed"), _date(kb, kb.last_changed.get(practice.source_path))),
        ]
    )
    original = practice.fields.get("title_original")
    subtitle = (
        _paragraph(inline.fill(say.t("value.original_title"), title=inline.emphasis(original)), "kb-original-title")
        if original and original not in practice.title  # a translated title may hold it already
        else ""
    )
    related = related_practices(kb, practice)
    return _page(
        heading(1, practice.title),
        subtitle,
        _lead(practice),
        entry_language_notice(kb, practice),
        _out_of_date_notice(kb, practice),
        profile,
        entry_body(practice) + "\n",
        _not_yet_documented(kb, practice),
        heading(2, say.t("heading.related_practices"))
        + html_block(practice_list_html(kb, ((r.practice, r.reason) for r in related), src, searchable=False))
        if related
        else "",
        _in_collections(kb, practice),
        sources_section(kb, practice.sources),
        render_cite_section(kb, practice),
    )


def _out_of_date_notice(kb: KnowledgeBase, record: Record) -> str:
    reviewed = parse_date(record.fields.get("last_reviewed"))
    if reviewed is None or not is_review_due(reviewed, kb.today):
        return ""
    say = kb.speech
    message = say.t("notice.out_of_date.text", date=say.date(reviewed), months=REVIEW_AFTER_MONTHS)
    link = inline.link(say.t("notice.out_of_date.link"), _to_contributing(record))
    return admonition_html(
        "warning", say.t("notice.out_of_date.title"), inline.fill(message, link=link), searchable=False
    )


def _in_collections(kb: KnowledgeBase, practice: Record) -> str:
    """The collections that include this practice: derived, never stated on the practice."""
    collections = kb.collections_including(practice)
    if not collections:
        return ""
    items = [
        inline.fill(
            kb.speech.t("value.curated_by"),
            collection=inline.strong(record_value(c, practice.src_uri)),
            curator=curator_value(kb, c, practice.src_uri),
        )
        for c in collections
    ]
    return heading(2, kb.speech.t("heading.in_collections")) + item_list(items, searchable=False)


def _term_label(kb: KnowledgeBase, record: Record, field: str) -> Inline:
    term_id = record.fields.get(field)
    if not term_id:
        return inline.not_documented(kb.speech)
    return inline.text(kb.vocabulary_of(field, record.kind).term(term_id).label)


def _presented_at(kb: KnowledgeBase, occasion: Record, from_src: str) -> Inline:
    """A workshop with its event, since workshop titles alone are often generic."""
    if occasion.kind is WORKSHOP:
        event = kb.get(EVENT, occasion.fields["event"])
        return inline.fill(
            kb.speech.t("value.workshop_at_event"),
            workshop=record_value(occasion, from_src),
            event=record_value(event, from_src),
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


def _not_yet_documented(kb: KnowledgeBase, record: Record) -> str:
    missing = record.missing_sections()
    if not missing:
        return ""
    say = kb.speech
    listed = ", ".join(say.in_sentence(say.t(f"section.{SECTION_KEYS[name]}")) for name in missing)
    message = say.t("notice.not_documented.text", sections=listed)
    link = inline.link(say.t("notice.not_documented.link"), _to_contributing(record))
    return admonition_html(
        "info", say.t("notice.not_documented.title"), inline.fill(message, link=link), searchable=False
    )


def _to_contributing(record: Record) -> str:
    return page_link(record.src_uri, CONTRIBUTING_SRC)


def _findings_section(kb: KnowledgeBase, record: Record, title_key: str) -> str:
    items = item_list(finding_item(kb, record, f, record.src_uri, show_origin=False) for f in record.findings)
    return heading(2, kb.speech.t(title_key)) + items if items else ""


def render_workshop(kb: KnowledgeBase, workshop: Record) -> str:
    src, say = workshop.src_uri, kb.speech
    event = kb.get(EVENT, workshop.fields["event"])
    dates = ", ".join(say.date(day) for day in workshop.values("dates")) or _event_dates(kb, event)
    profile = _profile_html(
        [
            (say.t("profile.event"), record_value(event, src)),
            (say.t("profile.workshop"), inline.text(workshop.fields.get("number", ""))),
            (say.t("profile.dates"), inline.text(dates)),
            (say.t("profile.organisers"), _organisations(kb, workshop, "organisers")),
            (say.t("profile.format"), inline.text(workshop.fields.get("format", "")) or inline.not_documented(say)),
            (say.t("profile.approaches"), field_values(kb, workshop, "approaches", src)),
            (say.t("profile.last_reviewed"), _date(kb, workshop.fields["last_reviewed"])),
        ]
    )
    practices = kb.practices_with("presented_at", workshop.id)
    return _page(
        heading(1, workshop.title),
        _lead(workshop),
        entry_language_notice(kb, workshop),
        profile,
        entry_body(workshop) + "\n",
        _findings_section(kb, workshop, "heading.findings"),
        heading(2, say.t("heading.practices_presented"))
        + "\n"
        + practice_list(kb, practices, src, say.t("empty.workshop_practices")),
        sources_section(kb, workshop.sources),
    )


def _event_dates(kb: KnowledgeBase, event: Record) -> str:
    start, end = (kb.speech.date(event.fields[name]) for name in ("start_date", "end_date"))
    return start if start == end else kb.speech.t("value.date_range", start=start, end=end)


def render_event(kb: KnowledgeBase, event: Record) -> str:
    src, say = event.src_uri, kb.speech
    workshops = kb.workshops_of(event.id)
    place = inline.join([inline.text(event.fields["city"]), _countries(kb, event, "country")], ", ")
    profile = _profile_html(
        [
            (say.t("profile.subtitle"), inline.text(event.fields.get("subtitle", ""))),
            (say.t("profile.dates"), inline.text(_event_dates(kb, event))),
            (say.t("profile.place"), place),
            (say.t("profile.organisers"), _organisations(kb, event, "organisers")),
            (say.t("profile.format"), inline.text(event.fields.get("format", ""))),
            (say.t("profile.participants"), inline.text(event.fields.get("participants", ""))),
            (say.t("profile.website"), _website(event)),
            (say.t("profile.last_reviewed"), _date(kb, event.fields["last_reviewed"])),
        ]
    )
    workshop_items = item_list(record_item(w, src) for w in workshops)
    practices = kb.practices_presented_at_event(event.id)
    return _page(
        heading(1, event.title),
        _lead(event),
        profile,
        entry_body(event) + "\n",
        _findings_section(kb, event, "heading.general_findings"),
        heading(2, say.t("heading.workshops")) + workshop_items if workshop_items else "",
        heading(2, say.t("heading.practices_presented"))
        + "\n"
        + practice_list(kb, practices, src, say.t("empty.event_practices")),
        sources_section(kb, event.sources),
    )


def render_organisation(kb: KnowledgeBase, organisation: Record) -> str:
    src, say = organisation.src_uri, kb.speech
    profile = _profile_html(
        [
            (say.t("profile.original_name"), inline.text(organisation.fields.get("name_original", ""))),
            (say.t("profile.abbreviation"), inline.text(organisation.fields.get("abbreviation", ""))),
            (say.t("profile.type"), _term_label(kb, organisation, "type")),
            (say.t("profile.countries"), _countries(kb, organisation)),
            (say.t("profile.website"), _website(organisation)),
            (say.t("profile.last_reviewed"), _date(kb, organisation.fields["last_reviewed"])),
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
        heading(2, say.t("heading.practices"))
        + "\n"
        + practice_list(kb, runs, src, say.t("empty.organisation_practices")),
        heading(2, say.t("heading.events_organised")) + item_list(record_item(r, src) for r in organised)
        if organised
        else "",
        sources_section(kb, organisation.sources),
    )


def render_collection(kb: KnowledgeBase, collection: Record) -> str:
    src, say = collection.src_uri, kb.speech
    items = kb.collection_items(collection)
    event_id = collection.fields.get("event")
    rule = collection.fields.get("rule")
    formats = inline.join(
        (
            inline.link(label, url)
            for label, url in (
                (say.t("value.printable_handout"), page_link(src, handout_src(collection.id))),
                (say.t("value.compact_view"), page_link(src, compact_src(collection.id))),
                ("JSON", kb.shared_url(src, collection_data_path(collection.id, "json"))),
                ("CSV", kb.shared_url(src, collection_data_path(collection.id, "csv"))),
            )
        ),
        " · ",
    )
    includes = say.t("value.every_practice_with", rule=describe_rule(rule, kb.catalogue, say)) if rule else ""
    profile = _profile_html(
        [
            (say.t("profile.curator"), curator_value(kb, collection, src, capital=True)),
            (say.t("profile.event"), record_value(kb.get(EVENT, event_id), src) if event_id else ()),
            (say.t("profile.practices"), inline.text(say.number(len(items)))),
            (say.t("profile.also_includes"), inline.text(includes)),
            (say.t("profile.take_it_with_you"), formats),
            (say.t("profile.last_reviewed"), _date(kb, collection.fields["last_reviewed"])),
        ]
    )
    listed = item_list((collection_item(kb, item, src) for item in items), ordered=True)
    return _page(
        heading(1, collection.title),
        _paragraph(inline.text(collection.fields["description"]), "kb-lead"),
        entry_language_notice(kb, collection),
        profile,
        body + "\n" if (body := entry_body(collection)) else "",
        heading(2, say.t("heading.practices")) + (listed or f"\n{say.t('empty.collection_practices')}\n"),
        sources_section(kb, collection.sources) if collection.sources else "",
    )


def collection_item(kb: KnowledgeBase, item: CollectionItem, src: str) -> Inline:
    """A numbered item: the practice, where it runs, its summary and why it is in the collection."""
    practice, say = item.practice, kb.speech
    why: Inline = ()
    if item.by_rule:
        why = inline.emphasis(say.t("value.included_by_rule"))
    elif item.note:
        why = inline.concat(inline.emphasis(say.t("value.why_here")), inline.text(f" {item.note}"))
    facts = inline.concat(inline.text(" · "), inline.countries(practice.values("countries"), say))
    return record_item(practice, src, facts) + (inline.LINE_BREAK + why if why else ())


RENDERERS: dict[Kind, Callable[[KnowledgeBase, Record], str]] = {
    PRACTICE: render_practice,
    WORKSHOP: render_workshop,
    EVENT: render_event,
    ORGANISATION: render_organisation,
    COLLECTION: render_collection,
}
