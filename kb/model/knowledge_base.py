"""The knowledge base as plain data, with every reverse relationship derived.

Each relationship is stated once in content (a practice names the workshops
it was presented at); the indexes here answer the reverse questions (which
practices were presented at this workshop) so no page needs a hand list.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any, ClassVar

from kb.checks.personal_data import CONSENT_FIELD
from kb.checks.validation import ValidationResult
from kb.content.catalogue import Catalogue
from kb.content.collection_rule import matches_rule
from kb.content.discovery import Entry
from kb.content.languages import ORIGINAL_LANGUAGE
from kb.content.permalinks import Redirects
from kb.content.speech import Speech, speech_for
from kb.content.vocabularies import Vocabulary
from kb.core.kinds import COLLECTION, EVENT, KINDS, ORGANISATION, PRACTICE, WORKSHOP, Kind
from kb.core.markdown import visible_body
from kb.core.urls import relative_url
from kb.model.translations import (
    SUMMARY_FIELDS,
    Translation,
    TranslationIndex,
    index_translations,
    translations_by_language,
)

# The sections a practice's text is written in, in this order, each with what
# it holds. The scaffold writes them as headings with the note as a hint, the
# guide and the field reference list them, and a practice page names those it
# lacks as not yet documented.
SECTION_NOTES = {
    "What it does": "What the practice is and does, who runs it, and where.",
    "Who it is for": "The people it works with or for, and how they are reached or referred.",
    "How it works": "What happens in practice: the activities, the steps, who takes part and with whom.",
    "Results and evaluation": "What is known about its results; where an evaluation is cited, what it found.",
    "Lessons learned": "What the sources say worked, what did not, and what the people running it learned.",
    "Transferability": "What another city or country would need to start the same: people, partners, money, law.",
}
RECOMMENDED_SECTIONS = tuple(SECTION_NOTES)
# Each section's string (``section.<key>`` in i18n/), by which pages name it in every language.
SECTION_KEYS = {name: name.lower().replace(" ", "_") for name in SECTION_NOTES}
# A collection's curator when the knowledge base's own editors chose its practices (not an organisation's id).
EDITORS = "editors"


@dataclass(frozen=True)
class Source:
    # Every field the schema allows in a source (common.schema.json#/$defs/source): the validator
    # accepts each, so the model must take each.
    title: str
    publisher: str | None = None
    year: int | None = None
    url: str | None = None
    accessed: str | None = None
    locator: str | None = None
    language: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class Finding:
    FIELDS: ClassVar[tuple[str, str]] = ("approaches", "audiences")  # the controlled fields of a finding
    text: str
    approaches: tuple[str, ...]
    audiences: tuple[str, ...]
    origin: str  # the id of the workshop or event that reached it


@dataclass
class Record:
    """One entry: its kind, id, source file, fields and body."""

    kind: Kind
    id: str
    src_uri: str  # relative to docs/, as the site engine sees it
    source_path: str  # relative to the repository, for messages and edit links
    fields: dict[str, Any]
    body: str
    # In another language's edition: the translation its title, summary and text come from, if any,
    # and the original's text, whose headings say which sections are documented.
    translation: Translation | None = None
    original_body: str | None = None

    @property
    def title(self) -> str:
        return str(self.fields[self.kind.title_field])

    @property
    def summary(self) -> str:
        return str(self.fields.get("summary", ""))

    def values(self, name: str) -> list[Any]:
        value = self.fields.get(name)
        if value is None:
            return []
        return list(value) if isinstance(value, list) else [value]

    @property
    def sources(self) -> list[Source]:
        return [Source(**source) for source in self.fields.get("sources", [])]

    @property
    def findings(self) -> list[Finding]:
        return [
            Finding(f["text"], tuple(f["approaches"]), tuple(f.get("audiences", [])), self.id)
            for f in self.fields.get("findings", [])
        ]

    def missing_sections(self) -> list[str]:
        """The recommended sections the original's text lacks, by their English names (``SECTION_NOTES``)."""
        body = self.body if self.original_body is None else self.original_body
        present = {line[3:].strip().casefold() for line in visible_body(body).splitlines() if line.startswith("## ")}
        return [name for name in RECOMMENDED_SECTIONS if name.casefold() not in present]


@dataclass(frozen=True)
class CollectionItem:
    """One practice in a collection: chosen by hand (with the curator's note) or by the rule."""

    practice: Record
    note: str
    by_rule: bool


@dataclass(frozen=True)
class SiteInfo:
    """What pages say about the site itself. ``url`` is None when no public address is configured."""

    name: str
    url: str | None = None


