"""The kinds of entry in the knowledge base and where each lives."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str
    folder: str
    label: str
    plural: str
    title_field: str

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"


PRACTICE = Kind("practice", "practices", "Practice", "Practices", "title")
WORKSHOP = Kind("workshop", "workshops", "Workshop", "Workshops", "title")
EVENT = Kind("event", "events", "Event", "Events", "title")
ORGANISATION = Kind("organisation", "organisations", "Organisation", "Organisations", "name")
COLLECTION = Kind("collection", "collections", "Collection", "Collections", "title")

KINDS: tuple[Kind, ...] = (PRACTICE, WORKSHOP, EVENT, ORGANISATION, COLLECTION)
KIND_BY_FOLDER = {kind.folder: kind for kind in KINDS}
