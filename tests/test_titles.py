"""Title checks: look-alike characters, mixed scripts and near-duplicate practices."""

from __future__ import annotations

import itertools
import random

import pytest

from kb.checks.titles import (
    NEAR_DUPLICATE_SIMILARITY,
    Titled,
    check_near_duplicates,
    check_near_duplicates_of,
    check_title_characters,
    scan_title,
    similar_pairs,
    similarity,
    skeleton,
)
from kb.core.diagnostics import Severity
from kb.tools.synthetic import TOPICS


def titled(title: str, countries: str = "SE", organisations: str = "", path: str = "x.md") -> Titled:
    return Titled(path, title, 2, 8, frozenset(countries.split()), frozenset(organisations.split()))


@pytest.mark.parametrize(
    "title",
    ["180° Wende", "Café Müller \N{EN DASH} Straßburg", "Leicester's response to the EDL marches", "Ŝtefan's «Dialog»"],
)
def test_ordinary_titles_raise_nothing(title: str) -> None:
    assert check_title_characters(titled(title)) == []


@pytest.mark.parametrize(
    ("title", "code", "named"),
    [
        ("P\N{CYRILLIC SMALL LETTER O}lice mentors", "KB602", "U+043E CYRILLIC SMALL LETTER O, looks like Latin 'o'"),
        ("Police \N{GREEK CAPITAL LETTER ALPHA}cademy", "KB602", "GREEK CAPITAL LETTER ALPHA"),
        ("\N{FULLWIDTH LATIN CAPITAL LETTER P}olice", "KB603", "FULLWIDTH LATIN CAPITAL LETTER P"),
        ("\N{MATHEMATICAL BOLD CAPITAL P}olice", "KB603", "MATHEMATICAL BOLD CAPITAL P"),
        ("Police\N{SOFT HYPHEN}mentors", "KB603", "(U+00AD SOFT HYPHEN)"),
        ("Police\N{NO-BREAK SPACE}mentors", "KB603", "(U+00A0 NO-BREAK SPACE)"),
        ("Exit \N{LATIN SMALL LIGATURE FI}les", "KB603", "LATIN SMALL LIGATURE FI"),
        ("\N{CYRILLIC CAPITAL LETTER ER}\N{CYRILLIC CAPITAL LETTER A}\N{CYRILLIC CAPITAL LETTER ES}", "KB603", "ER"),
    ],
)
def test_look_alike_and_mixed_titles_warn_once_naming_the_character(title: str, code: str, named: str) -> None:
    (warning,) = check_title_characters(titled(title))
    assert (warning.code, warning.severity, warning.line, warning.column) == (code, Severity.WARNING, 2, 8)
    assert named in warning.message


def test_bidi_and_zero_width_characters_are_left_to_the_error_kb406() -> None:
    # kb.checks.body_rules refuses them anywhere in the front matter; a warning as well would say it twice.
    assert check_title_characters(titled("Police\N{ZERO WIDTH SPACE} mentors")) == []
    assert check_title_characters(titled("Police \N{RIGHT-TO-LEFT OVERRIDE}mentors")) == []


def test_a_title_in_one_other_script_is_not_flagged() -> None:
    assert check_title_characters(titled("Полиция и молодёжь")) == []


def test_skeleton_ignores_case_accents_punctuation_and_look_alikes() -> None:
    assert (
        skeleton("P\N{CYRILLIC SMALL LETTER O}\N{ZERO WIDTH SPACE}lice-Youngsters (Malmö)!")
        == "police youngsters malmo"
    )


@pytest.mark.parametrize("seed", [4, 5, 6])
@pytest.mark.parametrize("threshold", [0.5, NEAR_DUPLICATE_SIMILARITY, 0.9])
def test_similar_pairs_finds_exactly_the_pairs_a_full_comparison_finds(seed: int, threshold: float) -> None:
    rng = random.Random(seed)
    words = [t.lower() for t in TOPICS] + ["in Malmo", "in Malmö", "for youth", "Police", "youngsters", "network"]
    titles = [" ".join(rng.sample(words, rng.randint(1, 4))) for _ in range(300)] + ["", "!"]
    expected = [
        (i, j)
        for i, j in itertools.combinations(range(len(titles)), 2)
        if similarity(titles[i], titles[j]) >= threshold
    ]
    assert expected, "the sample should hold some alike titles"
    assert [(i, j) for i, j, _ in similar_pairs(titles, threshold)] == expected


def test_near_duplicates_need_a_shared_country_and_no_conflicting_organisation() -> None:
    original = titled("Police Youngsters (Sweden)", "SE", "police-sweden", "a.md")
    same = titled("Police youngsters in Sweden", "SE", "police-sweden", "b.md")
    elsewhere = titled("Police youngsters in Sweden", "DK", "", "c.md")
    other_organisation = titled("Police youngsters Sweden", "SE", "youth-office", "d.md")
    warnings = check_near_duplicates([original, same, elsewhere, other_organisation])
    assert {(w.path, w.code) for w in warnings} == {("a.md", "KB601"), ("b.md", "KB601")}
    message = next(w.message for w in warnings if w.path == "b.md")
    assert "a.md ('Police Youngsters (Sweden)'" in message


def test_checking_a_few_practices_loads_only_the_others_with_alike_titles() -> None:
    subject = titled("Police youngsters in Sweden", "SE", "", "new.md")
    others = [("a.md", "Police Youngsters (Sweden)"), ("b.md", "Neighbourhood managers")]
    loaded: list[str] = []

    def details(path: str) -> Titled:
        loaded.append(path)
        return titled(dict(others)[path], "SE", "", path)

    (warning,) = check_near_duplicates_of([subject], others, details)
    assert loaded == ["a.md"]
    assert warning.path == "new.md" and "a.md" in warning.message


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("---\ntitle: Plain title\n---\n", "Plain title"),
        ("---\nsummary: x\ntitle: 'It''s quoted'\n---\n", "It's quoted"),
        ('---\ntitle: "180° Wende"\n---\n', "180° Wende"),
        ('---\ntitle: "with \\" escape"\n---\n', None),
        ("---\ntitle: >\n  folded\n---\n", None),
        ("---\nsummary: x\n---\ntitle: in the body\n", None),
        ("no front matter\ntitle: x\n", None),
    ],
)
def test_scan_title_reads_simple_title_lines_only(text: str, title: str | None) -> None:
    assert scan_title(text) == title
