"""'Did you mean' never offers the opposite of what was written (kb.core.suggestions)."""

from __future__ import annotations

import pytest

from kb.core.suggestions import changes_negation, closest

EVIDENCE = [
    "not-documented",
    "not-evaluated",
    "monitored",
    "peer-reviewed",
    "process-evaluated",
    "outcome-evaluated",
    "impact-evaluated",
]


@pytest.mark.parametrize(
    ("written", "suggestion"),
    [
        ("evaluated", "not-evaluated"),  # adds a hyphenated prefix
        ("not-evaluated", "evaluated"),  # drops one
        ("violent", "non-violent"),
        ("violent", "non violent"),  # as a word
        ("documented", "un-documented"),
        ("go", "no-go"),
        ("known", "unknown"),  # glued
        ("active", "inactive"),
        ("nonviolent", "violent"),
    ],
)
def test_a_suggestion_that_adds_or_drops_a_negation_is_one(written: str, suggestion: str) -> None:
    assert changes_negation(written, suggestion)


@pytest.mark.parametrize(
    ("written", "suggestion"),
    [
        ("not-evaluted", "not-evaluated"),
        ("youth", "youth-and-families"),
        ("in-person", "person"),  # 'in' as a word is no negation
        ("notebook", "notebooks"),
        ("contries", "countries"),
    ],
)
def test_a_suggestion_with_the_same_negations_is_none(written: str, suggestion: str) -> None:
    assert not changes_negation(written, suggestion)


def test_the_opposite_is_not_offered_even_when_it_is_the_closest_spelling() -> None:
    assert closest("evaluated", EVIDENCE, cutoff=0.5) is None
    assert closest("documented", EVIDENCE, cutoff=0.5) is None
    assert closest("inactive", ["active", "ended", "unknown"], cutoff=0.5) is None
    assert closest("known", ["active", "ended", "unknown"], cutoff=0.5) is None


def test_a_typo_is_still_corrected() -> None:
    assert closest("not-evaluted", EVIDENCE, cutoff=0.5) == "not-evaluated"
    assert closest("monitorred", EVIDENCE, cutoff=0.5) == "monitored"
    assert closest("contries", ["countries", "places"], cutoff=0.6) == "countries"
    assert closest("zzz", EVIDENCE, cutoff=0.5) is None
