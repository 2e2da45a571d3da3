"""The browse page: facets over every practice, as data for the browser and as static HTML.

Two outputs from one description of the facets:
- a compact JSON index (facet values as small integers, summaries in separate
  chunks loaded only for the cards on screen), which docs/assets/browse.js
  filters, counts and renders;
- static pages listing every practice as the same cards, so the page works
  without JavaScript.
"""

from __future__ import annotations

import json
import posixpath
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from kb.content.speech import Speech
from kb.core.codes import country_flag
from kb.core.kinds import EVENT, WORKSHOP
from kb.core.markdown import html_block
from kb.core.urls import page_url, relative_url
from kb.model.knowledge_base import KnowledgeBase, Record
from kb.render import inline
from kb.render.inline import Inline
from kb.render.markup import front_matter_title, heading
from kb.render.templating import render

BROWSE_SRC = "practices/index.md"
BROWSE_PAGE_SIZE = 100  # cards per static page; the no-JavaScript path pages through all
CARD_CHUNK_SIZE = 100  # cards (id, title, summary) per JSON chunk, fetched for the cards on screen
INDEX_FILE = "practices/browse-index.json"
CARD_CHUNK_FILE = "practices/browse-cards-{}.json"
TEXT_FILE = "practices/browse-text.json"


@dataclass(frozen=True)
class Facet:
    id: str  # the URL query key, the same in every language; its name is the string facet.<id>
    options: Callable[[KnowledgeBase], list[tuple[str, str]]]  # (value id, label in the page's language)
    field: str | None = None  # the practice field it filters on, if it is one field
    derived: Callable[[KnowledgeBase, Record], list[str]] | None = None  # otherwise, how its values are found

    def values_of(self, kb: KnowledgeBase, practice: Record) -> list[str]:
        if self.derived is not None:
            return self.derived(kb, practice)
        return [str(v) for v in practice.values(self.field or self.id)]

    def label(self, say: Speech) -> str:
        return say.t(f"facet.{self.id}")


def facet_for_field(field: str) -> Facet:
    """The facet that filters on a practice field, for links into Browse with it selected."""
    return next(facet for facet in FACETS if facet.field == field)


def browse_query(**values_by_field: list[str]) -> str:
    """The query string that opens Browse with these field values selected (as browse.js reads it)."""
    return "&".join(
        f"{facet_for_field(field).id}={quote(value)}" for field, values in values_by_field.items() for value in values
    )


def _terms(field: str) -> Callable[[KnowledgeBase], list[tuple[str, str]]]:
    return lambda kb: [(term.id, term.label) for term in kb.vocabulary_of(field).terms]