@dataclass
class KnowledgeBase:
    records: dict[Kind, dict[str, Record]]
    catalogue: Catalogue
    redirects: Redirects = field(default_factory=Redirects)
    site: SiteInfo = SiteInfo("Local Prevention Practice Exchange")
    # When each source file last changed (from git, when known) and the build's date,
    # for freshness notices; see kb.model.freshness.
    last_changed: dict[str, datetime.date] = field(default_factory=dict)
    today: datetime.date = field(default_factory=datetime.date.today)
    _reverse: dict[tuple[str, str], list[Record]] = field(default_factory=dict)
    _collections: dict[str, list[CollectionItem]] = field(default_factory=dict)
    # Each entry's translations as written; translations_of says which are out of date.
    _translations: TranslationIndex = field(default_factory=dict)
    # Results computed once per build from the whole knowledge base (sorted
    # lists, related practices): every page asks for them, none may redo them.
    derived: dict[str, Any] = field(default_factory=dict)
    # The language pages are written in: the original (English), or one edition's (``in_language``).
    language: str = ORIGINAL_LANGUAGE

    @cached_property
    def speech(self) -> Speech:
        """The strings, vocabulary labels, names and dates of this knowledge base's language."""
        return speech_for(self.catalogue, self.language)

    @property
    def path_prefix(self) -> str:
        """Where this language's edition lives in the site: "" for the original (English), "de/" for German."""
        return "" if self.language == ORIGINAL_LANGUAGE else f"{self.language}/"

    def shared_url(self, from_src: str, path: str) -> str:
        """A link from a page of this edition to a site path of the original edition: a file only it
        publishes (open data), or the original of a page."""
        return relative_url(self.path_prefix + from_src, path)

    def in_language(self, language: str) -> KnowledgeBase:
        """The same knowledge base as another language's edition reads it: each translated entry's
        title, summary and text in that language, every other entry as written, and that language's words."""
        if language == self.language:
            return self
        records = {
            kind: {entry_id: self._translated(record, language) for entry_id, record in by_id.items()}
            for kind, by_id in self.records.items()
        }
        view = replace(self, records=records, language=language, derived={}, _reverse={}, _collections={})
        view._reverse = _reverse_index(records)
        return view

    def _translated(self, record: Record, language: str) -> Record:
        translation = self._translations.get((record.kind, record.id), {}).get(language)
        if translation is None:
            return record
        fields = dict(record.fields)
        fields[record.kind.title_field] = translation.title
        for name in SUMMARY_FIELDS:
            if name in fields and translation.summary:
                fields[name] = translation.summary
        outdated = self.translations_of(record.kind, record.id)[language]
        return replace(record, fields=fields, body=translation.body, translation=outdated, original_body=record.body)

    @property
    def vocabularies(self) -> Mapping[str, Vocabulary]:
        return self.speech.vocabularies

    @property
    def schemas(self) -> Mapping[str, dict[str, Any]]:
        return self.catalogue.schemas

    def vocabulary_of(self, name: str | tuple[str, ...], kind: Kind = PRACTICE) -> Vocabulary:
        """The vocabulary a field takes its values from, as the kind's schema says, in this language."""
        return self.vocabularies[self.catalogue.vocabulary_of(name, kind).id]

    def of_kind(self, kind: Kind) -> list[Record]:
        key = f"sorted:{kind.name}"
        if key not in self.derived:
            self.derived[key] = sorted(self.records[kind].values(), key=lambda r: (r.title.casefold(), r.id))
        return list(self.derived[key])

    @property
    def practices(self) -> list[Record]:
        return self.of_kind(PRACTICE)

    def get(self, kind: Kind, entry_id: str) -> Record:
        return self.records[kind][entry_id]

    def find(self, entry_id: str, kinds: tuple[Kind, ...]) -> Record:
        return next(self.records[kind][entry_id] for kind in kinds if entry_id in self.records[kind])

    def record_for_src(self, src_uri: str) -> Record | None:
        for kind in KINDS:
            if src_uri.startswith(f"{kind.folder}/"):
                return self.records[kind].get(src_uri[len(kind.folder) + 1 : -3])
        return None

    def referring(self, kind: Kind, field_name: str, target_id: str) -> list[Record]:
        """Entries of ``kind`` whose ``field_name`` names ``target_id``."""
        return sorted(
            (r for r in self._reverse.get((field_name, target_id), []) if r.kind is kind),
            key=lambda r: r.title.casefold(),
        )

    def practices_with(self, field_name: str, value: str) -> list[Record]:
        return self.referring(PRACTICE, field_name, value)

    def related_practices(self, practice: Record) -> list[Record]:
        """Practices this one names as related, and those that name it."""
        named = [self.records[PRACTICE][i] for i in practice.values("related")]
        naming = self.referring(PRACTICE, "related", practice.id)
        return sorted({r.id: r for r in named + naming}.values(), key=lambda r: r.title.casefold())

    def workshops_of(self, event_id: str) -> list[Record]:
        return sorted(self.referring(WORKSHOP, "event", event_id), key=lambda r: r.fields.get("number", 0))

    def practices_presented_at_event(self, event_id: str) -> list[Record]:
        at_event = self.practices_with("presented_at", event_id)
        in_workshops = [p for w in self.workshops_of(event_id) for p in self.practices_with("presented_at", w.id)]
        return sorted({r.id: r for r in at_event + in_workshops}.values(), key=lambda r: r.title.casefold())

    def findings(self) -> list[tuple[Record, Finding]]:
        """Findings of events first, then of workshops in programme order."""
        origins = self.of_kind(EVENT) + sorted(
            self.of_kind(WORKSHOP), key=lambda w: (w.fields["event"], w.fields.get("number", 0))
        )
        return [(origin, finding) for origin in origins for finding in origin.findings]

    def collection_items(self, collection: Record) -> list[CollectionItem]:
        """The items in their order, then the practices the rule matches, by title; each practice once."""
        if collection.id not in self._collections:
            items = [
                CollectionItem(self.records[PRACTICE][item["practice"]], str(item.get("note", "")), False)
                for item in collection.fields.get("items", [])
            ]
            rule = collection.fields.get("rule")
            if rule:
                listed = {item.practice.id for item in items}
                items += [
                    CollectionItem(practice, "", True)
                    for practice in self.practices
                    if practice.id not in listed and matches_rule(rule, practice.fields)
                ]
            self._collections[collection.id] = items
        return self._collections[collection.id]

    def curator_of(self, collection: Record) -> Record | None:
        """The organisation that chose a collection's practices; None when the editors did (``EDITORS``)."""
        curator = collection.fields["curator"]
        return None if curator == EDITORS else self.get(ORGANISATION, curator)

    def collections_including(self, practice: Record) -> list[Record]:
        return [
            c
            for c in self.of_kind(COLLECTION)
            if any(item.practice.id == practice.id for item in self.collection_items(c))
        ]

    def translations_of(self, kind: Kind, entry_id: str) -> dict[str, Translation]:
        """An entry's translations by language, each marked outdated if the entry changed after it was translated."""
        record = self.records[kind][entry_id]
        return translations_by_language(
            self._translations.get((kind, entry_id), {}), self.last_changed.get(record.source_path)
        )

    def countries_in_use(self) -> list[str]:
        codes = {
            code
            for kind in KINDS
            for r in self.records[kind].values()
            for code in r.values("countries") + r.values("country")
        }
        return sorted(codes)


