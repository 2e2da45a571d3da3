"""Synthetic knowledge bases to measure with, and the plain baseline site beside each.

Practices come from
kb.tools.synthetic (valid under our schemas, spread over the
real vocabularies, countries and workshops); here each also gets a body of
300 to 600 words, the length of a real practice description, drawn with the
word frequencies of prose (Zipf's law) so that search meets common and rare
words as it would in real text.
"""

from __future__ import annotations

import copy
import itertools
import random
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from kb.build.site_config import engine_settings, read_settings
from kb.content.catalogue import load_catalogue
from kb.content.discovery import Layout
from kb.content.speech import speech_for
from kb.tools.synthetic import write_synthetic_knowledge_base

REPOSITORY = Path(__file__).resolve().parent.parent
BODY_WORDS = (300, 600)
# A working vocabulary for bodies: common words and rare ones, so that search
# queries for a common and a rare word behave as they would on real text.
COMMON_WORDS = [
    "local",
    "community",
    "police",
    "youth",
    "school",
    "family",
    "municipality",
    "support",
    "trust",
    "network",
    "partners",
    "workers",
    "prevention",
    "dialogue",
    "young",
    "people",
    "parents",
    "teachers",
    "social",
    "services",
    "meeting",
    "cases",
    "risk",
    "project",
]
RARE_WORDS = ("zeitgeistwerk", "quorumlantern", "ombudsvelo", "marigoldpact", "kestrelbridge")
# Prose follows Zipf's law: the word of rank r turns up about 1/r as often as the
# most frequent one. Function words lead, the common words above come next (so
# "community" is about the 22nd word: some twice in a 450-word body, and in nine
# pages of ten), then made-up filler words fill a vocabulary of this many.
FUNCTION_WORDS = ["the", "of", "and", "to", "in", "a", "is", "with", "for", "that"]
FUNCTION_WORDS += ["on", "are", "by", "as", "it", "from", "their", "this", "or", "at", "be"]
VOCABULARY_SIZE = 5000
FILLER_SYLLABLES = ("ka", "lo", "mi", "ren", "sto", "va", "dul", "pe", "tri", "non", "sa", "ber", "gu", "fi")
SECTIONS = ("How it works", "Lessons learned", "Transferability")


@dataclass(frozen=True)
class Corpus:
    root: Path  # our repository layout: docs/, schema/, site.yml, overrides/
    baseline_root: Path  # the same practice pages for plain MkDocs + Material
    practices: list[Path]


def vocabulary() -> tuple[list[str], list[float]]:
    """Words by rank, and their cumulative Zipf weights (for random.choices)."""
    words = FUNCTION_WORDS + COMMON_WORDS
    filler = random.Random(7)
    seen = set(words) | set(RARE_WORDS)
    while len(words) < VOCABULARY_SIZE:
        word = "".join(filler.choice(FILLER_SYLLABLES) for _ in range(filler.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words, list(itertools.accumulate(1 / rank for rank in range(1, len(words) + 1)))


def body_text(rng: random.Random, words: tuple[list[str], list[float]]) -> str:
    vocabulary_words, cumulative = words
    count = rng.randint(*BODY_WORDS)
    per_section = count // len(SECTIONS)
    parts = []
    for section in SECTIONS:
        chosen = rng.choices(vocabulary_words, cum_weights=cumulative, k=per_section)
        if rng.random() < 0.02:
            chosen[rng.randrange(per_section)] = rng.choice(RARE_WORDS)
        sentences = [" ".join(chosen[i : i + 12]).capitalize() + "." for i in range(0, per_section, 12)]
        # Each section cites the practice's one source, as real practices cite theirs (kb/content/source_markers.py).
        sentences[-1] = sentences[-1].removesuffix(".") + " [1]."
        parts.append(f"## {section}\n\n" + " ".join(sentences) + "\n")
    return "\n".join(parts)


def make_corpus(target: Path, count: int, seed: int = 0) -> Corpus:
    root = target / "site-source"
    root.mkdir(parents=True)
    practices = write_synthetic_knowledge_base(root, count, seed=seed, source_root=REPOSITORY)
    rng = random.Random(seed + 1)
    words = vocabulary()
    for path in practices:
        with path.open("a", encoding="utf-8") as file:
            file.write("\n" + body_text(rng, words))
    shutil.copytree(REPOSITORY / "overrides", root / "overrides")
    for name in ("site.yml", "permalinks.txt", "redirects.yaml"):
        if (REPOSITORY / name).exists():
            shutil.copy2(REPOSITORY / name, root / name)
    return Corpus(root, make_baseline(target / "baseline-source", root, practices), practices)


# Settings of ours the baseline shares: they choose how Material renders every
# page (its navigation above all, which is drawn on each page) but are not our
# code. Overrides, extra CSS and scripts, and generated pages are ours.
SHARED_SETTINGS = ("theme", "markdown_extensions", "nav")


def baseline_config(site_config: dict[str, Any]) -> dict[str, Any]:
    """Plain MkDocs + Material with our theme settings and navigation, its own search, and no code of ours."""
    config: dict[str, Any] = {"site_name": "Baseline", "docs_dir": "docs"}
    config |= {key: copy.deepcopy(site_config[key]) for key in SHARED_SETTINGS if key in site_config}
    config["theme"].pop("custom_dir", None)
    config["plugins"] = ["search"]
    # Like our site, keep practices out of the navigation tree: a tree holding
    # every page makes each page's build grow with their number.
    config["not_in_nav"] = "/practices/*.md\n"
    return config


def nav_pages(nav: Any) -> list[str]:
    """Every page a navigation names."""
    if isinstance(nav, str):
        return [nav] if nav.endswith(".md") else []
    if isinstance(nav, list):
        return [page for item in nav for page in nav_pages(item)]
    if isinstance(nav, dict):
        return [page for item in nav.values() for page in nav_pages(item)]
    return []


def make_baseline(target: Path, root: Path, practices: list[Path]) -> Path:
    """The same practice files built by MkDocs + Material alone: no hooks, no generated pages."""
    docs = target / "docs" / "practices"
    docs.mkdir(parents=True)
    for path in practices:
        shutil.copy2(path, docs / path.name)
    for path in (root / "docs" / "practices").glob("*.md"):
        if not (docs / path.name).exists():
            shutil.copy2(path, docs / path.name)
    config = baseline_config(
        engine_settings(read_settings(root), None, speech_for(load_catalogue(Layout.for_root(root)), "en"))
    )
    # The pages the navigation names, as one-line stand-ins (ours are generated or hand-written).
    for page in ["index.md", *nav_pages(config.get("nav"))]:
        stand_in = target / "docs" / page
        if not stand_in.exists():
            stand_in.parent.mkdir(parents=True, exist_ok=True)
            stand_in.write_text(f"# {Path(page).stem}\n", encoding="utf-8")
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return target
