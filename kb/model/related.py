"""Related practices, computed from shared data, each with the reason it is related.

What two practices share is kept as data (``Shared``); ``reason`` words it in
the knowledge base's language from the ``related.*`` strings, so a German
page says why in German. Every practice is compared with every other, so this is done once for the
whole knowledge base as matrix products (numpy): at 10,000 practices a
Python loop over pairs would take longer than the rest of the build.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kb.content.speech import Speech
from kb.model.knowledge_base import KnowledgeBase, Record

MAX_RELATED = 5
# How much each shared value counts. Approaches say most about what a practice
# does; a shared country or phenomenon alone is not a reason to suggest one.
WEIGHTS = {"approaches": 3, "audiences": 2, "phenomena": 1, "countries": 1}
DECIDING_FIELDS = ("approaches", "audiences")
NAMED = 100  # a relation a contributor stated beats any computed one
ROWS_PER_BLOCK = 1000  # bounds memory: a block of scores is ROWS x practices


@dataclass(frozen=True)
class Shared:
    """What makes another practice related to one: a stated relation, and the values both have."""

    named: bool
    approaches: tuple[str, ...]
    audiences: tuple[str, ...]
    countries: tuple[str, ...]


@dataclass(frozen=True)
class Related:
    practice: Record
    score: int
    shared: Shared
    reason: str  # ``shared`` in words, in the knowledge base's language


def related_practices(kb: KnowledgeBase, practice: Record, limit: int = MAX_RELATED) -> list[Related]:
    return prepare_related(kb)[practice.id][:limit]


def prepare_related(kb: KnowledgeBase) -> dict[str, list[Related]]:
    """Every practice's related practices, computed on first use and kept for the rest of the build."""
    table = kb.derived.get("related")
    if table is None:
        table = kb.derived["related"] = compute_related(kb, MAX_RELATED)
    return table


def _features(practices: list[Record], field: str) -> np.ndarray:
    values = sorted({str(v) for p in practices for v in p.values(field)})
    column = {value: index for index, value in enumerate(values)}
    matrix = np.zeros((len(practices), len(values)), dtype=np.float32)
    for row, practice in enumerate(practices):
        for value in practice.values(field):
            matrix[row, column[str(value)]] = 1
    return matrix


def compute_related(kb: KnowledgeBase, limit: int = MAX_RELATED) -> dict[str, list[Related]]:
    """For every practice, its most related others, best first, ties by title."""
    practices = kb.practices  # sorted by title: a lower index wins a tie
    count = len(practices)
    index = {p.id: i for i, p in enumerate(practices)}
    features = {field: _features(practices, field) for field in WEIGHTS}
    weighted = np.hstack([features[field] * WEIGHTS[field] for field in WEIGHTS])
    plain = np.hstack([features[field] for field in WEIGHTS])
    deciding = np.hstack([features[field] for field in DECIDING_FIELDS])
    named = [[index[r.id] for r in kb.related_practices(p)] for p in practices]
    table: dict[str, list[Related]] = {}
    reasons: dict[Shared, str] = {}
    for start in range(0, count, ROWS_PER_BLOCK):
        stop = min(start + ROWS_PER_BLOCK, count)
        scores = weighted[start:stop] @ plain.T
        shares = (deciding[start:stop] @ deciding.T) > 0
        scores[~shares] = 0
        for offset in range(stop - start):
            row = start + offset
            scores[offset, named[row]] += NAMED
            scores[offset, row] = 0
            table[practices[row].id] = _best(kb, practices, row, scores[offset], limit, set(named[row]), reasons)
    return table


def _best(
    kb: KnowledgeBase,
    practices: list[Record],
    row: int,
    scores: np.ndarray,
    limit: int,
    named: set[int],
    reasons: dict[Shared, str],
) -> list[Related]:
    """The row's best others; ``reasons``: each ``Shared`` worded once, as many pairs share the same."""
    candidates = np.flatnonzero(scores > 0)
    if len(candidates) > limit:
        # Highest score first; among equals the lower index, which is the earlier title.
        keep = np.lexsort((candidates, -scores[candidates]))[:limit]
        candidates = candidates[keep]
    else:
        candidates = candidates[np.lexsort((candidates, -scores[candidates]))]
    practice, say = practices[row], kb.speech
    related = []
    for i in candidates:
        shared = _shared(practice, practices[i], i in named)
        if shared not in reasons:
            reasons[shared] = reason(kb, shared, say)
        related.append(Related(practices[i], int(scores[i]), shared, reasons[shared]))
    return related


def _shared(practice: Record, other: Record, named: bool) -> Shared:
    def common(field: str) -> tuple[str, ...]:
        mine = practice.values(field)
        return tuple(v for v in other.values(field) if v in mine)

    return Shared(named, common("approaches"), common("audiences"), common("countries"))


def reason(kb: KnowledgeBase, shared: Shared, say: Speech) -> str:
    """Why a practice is related, in ``say``'s language: "also youth work, in Germany and Austria"."""
    parts = [say.t("related.named")] if shared.named else []
    for field, key in (("approaches", "related.approaches"), ("audiences", "related.audiences")):
        values = getattr(shared, field)
        if values:
            labels = kb.vocabulary_of(field)
            parts.append(say.t(key, **{field: say.both(say.in_sentence(labels.term(v).label) for v in values)}))
    if shared.countries:
        parts.append(say.t("related.countries", countries=say.both(say.country(c) for c in shared.countries)))
    # Each part is a phrase of its own; every language of the site lists them with a comma.
    return ", ".join(parts)