def alphabetical(name: str) -> tuple[str, str]:
    """A key that sorts names as a reader looks them up, accents and case aside ("Österreich" among the O's)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return plain.casefold(), name


def _countries(kb: KnowledgeBase) -> list[tuple[str, str]]:
    codes = {c for p in kb.practices for c in p.values("countries")}
    return sorted(((code, kb.speech.country(code)) for code in codes), key=lambda pair: alphabetical(pair[1]))


def _occasions_of(kb: KnowledgeBase, practice: Record) -> list[str]:
    """Where it was presented: the workshops and events named, and the events of those workshops."""
    named = [kb.find(i, (WORKSHOP, EVENT)) for i in practice.values("presented_at")]
    events = [r.fields["event"] for r in named if r.kind is WORKSHOP]
    return list(dict.fromkeys([r.id for r in named] + events))


def _occasions(kb: KnowledgeBase) -> list[tuple[str, str]]:
    used = {i for p in kb.practices for i in _occasions_of(kb, p)}
    options = []
    for event in kb.of_kind(EVENT):
        if event.id in used:
            options.append((event.id, event.title))
        for workshop in kb.workshops_of(event.id):
            if workshop.id in used:
                options.append(
                    (workshop.id, kb.speech.t("browse.workshop_at_event", event=event.title, workshop=workshop.title))
                )
    return options


FACETS: tuple[Facet, ...] = (
    Facet("country", _countries, field="countries"),
    Facet("approach", _terms("approaches"), field="approaches"),
    Facet("audience", _terms("audiences"), field="audiences"),
    Facet("phenomenon", _terms("phenomena"), field="phenomena"),
    Facet("evidence", _terms("evidence"), field="evidence"),
    Facet("status", _terms("status"), field="status"),
    Facet("scope", _terms("scope"), field="scope"),
    Facet("presented", _occasions, derived=_occasions_of),
)


def sorted_practices(kb: KnowledgeBase) -> list[Record]:
    return sorted(kb.practices, key=lambda p: (p.title.casefold(), p.id))


def build_browse_index(kb: KnowledgeBase) -> tuple[dict[str, Any], list[list[list[str]]], list[str]]:
    """The facet index, the card chunks and the filter text, all in the order of the default sort.

    The index holds only what filtering and counting need, as compactly as
    JSON allows: each practice's facet values as "0|1,5|2||..." (value
    positions per facet). Titles and summaries come in chunks fetched for
    the cards on screen; the text the filter box matches is fetched the
    first time someone types in it.
    """
    practices = sorted_practices(kb)
    facets = [(facet, facet.options(kb)) for facet in FACETS]
    positions = [{value: index for index, (value, _) in enumerate(options)} for _, options in facets]
    items = []
    for practice in practices:
        values = [
            sorted(position[v] for v in facet.values_of(kb, practice) if v in position)
            for (facet, _), position in zip(facets, positions, strict=True)
        ]
        items.append("|".join(",".join(map(str, v)) for v in values))
    say = kb.speech
    country_names = [alphabetical(", ".join(say.country(c) for c in p.values("countries"))) for p in practices]
    by_country = sorted(range(len(practices)), key=lambda i: (country_names[i], i))
    by_reviewed = sorted(range(len(practices)), key=lambda i: (_reverse(practices[i].fields["last_reviewed"]), i))
    index = {
        "facets": [
            # Labels in the page's language; ids as they are, so a Browse address means the same in every language.
            {"id": facet.id, "label": facet.label(say), "values": [list(option) for option in options]}
            for facet, options in facets
        ],
        "flags": {code: country_flag(code) for code, _ in dict(facets)[facet_for_field("countries")]},
        "count": len(practices),
        "chunkSize": CARD_CHUNK_SIZE,
        # Relative to the index file, where the browser resolves them.
        "cardsUrl": posixpath.relpath(CARD_CHUNK_FILE, posixpath.dirname(INDEX_FILE)),
        "textUrl": posixpath.relpath(TEXT_FILE, posixpath.dirname(INDEX_FILE)),
        "orders": {"country": by_country, "reviewed": by_reviewed},
        "items": items,
    }
    chunks = [
        [[p.id, p.title, p.summary] for p in practices[start : start + CARD_CHUNK_SIZE]]
        for start in range(0, len(practices), CARD_CHUNK_SIZE)
    ]
    text = [
        " ".join(
            [p.title, *p.values("places"), *(kb.find(i, tuple(kb.records)).title for i in p.values("organisations"))]
        ).casefold()
        for p in practices
    ]
    return index, chunks, text


def _reverse(date: str) -> str:
    """A key that sorts ISO dates newest first."""
    return "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in date)


def browse_data_files(kb: KnowledgeBase) -> dict[str, str]:
    """Site path -> content of every data file the browse page loads."""
    index, chunks, text = build_browse_index(kb)
    compact = {"ensure_ascii": False, "separators": (",", ":")}
    files = {INDEX_FILE: json.dumps(index, **compact), TEXT_FILE: json.dumps(text, **compact)}  # type: ignore[arg-type]
    for number, chunk in enumerate(chunks):
        files[CARD_CHUNK_FILE.format(number)] = json.dumps(chunk, **compact)  # type: ignore[arg-type]
    return files


def static_page_src(number: int) -> str:
    return BROWSE_SRC if number == 1 else f"practices/page/{number}.md"


def render_browse_pages(kb: KnowledgeBase) -> dict[str, str]:
    """Source path -> Markdown of each static browse page (page 1 is the browse page itself)."""
    practices = sorted_practices(kb)
    pages = max(1, -(-len(practices) // BROWSE_PAGE_SIZE))
    labels = card_labels(kb)
    rendered = {}
    for number in range(1, pages + 1):
        src = static_page_src(number)
        chunk = practices[(number - 1) * BROWSE_PAGE_SIZE : number * BROWSE_PAGE_SIZE]
        view = browse_page_view(kb, src, chunk, number, pages, len(practices), labels)
        listing = render("browse_listing.html", page=view, say=kb.speech)
        rendered[src] = _front_matter(kb.speech) + html_block(listing)
    return rendered


def _front_matter(say: Speech) -> str:
    title = say.t("browse.title")
    return f"---\ntitle: {front_matter_title(title)}\nhide:\n  - navigation\n  - toc\n---\n\n{heading(1, title)}"


# Where the browse page's intro sends readers who want a list by one facet: the sentence
# browse.narrow has a placeholder for each link, whose text is browse.by_<facet id>.
BROWSE_BY = (("country", "countries/"), ("approach", "approaches/"), ("audience", "audiences/"))


@dataclass(frozen=True)
class Link:
    href: str
    label: str
    current: bool = False


@dataclass(frozen=True)
class BrowsePageView:
    index_url: str
    intro: str  # "Showing all 8 practices, sorted by title." or "Showing 101-200 of 250 practices, ..."
    narrow: Inline  # "Narrow them down by country, approach or audience.", with links
    cards: tuple[CardView, ...]
    pages: tuple[Link, ...]  # empty when one page holds every practice


def browse_page_view(
    kb: KnowledgeBase,
    src: str,
    practices: list[Record],
    number: int,
    pages: int,
    total: int,
    labels: CardLabels | None = None,
) -> BrowsePageView:
    say = kb.speech
    first = (number - 1) * BROWSE_PAGE_SIZE + 1
    if pages > 1:
        last = first + len(practices) - 1
        intro = say.count("browse.intro_range", total, first=say.number(first), last=say.number(last))
    else:
        intro = say.count("browse.intro_all", total)
    labels = labels or card_labels(kb)
    page_links = tuple(
        Link(relative_url(src, page_url(static_page_src(other))), say.number(other), current=other == number)
        for other in range(1, pages + 1)
    )
    return BrowsePageView(
        index_url=relative_url(src, INDEX_FILE),
        intro=intro,
        narrow=inline.fill(say.t("browse.narrow"), **browse_by_links(src, say)),
        cards=tuple(card_view(kb, p, src, labels) for p in practices),
        pages=page_links if pages > 1 else (),
    )


def browse_by_links(src: str, say: Speech) -> dict[str, Inline]:
    """The links of the sentence browse.narrow, by its placeholders."""
    return {
        facet_id: inline.link(say.t(f"browse.by_{facet_id}"), relative_url(src, target))
        for facet_id, target in BROWSE_BY
    }


# The rows of a card, as (the string of its label, facet id); browse.js finds each row by its facet.
# The labels are the entry profile's, so a card and a practice's page name a field alike.
CARD_ROWS = (
    ("profile.countries", "country"),
    ("profile.approaches", "approach"),
    ("profile.audiences", "audience"),
    ("profile.evidence", "evidence"),
)

# Facet id -> value -> label, for the facets a card shows: what the browse index lists as their values.
CardLabels = dict[str, dict[str, str]]


@dataclass(frozen=True)
class CardValue:
    label: str
    flag: str | None = None  # a country's flag, shown before its name ("" when it has none)


@dataclass(frozen=True)
class CardRow:
    label: str
    facet: str  # the facet id, as the browse index names it
    values: tuple[CardValue, ...]  # empty: the row is hidden


@dataclass(frozen=True)
class CardView:
    url: str
    title: str
    summary: str
    rows: tuple[CardRow, ...]


def card_labels(kb: KnowledgeBase) -> CardLabels:
    """The labels of the values of the facets a card shows, worked out once per build."""
    shown = {facet_id for _, facet_id in CARD_ROWS}
    return {facet.id: dict(facet.options(kb)) for facet in FACETS if facet.id in shown}


def card_view(kb: KnowledgeBase, practice: Record, src: str, labels: CardLabels | None = None) -> CardView:
    """One practice's card, with the same values, in the same order, as browse.js shows from the index."""
    labels = labels or card_labels(kb)
    facets = {facet.id: facet for facet in FACETS}
    rows = []
    for label_key, facet_id in CARD_ROWS:
        known = labels[facet_id]
        values = [v for v in facets[facet_id].values_of(kb, practice) if v in known]
        # The index lists a practice's values in the facet's order (sorted positions), as here.
        order = {value: position for position, value in enumerate(known)}
        rows.append(
            CardRow(
                kb.speech.t(label_key),
                facet_id,
                tuple(
                    CardValue(known[v], country_flag(v) if facet_id == "country" else None)
                    for v in sorted(values, key=order.__getitem__)
                ),
            )
        )
    return CardView(relative_url(src, page_url(practice.src_uri)), practice.title, practice.summary, tuple(rows))


def render_card(kb: KnowledgeBase, practice: Record, src: str) -> str:
    """One practice as a card (templates/browse_card.html, which docs/assets/browse.js fills too)."""
    return render("browse_card.html", card=card_view(kb, practice, src))
