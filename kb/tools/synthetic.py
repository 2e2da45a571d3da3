"""Synthetic practices for benchmarks: valid, varied and the same for the same seed.

``write_synthetic_knowledge_base`` copies the real schemas and content into a
folder and adds generated practices that pass validation, referring to the
real organisations, workshops and vocabularies. Benchmarks build on it, and
the build tests use a few hundred to reach what only a large base has
(several static browse pages); the site itself never reads synthetic content.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from kb.checks import render_limits as limits
from kb.content.catalogue import load_catalogue
from kb.content.discovery import Layout
from kb.content.loading import MAX_FILE_BYTES
from kb.content.permalinks import MANIFEST_FILE, REDIRECTS_FILE
from kb.core.kinds import ORGANISATION, PRACTICE, WORKSHOP

COUNTRIES = ("AT", "BE", "DE", "DK", "ES", "FI", "FR", "GB", "GR", "IE", "IT", "NL", "NO", "PL", "PT", "SE")
PLACES = (
    "Aarhus",
    "Antwerp",
    "Bilbao",
    "Bologna",
    "Bordeaux",
    "Cork",
    "Dresden",
    "Gdansk",
    "Graz",
    "Lille",
    "Malmo",
    "Porto",
    "Tampere",
    "Thessaloniki",
    "Utrecht",
    "Bergen",
)
TOPICS = (
    "Mentoring",
    "Family support",
    "Street work",
    "School dialogue",
    "Case consultation",
    "Exit counselling",
    "Neighbourhood watch",
    "Peer education",
    "Media literacy",
    "Sports coaching",
    "Youth council",
    "Prison outreach",
    "Parent circles",
    "Community mediation",
    "Online counter-speech",
    "Trust building",
)
AUDIENCE_WORDS = ("for young people", "with parents", "in schools", "with imams", "for returnees", "with police")
# Made-up names from 100 syllables: varied like real names, so titles rarely look alike.
SYLLABLES = tuple(consonant + vowel for consonant in "bcdfghjklmnprstvwxyz" for vowel in "aeiou")


@dataclass(frozen=True)
class Pools:
    """What a synthetic practice may refer to: real ids from the copied content."""

    organisations: tuple[str, ...]
    workshops: tuple[str, ...]
    approaches: tuple[str, ...]
    audiences: tuple[str, ...]
    evidence: tuple[str, ...]


def _codename(rng: random.Random) -> str:
    """A pronounceable made-up name, so that titles differ as real ones do, not by a number."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def synthetic_practice(index: int, rng: random.Random, pools: Pools) -> tuple[str, str]:
    """The id and the file text of one valid practice."""
    place = rng.choice(PLACES)
    title = f"{_codename(rng)} {_codename(rng)}: {rng.choice(TOPICS).lower()} in {place}"
    entry_id = f"synthetic-{index:05d}"
    fields: dict[str, object] = {
        "title": title[:120],
        "summary": f"A synthetic practice number {index} in {place}, generated to measure how the validator scales.",
        "countries": sorted(rng.sample(COUNTRIES, rng.randint(1, 2))),
        "places": [place],
        "organisations": sorted(rng.sample(pools.organisations, rng.randint(0, 2))),
        "approaches": sorted(rng.sample(pools.approaches, rng.randint(1, 3))),
        "audiences": sorted(rng.sample(pools.audiences, rng.randint(0, 2))),
        "status": "unknown",
        "evidence": rng.choice(pools.evidence),
        "presented_at": sorted(rng.sample(pools.workshops, rng.randint(0, 1))),
        "sources": [{"title": f"Synthetic source {index}", "year": rng.randint(2000, 2026)}],
        "last_reviewed": f"20{rng.randint(10, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
    }
    front_matter = yaml.safe_dump({k: v for k, v in fields.items() if v != []}, sort_keys=False, allow_unicode=True)
    body = "\n## What it does\n\nGenerated for a benchmark [1].\n"
    return entry_id, f"---\n{front_matter}---\n{body}"


def pools_from(root: Path) -> Pools:
    vocabularies = load_catalogue(Layout.for_root(root)).vocabularies
    docs = root / "docs"
    return Pools(
        organisations=tuple(sorted(p.stem for p in (docs / ORGANISATION.folder).glob("*.md"))),
        workshops=tuple(sorted(p.stem for p in (docs / WORKSHOP.folder).glob("*.md"))),
        approaches=tuple(vocabularies["approaches"].ids()),
        audiences=tuple(vocabularies["audiences"].ids()),
        evidence=tuple(vocabularies["evidence"].ids()),
    )


def write_synthetic_knowledge_base(
    target: Path, count: int, *, seed: int = 0, source_root: Path | None = None
) -> list[Path]:
    """Copy the content, schemas and permalinks into ``target`` and add ``count`` practices; returns their paths."""
    source_root = source_root or Path(__file__).resolve().parents[2]
    for name in ("docs", "schema", "i18n"):  # i18n: the interface's words, which the catalogue reads
        shutil.copytree(source_root / name, target / name)
    # The published paths and redirects the validator checks the content against, and the languages
    # (site.yml) whose pages the paths and whose translations the vocabularies hold.
    for name in (MANIFEST_FILE, REDIRECTS_FILE, "site.yml"):
        if (source_root / name).is_file():
            shutil.copy2(source_root / name, target / name)
    return add_synthetic_practices(target, count, seed=seed)


def add_synthetic_practices(root: Path, count: int, *, seed: int = 0) -> list[Path]:
    """Write ``count`` generated practices into the content under ``root``; returns their paths."""
    pools = pools_from(root)
    rng = random.Random(seed)
    folder = root / "docs" / PRACTICE.folder
    paths = []
    for index in range(count):
        entry_id, text = synthetic_practice(index, rng, pools)
        path = folder / f"{entry_id}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