def build_knowledge_base(result: ValidationResult, docs_prefix: str = "docs/") -> KnowledgeBase:
    """The model of a validated knowledge base; call only when ``result.ok``."""
    if not result.ok:
        raise ValueError("the knowledge base has errors; validate it first")
    records: dict[Kind, dict[str, Record]] = {kind: {} for kind in KINDS}
    for entry in result.entries:
        records[entry.kind][entry.id] = _record(entry, docs_prefix)
    kb = KnowledgeBase(records, result.catalogue, result.redirects)
    kb._translations = index_translations(result.translations)
    kb._reverse = _reverse_index(records)
    return kb


def _reverse_index(records: Mapping[Kind, Mapping[str, Record]]) -> dict[tuple[str, str], list[Record]]:
    """Every value of every list or text field, so that reverse look-ups
    (who names this workshop, which practices use this approach) are one get."""
    found: dict[tuple[str, str], list[Record]] = {}
    for kind in KINDS:
        for record in records[kind].values():
            for name, value in record.fields.items():
                for item in value if isinstance(value, list) else [value]:
                    if isinstance(item, str):
                        found.setdefault((name, item), []).append(record)
    return found


def _record(entry: Entry, docs_prefix: str) -> Record:
    source_path = entry.loaded.path
    src_uri = f"{entry.kind.folder}/{entry.id}.md"
    return Record(entry.kind, entry.id, src_uri, source_path, published_fields(entry.data), entry.loaded.body)


def published_fields(data: dict[str, Any]) -> dict[str, Any]:
    """An entry's fields as the site may publish them: a consent record becomes the fact that it exists.

    Who consented, when and where the evidence is kept are for the editors
    (kb.checks.personal_data); no page or open data file may show them, so the model
    every page and file is made from never holds them.
    """
    fields = dict(data)
    if fields.get(CONSENT_FIELD):
        fields[CONSENT_FIELD] = True
    return fields


__all__ = [
    "COLLECTION",
    "EVENT",
    "ORGANISATION",
    "PRACTICE",
    "WORKSHOP",
    "CollectionItem",
    "KnowledgeBase",
    "Record",
    "SiteInfo",
    "build_knowledge_base",
]
