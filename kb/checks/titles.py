"""Checks on titles: near-duplicate practices, mixed scripts and look-alike characters.

All three are warnings (KB6xx): they point a contributor or reviewer at
something to look at, and never stop a build.

Near-duplicates are found by character trigrams of a normalised "skeleton" of
each title (case, accents, punctuation and look-alike letters removed). Every
pair of practices whose trigram sets overlap by at least
``NEAR_DUPLICATE_SIMILARITY`` (Jaccard) is compared, and reported when the
two also share a country and do not name different organisations. Pairs are
found with prefix filtering (each title is indexed only by its rarest
trigrams, which any sufficiently similar title must share), so checking
thousands of practices does not compare every pair.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from kb.checks.body_rules import INVISIBLE
from kb.checks.family import Example, Family, Rule
from kb.core.diagnostics import Diagnostic, Severity
from kb.core.two_cores import on_two_cores

NEAR_DUPLICATE_SIMILARITY = 0.7  # Jaccard similarity of title trigrams, 0 to 1
MAX_CHARACTERS_NAMED = 3  # look-alike characters named in one message

# Letters of other scripts drawn like Latin ones. Not Unicode's full
# confusables table: the letters that matter for European titles.
LOOK_ALIKES = {
    # Cyrillic
    "\N{CYRILLIC SMALL LETTER A}": "a",
    "\N{CYRILLIC SMALL LETTER IE}": "e",
    "\N{CYRILLIC SMALL LETTER SHHA}": "h",
    "\N{CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I}": "i",
    "\N{CYRILLIC SMALL LETTER JE}": "j",
    "\N{CYRILLIC SMALL LETTER PALOCHKA}": "l",
    "\N{CYRILLIC SMALL LETTER O}": "o",
    "\N{CYRILLIC SMALL LETTER ER}": "p",
    "\N{CYRILLIC SMALL LETTER QA}": "q",
    "\N{CYRILLIC SMALL LETTER DZE}": "s",
    "\N{CYRILLIC SMALL LETTER U}": "y",
    "\N{CYRILLIC SMALL LETTER WE}": "w",
    "\N{CYRILLIC SMALL LETTER HA}": "x",
    "\N{CYRILLIC SMALL LETTER ES}": "c",
    "\N{CYRILLIC SMALL LETTER KOMI DE}": "d",
    "\N{CYRILLIC CAPITAL LETTER A}": "A",
    "\N{CYRILLIC CAPITAL LETTER VE}": "B",
    "\N{CYRILLIC CAPITAL LETTER IE}": "E",
    "\N{CYRILLIC CAPITAL LETTER EN}": "H",
    "\N{CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I}": "I",
    "\N{CYRILLIC CAPITAL LETTER JE}": "J",
    "\N{CYRILLIC CAPITAL LETTER KA}": "K",
    "\N{CYRILLIC CAPITAL LETTER EM}": "M",
    "\N{CYRILLIC CAPITAL LETTER O}": "O",
    "\N{CYRILLIC CAPITAL LETTER ER}": "P",
    "\N{CYRILLIC CAPITAL LETTER ES}": "C",
    "\N{CYRILLIC CAPITAL LETTER DZE}": "S",
    "\N{CYRILLIC CAPITAL LETTER TE}": "T",
    "\N{CYRILLIC CAPITAL LETTER U}": "Y",
    "\N{CYRILLIC CAPITAL LETTER HA}": "X",
    # Greek
    "\N{GREEK CAPITAL LETTER ALPHA}": "A",
    "\N{GREEK CAPITAL LETTER BETA}": "B",
    "\N{GREEK CAPITAL LETTER EPSILON}": "E",
    "\N{GREEK CAPITAL LETTER ZETA}": "Z",
    "\N{GREEK CAPITAL LETTER ETA}": "H",
    "\N{GREEK CAPITAL LETTER IOTA}": "I",
    "\N{GREEK CAPITAL LETTER KAPPA}": "K",
    "\N{GREEK CAPITAL LETTER MU}": "M",
    "\N{GREEK CAPITAL LETTER NU}": "N",
    "\N{GREEK CAPITAL LETTER OMICRON}": "O",
    "\N{GREEK CAPITAL LETTER RHO}": "P",
    "\N{GREEK CAPITAL LETTER TAU}": "T",
    "\N{GREEK CAPITAL LETTER UPSILON}": "Y",
    "\N{GREEK CAPITAL LETTER CHI}": "X",
    "\N{GREEK SMALL LETTER OMICRON}": "o",
    "\N{GREEK SMALL LETTER NU}": "v",
    "\N{GREEK SMALL LETTER IOTA}": "i",
    "\N{GREEK SMALL LETTER RHO}": "p",
    "\N{GREEK SMALL LETTER ALPHA}": "a",
}

_NOT_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Titled:
    """What the title checks need of one entry."""

    path: str  # as shown in messages
    title: str
    line: int
    column: int
    countries: frozenset[str] = frozenset()
    organisations: frozenset[str] = frozenset()


# --- Scripts and look-alike characters -------------------------------------------------------------------------


def script_of(character: str) -> str | None:
    """The script of a letter (LATIN, CYRILLIC, GREEK, ...), None for anything else.

    Python's unicodedata has no Script property; a letter's name starts with
    its script for every alphabet a European title may use.
    """
    if not unicodedata.category(character).startswith("L"):
        return None
    name = unicodedata.name(character, "")
    return name.split(" ", 1)[0] if name else None


def _describe(character: str) -> str:
    code = f"U+{ord(character):04X}"
    name = unicodedata.name(character, "")
    latin = LOOK_ALIKES.get(character)
    described = f"{code} {name}".strip() + (f", looks like Latin '{latin}'" if latin else "")
    # An invisible character or odd space is named, not shown.
    shown = "" if unicodedata.category(character) in ("Cf", "Zs") else f"'{character}' "
    return f"{shown}({described})"


def _compatibility_form(character: str) -> bool:
    """A letter, digit or space that NFKC replaces: full-width, mathematical, ligature, odd space."""
    category = unicodedata.category(character)
    relevant = category.startswith("L") or category in ("Nd", "Nl", "Zs")
    return relevant and unicodedata.normalize("NFKC", character) != character


def check_title_characters(entry: Titled) -> list[Diagnostic]:
    """KB602 when a title mixes scripts; otherwise KB603 when it uses look-alike or invisible characters."""
    if entry.title.isascii():
        return []  # one script, and no look-alike or invisible character
    title = unicodedata.normalize("NFC", entry.title)
    formats = [c for c in title if unicodedata.category(c) == "Cf"]
    invisible = [c for c in formats if c not in INVISIBLE]  # bidi and zero-width ones are errors (KB406)
    compatibility = [c for c in title if _compatibility_form(c)]
    letters = [unicodedata.normalize("NFKC", c) for c in title if c not in formats]
    scripts = Counter(s for text in letters for c in text if (s := script_of(c)))

    def at(code: str, message: str) -> list[Diagnostic]:
        return [Diagnostic(entry.path, entry.line, entry.column, code, message, Severity.WARNING)]

    if len(scripts) > 1:
        main_script = scripts.most_common(1)[0][0]
        odd = _unique(c for c in title if script_of(c) not in (None, main_script))
        return at(
            "KB602",
            f"the title mixes {' and '.join(s.title() for s in sorted(scripts))} letters: "
            f"{_listed(odd)}. Write it in one script; a name in its own language and script belongs "
            "in title_original (name_original for an organisation)",
        )
    suspicious = _unique(invisible + compatibility)
    # A whole title of Cyrillic or Greek letters that all look Latin reads as Latin.
    if not suspicious and scripts and "LATIN" not in scripts and all(c in LOOK_ALIKES for c in title if script_of(c)):
        suspicious = _unique(c for c in title if script_of(c))
    if suspicious:
        return at(
            "KB603",
            f"the title has characters that look like others or are invisible: {_listed(suspicious)}. "
            "Retype it with ordinary letters and spaces",
        )
    return []


def _unique(characters: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(characters))


def _listed(characters: list[str]) -> str:
    named = ", ".join(_describe(c) for c in characters[:MAX_CHARACTERS_NAMED])
    more = len(characters) - MAX_CHARACTERS_NAMED
    return named + (f" and {more} more" if more > 0 else "")


# --- Near-duplicates -------------------------------------------------------------------------------------------


def skeleton(title: str) -> str:
    """The title as compared: no case, accents, punctuation or look-alike letters."""
    if title.isascii():
        return _NOT_WORD.sub(" ", title.lower()).strip()
    text = unicodedata.normalize("NFKC", title)
    text = "".join(LOOK_ALIKES.get(c, c) for c in text if unicodedata.category(c) != "Cf").casefold()
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _NOT_WORD.sub(" ", text).strip()


def trigrams(title: str) -> frozenset[str]:
    padded = f" {skeleton(title)} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def similarity(first: str, second: str) -> float:
    a, b = trigrams(first), trigrams(second)
    return len(a & b) / len(a | b) if a | b else 0.0


def similar_pairs(titles: Sequence[str], threshold: float = NEAR_DUPLICATE_SIMILARITY) -> list[tuple[int, int, float]]:
    """Index pairs (i < j) of titles whose trigram similarity is at least ``threshold``."""
    return _similar_sets([trigrams(t) for t in titles], threshold)


def _similar_sets(
    grams: Sequence[frozenset[str]], threshold: float, ordered_grams: Sequence[Sequence[str]] | None = None
) -> list[tuple[int, int, float]]:
    """Index pairs (i < j) of sets whose Jaccard similarity is at least ``threshold``.

    All-pairs with prefix filtering (Bayardo, Ma and Srikant, "Scaling up all
    pairs similarity search", 2007). With each set's items ordered from the
    rarest, two sets alike enough must share an item early in both: the
    smaller set's first |B| - ceil(2t/(1+t) |B|) + 1 and the larger set's first
    |A| - ceil(t |A|) + 1. Sets are visited from the smallest, each looked up
    in the index of the smaller ones before itself is indexed, and index
    entries too small for the set being visited are passed over for good (the
    sets to come are no smaller). Only the pairs found are compared in full.

    ``ordered_grams``: each set's items already in one order shared by all
    (any order shared by all is right; the rarest first finds fewest pairs to
    compare), when many groups of the same sets are compared.
    """
    if ordered_grams is None:
        ordered_grams = in_shared_order(grams)
    index: dict[str, list[int]] = defaultdict(list)
    first_large_enough: dict[str, int] = defaultdict(int)  # entries before it are too small for every set to come
    indexed_share = 2 * threshold / (1 + threshold)
    pairs = []
    for i in sorted(range(len(grams)), key=lambda i: (len(grams[i]), i)):
        gs = grams[i]
        size = len(gs)
        ordered = ordered_grams[i]
        smallest = threshold * size
        candidates: set[int] = set()
        # A hair below each bound, so a float rounding up can only make a prefix longer, never miss a pair.
        for g in ordered[: size - math.ceil(threshold * size - 1e-9) + 1]:
            listed = index.get(g)
            if not listed:
                continue
            first = first_large_enough[g]
            while first < len(listed) and len(grams[listed[first]]) < smallest:
                first += 1
            first_large_enough[g] = first
            candidates.update(listed[first:])
        for j in candidates:
            shared = len(gs & grams[j])
            score = shared / (size + len(grams[j]) - shared)
            if score >= threshold:
                pairs.append((min(i, j), max(i, j), score))
        for g in ordered[: size - math.ceil(indexed_share * size - 1e-9) + 1]:
            index[g].append(i)
    return sorted(pairs)


def in_shared_order(grams: Sequence[frozenset[str]]) -> list[list[str]]:
    """Each set's items from the rarest among all the sets, ties by the item itself."""
    frequency = Counter(g for gs in grams for g in gs)
    rank = {g: r for r, g in enumerate(sorted(frequency, key=lambda g: (frequency[g], g)))}
    return [sorted(gs, key=rank.__getitem__) for gs in grams]


def _may_be_same(a: Titled, b: Titled) -> bool:
    shared_country = bool(a.countries & b.countries)
    organisations_agree = not a.organisations or not b.organisations or bool(a.organisations & b.organisations)
    return shared_country and organisations_agree


def _warning(subject: Titled, other: Titled, score: float) -> Diagnostic:
    return Diagnostic(
        subject.path,
        subject.line,
        subject.column,
        "KB601",
        f"title, country and organisation closely match {other.path} ('{other.title}', "
        f"{score:.0%} alike). If it is the same practice, add to that entry instead; "
        "if not, make the titles say what differs",
        Severity.WARNING,
    )


def check_near_duplicates(practices: Sequence[Titled]) -> list[Diagnostic]:
    """KB601 on both entries of every pair of practices that look like the same one.

    Only practices that share a country can be near-duplicates, so titles are
    compared country by country: far fewer pairs than all against all.
    """
    by_country: dict[str, list[int]] = defaultdict(list)
    for index, practice in enumerate(practices):
        for country in sorted(practice.countries):
            by_country[country].append(index)
    grams = [trigrams(p.title) for p in practices]
    ordered = in_shared_order(grams)  # once, for every country a practice is in
    groups = list(by_country.values())

    def pairs_in(members: list[int]) -> list[tuple[int, int, float]]:
        found = _similar_sets([grams[m] for m in members], NEAR_DUPLICATE_SIMILARITY, [ordered[m] for m in members])
        return [(members[i], members[j], score) for i, j, score in found]

    # Countries are compared apart, so they are shared between both cores, a country at a time.
    in_groups, _ = on_two_cores(groups, pairs_in, lambda: None, chunk=1)
    found = {(i, j): score for pairs in in_groups for i, j, score in pairs}
    problems = []
    for (i, j), score in sorted(found.items()):
        a, b = practices[i], practices[j]
        if _may_be_same(a, b):
            problems += [_warning(a, b, score), _warning(b, a, score)]
    return problems


def check_near_duplicates_of(
    subjects: Sequence[Titled],
    others: Sequence[tuple[str, str]],
    details: Callable[[str], Titled | None],
) -> list[Diagnostic]:
    """KB601 for a few practices against all others, known by path and title only.

    Only the others whose titles are alike are looked up with ``details`` (a
    file read), so checking one file does not read every other one in full.
    """
    problems = []
    subject_paths = {s.path for s in subjects}
    for subject in subjects:
        grams = trigrams(subject.title)
        for path, title in others:
            if path in subject_paths:
                continue
            other_grams = trigrams(title)
            union = len(grams | other_grams)
            score = len(grams & other_grams) / union if union else 0.0
            if score < NEAR_DUPLICATE_SIMILARITY:
                continue
            other = details(path)
            if other is not None and _may_be_same(subject, other):
                problems.append(_warning(subject, other, score))
    return problems


# Greedy, and the trailing blanks stripped after: a lazy value followed by
# optional blanks tries every blank run from every position, the square of the line.
_TITLE_LINE = re.compile(r"^title:[ \t]*(.*)$")


def scan_title(text: str) -> str | None:
    """The title of a practice file read from its 'title:' line, without parsing YAML.

    For comparing titles quickly; None when the line is missing or the value
    is written in a form this does not read (such as over several lines).
    """
    lines = text.split("\n", 64)
    if not lines or lines[0].rstrip() != "---":
        return None
    for line in lines[1:]:
        if line.rstrip() in ("---", "..."):
            return None
        match = _TITLE_LINE.match(line)
        if match:
            return _plain_value(match.group(1).rstrip(" \t"))
    return None


def _plain_value(raw: str) -> str | None:
    if len(raw) >= 2 and raw[0] == raw[-1] == "'":
        return raw[1:-1].replace("''", "'")
    if len(raw) >= 2 and raw[0] == raw[-1] == '"' and "\\" not in raw:
        return raw[1:-1]
    if raw and raw[0] not in "'\"|>&*!{[" and " #" not in raw:
        return raw
    return None


FAMILY = Family(
    name="titles",
    title="Titles",
    about="Warnings for a reviewer to look at; they never fail a check.",
    rules=(
        Rule(
            "KB601",
            "A practice's title, country and organisation closely match another practice (a warning).",
            fails=Example(
                "title: Police youngsters in Sweden\ncountries: [SE]\norganisations: [ran-local]",
                shown="title: Police youngsters in Sweden (next to 'Police Youngsters', also SE, same organisation)",
            ),
            passes=Example("title: Police youngsters in Malmo schools\ncountries: [SE]"),
        ),
        Rule(
            "KB602",
            "A title mixes letters of different scripts, such as Latin and Cyrillic (a warning).",
            fails=Example(
                "title: P\N{CYRILLIC SMALL LETTER O}lice Youngsters",
                shown="title: P\N{CYRILLIC SMALL LETTER O}lice Youngsters (the second letter is Cyrillic)",
            ),
            passes=Example("title: Police Youngsters"),
        ),
        Rule(
            "KB603",
            (
                "A title has characters that look like others (full-width or mathematical letters, look-alike letters "
                "of another script) or invisible ones (a warning)."
            ),
            fails=Example(
                "title: \N{FULLWIDTH LATIN CAPITAL LETTER P}olice Youngsters",
                shown="title: \N{FULLWIDTH LATIN CAPITAL LETTER P}olice Youngsters (a full-width P)",
            ),
            passes=Example("title: Police Youngsters"),
        ),
    ),
    checks=(
        "kb.checks.titles.check_title_characters",
        "kb.checks.titles.check_near_duplicates",
    ),
)