# Worst-case bodies -----------------------------------------------------------
# Texts that once made the validator, or the build that runs it first, do work
# growing with the square (or more) of their length: an opener searched for
# its closer from every position, a pattern that backtracks, a Markdown
# renderer that rescans a paragraph for each piece of markup in it. Each is
# written to fill ``size`` characters; ``worst_case_practice`` puts one in a
# practice file at the size cap. The benchmark (``make bench``) times their
# validation; the tests check that each is validated to the end, never how fast.


def _increasing_backtick_runs(size: int) -> str:
    """'`a``a```a...': no run of backticks has a partner of its own length, so each searches to the end."""
    parts: list[str] = []
    length, total = 1, 0
    while total + length + 1 <= size:
        parts.append("`" * length + "a")
        total += length + 1
        length += 1
    return "".join(parts)


def _repeat(unit: str, prefix: str = "") -> Callable[[int], str]:
    def body(size: int) -> str:
        return prefix + unit * ((size - len(prefix)) // len(unit))

    return body


def _spaces_in_a_link(size: int) -> str:
    """A link destination of spaces: a title was looked for after each of them."""
    return "[a](x" + " " * (size - 7) + "y)"


def _prose(size: int) -> str:
    """Paragraphs of ordinary words, ``size`` characters in all."""
    words = ("Local", "partners", "meet", "every", "month", "to", "discuss", "cases", "and", "share", "what", "works.")
    text = " ".join(words[i % len(words)] for i in range(size // 5 + 1))
    return "\n\n".join(text[i : i + 20_000] for i in range(0, len(text), 20_002))[:size]


def _within_limits(kind: str) -> Callable[[int], str]:
    """Text that goes as close to one of the limits of kb.checks.render_limits as it may, then prose to the size."""

    def body(size: int) -> str:
        if kind == "searches":
            # '![' is searched from by every kind of link and image: the costliest opener.
            head = "![" * int((limits.MAX_CLOSER_SEARCH * 0.95) ** 0.5)
        elif kind == "density":
            # A markup character every fourth, as many as the two limits on markup allow.
            units = int(min(limits.MAX_MARKUP * 0.95 / 2, (limits.MAX_MARKUP_DENSITY * 0.95 / 16) ** 0.5))
            head = "`a` xxxx" * units
        elif kind == "blocks":
            links = int(min(limits.MAX_BLOCKS * 0.99, limits.MAX_MARKUP * 0.95 / 4))
            head = "[a](b)\n\n" * links
        else:  # lines
            head = "a\n" * int(limits.MAX_LINES * 0.99)
        return head + "\n\n" + _prose(size - len(head) - 2)

    return body


WORST_CASE_BODIES: dict[str, Callable[[int], str]] = {
    # The four of the issue that reported the problem.
    "open-brackets": _repeat("["),
    "open-braces": _repeat("{a"),
    "percent-after-at": _repeat("%a", prefix="@"),
    "code-span-runs": _increasing_backtick_runs,
    # Numbers: every group starts a stretch that might be a phone number.
    "digit-groups": _repeat("123 "),
    "one-digit-groups": _repeat("1 "),
    # Found by timing every pattern of the validator and the renderer on repeated units.
    "open-brackets-with-text": _repeat("[a"),
    "open-images": _repeat("![a"),
    "escaped-brackets": _repeat("\\["),
    "open-link-destinations": _repeat("[a](("),
    "spaces-in-a-link": _spaces_in_a_link,
    "angle-autolinks": _repeat("<a:b> "),
    "email-autolinks": _repeat("<i@a.bc> "),
    "open-comments": _repeat("<!--"),
    "held-html-marks": _repeat("\ue000kb-html\ue001", prefix="&amp; "),
    "dashes": _repeat("-"),
    "open-attribute-lists": _repeat("{:"),
    "unpaired-backticks": _repeat("``a`"),
    "dense-code-spans": _repeat("`a` "),
    "dense-emphasis": _repeat("*a* "),
    "dense-escapes": _repeat("\\* "),
    "dense-links": _repeat("[a](b) "),
    "rules": _repeat("***\n"),
    "level-one-headings": _repeat("# a\n"),
    "blank-lines": _repeat("\n"),
    "short-lines": _repeat("a\n"),
    "lone-asterisks": _repeat("*\n"),
    # Accepted: as much work as the limits allow (kb.checks.render_limits).
    "searches-within-limits": _within_limits("searches"),
    "density-within-limits": _within_limits("density"),
    "blocks-within-limits": _within_limits("blocks"),
    "lines-within-limits": _within_limits("lines"),
}


WORST_CASE_HEAD = (
    "---\ntitle: Worst case\nsummary: A practice whose text is built to make the validator work hard.\n"
    "countries: [DE]\napproaches: [community-engagement]\nstatus: unknown\nevidence: not-documented\n"
    "sources:\n  - title: Benchmark\nlast_reviewed: '2026-11-24'\n---\n\n"
    "The worst case cites its source [1].\n\n"  # so that it is valid: every source cited (KB802)
)


def worst_case_practice(name: str, size: int = MAX_FILE_BYTES) -> str:
    """A valid practice's front matter with one worst-case body, the whole file ``size`` bytes (the cap)."""
    room = size - len(WORST_CASE_HEAD.encode("utf-8")) - 1
    body = WORST_CASE_BODIES[name](room).encode("utf-8")[:room].decode("utf-8", errors="ignore")
    return WORST_CASE_HEAD + body + "\n"
