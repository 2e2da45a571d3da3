"""Related practices, computed from shared data, each with the reason it is related."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kb.codes import country_name
from kb.model import KnowledgeBase, Record

MAX_RELATED = 5
# How much each shared value counts. Approaches say most about what a practice
# does; a shared country alone is not a reason to suggest a practice.
WEIGHTS = {"approaches": 3, "audiences": 2, "phenomena": 1, "countries": 1}
NAMED = 100  # a relation a contributor stated beats any computed one


@dataclass(frozen=True)
class Related:
    practice: Record
    score: int
    reason: str


def related_practices(kb: KnowledgeBase, practice: Record, limit: int = MAX_RELATED) -> list[Related]:
    named = {r.id for r in kb.related_practices(practice)}
    found = []
    for other in kb.practices:
        if other.id == practice.id:
            continue
        shared = {field: [v for v in other.values(field) if v in practice.values(field)] for field in WEIGHTS}
        score = sum(WEIGHTS[field] * len(values) for field, values in shared.items())
        if other.id in named:
            score += NAMED
        elif not (shared["approaches"] or shared["audiences"]):
            continue
        found.append(Related(other, score, _reason(kb, shared, other.id in named)))
    found.sort(key=lambda r: (-r.score, r.practice.title.casefold()))
    return found[:limit]


def _reason(kb: KnowledgeBase, shared: dict[str, list[str]], named: bool) -> str:
    parts = ["named as related"] if named else []
    if shared["approaches"]:
        labels = kb.vocabularies["approaches"]
        parts.append("also " + _and(labels.term(a).label.lower() for a in shared["approaches"]))
    if shared["audiences"]:
        labels = kb.vocabularies["audiences"]
        parts.append("also works with " + _and(labels.term(a).label.lower() for a in shared["audiences"]))
    if shared["countries"]:
        parts.append("in " + _and(country_name(c) for c in shared["countries"]))
    return ", ".join(parts)


def _and(words: Iterable[str]) -> str:
    items = list(words)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
