"""Related practices, computed from shared data, each with the reason it is related.

Every practice is compared with every other, so this is done once for the
whole knowledge base as matrix products (numpy): at 10,000 practices a
Python loop over pairs would take longer than the rest of the build.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from kb.core.codes import country_name
from kb.model.knowledge_base import KnowledgeBase, Record

MAX_RELATED = 5
# How much each shared value counts. Approaches say most about what a practice
# does; a shared country or phenomenon alone is not a reason to suggest one.
WEIGHTS = {"approaches": 3, "audiences": 2, "phenomena": 1, "countries": 1}
DECIDING_FIELDS = ("approaches", "audiences")
NAMED = 100  # a relation a contributor stated beats any computed one
ROWS_PER_BLOCK = 1000  # bounds memory: a block of scores is ROWS x practices


@dataclass(frozen=True)
class Related:
    practice: Record
    score: int
    reason: str


def related_practices(kb: KnowledgeBase, practice: Record, limit: int = MAX_RELATED) -> list[Related]:
    table = kb.derived.get("related")
    if table is None:
        table = kb.derived["related"] = compute_related(kb, limit)
    return table[practice.id][:limit]


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
    for start in range(0, count, ROWS_PER_BLOCK):
        stop = min(start + ROWS_PER_BLOCK, count)
        scores = weighted[start:stop] @ plain.T
        shares = (deciding[start:stop] @ deciding.T) > 0
        scores[~shares] = 0
        for offset in range(stop - start):
            row = start + offset
            scores[offset, named[row]] += NAMED
            scores[offset, row] = 0
            table[practices[row].id] = _best(kb, practices, row, scores[offset], limit, set(named[row]))
    return table


def _best(
    kb: KnowledgeBase, practices: list[Record], row: int, scores: np.ndarray, limit: int, named: set[int]
) -> list[Related]:
    candidates = np.flatnonzero(scores > 0)
    if len(candidates) > limit:
        # Highest score first; among equals the lower index, which is the earlier title.
        keep = np.lexsort((candidates, -scores[candidates]))[:limit]
        candidates = candidates[keep]
    else:
        candidates = candidates[np.lexsort((candidates, -scores[candidates]))]
    practice = practices[row]
    return [Related(practices[i], int(scores[i]), _reason(kb, practice, practices[i], i in named)) for i in candidates]


def _reason(kb: KnowledgeBase, practice: Record, other: Record, named: bool) -> str:
    shared = {field: [v for v in other.values(field) if v in practice.values(field)] for field in WEIGHTS}
    parts = ["named as related"] if named else []
    if shared["approaches"]:
        labels = kb.vocabulary_of("approaches")
        parts.append("also " + _and(labels.term(a).label.lower() for a in shared["approaches"]))
    if shared["audiences"]:
        labels = kb.vocabulary_of("audiences")
        parts.append("also works with " + _and(labels.term(a).label.lower() for a in shared["audiences"]))
    if shared["countries"]:
        parts.append("in " + _and(country_name(c) for c in shared["countries"]))
    return ", ".join(parts)


def _and(words: Iterable[str]) -> str:
    items = list(words)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
