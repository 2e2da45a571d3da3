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
from dataclasses import dataclass
from pathlib import Path

import yaml

from kb.kinds import ORGANISATION, PRACTICE, WORKSHOP
from kb.permalinks import MANIFEST_FILE, REDIRECTS_FILE
from kb.schemas import build_vocabulary_validator
from kb.vocabularies import load_vocabularies

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
    vocabularies, _ = load_vocabularies(root / "schema" / "vocabularies", build_vocabulary_validator(root / "schema"))
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
    source_root = source_root or Path(__file__).resolve().parent.parent
    for name in ("docs", "schema"):
        shutil.copytree(source_root / name, target / name)
    # The published paths and redirects the validator checks the content against.
    for name in (MANIFEST_FILE, REDIRECTS_FILE):
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
