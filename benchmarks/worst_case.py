"""The worst-case file validated: each body of ``kb.tools.synthetic.WORST_CASE_BODIES`` in a practice at the size cap.

Each is timed, in this one process, as a contributor's change is checked
(``validate_knowledge_base(layout, only=[file])`` over the real content),
against the baseline of an ordinary practice of the same size: prose drawn
like the benchmark's other bodies. Run alone to time one body in a fresh
process (how the times before bounded work were taken, under a time limit):

    python -m benchmarks.worst_case [--size BYTES] [NAME ...]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import body_text, vocabulary
from kb.checks.validation import validate_knowledge_base
from kb.content.discovery import Layout
from kb.content.loading import MAX_FILE_BYTES
from kb.tools.synthetic import WORST_CASE_BODIES, WORST_CASE_HEAD, worst_case_practice, write_synthetic_knowledge_base

ORDINARY = "ordinary-prose"


@dataclass(frozen=True)
class Timing:
    name: str
    seconds: float
    codes: tuple[str, ...]  # the codes the validator gave, once each


def ordinary_practice(size: int = MAX_FILE_BYTES, seed: int = 0) -> str:
    """A practice of prose paragraphs, ``size`` bytes in all: the baseline of the same length."""
    rng = random.Random(seed)
    words = vocabulary()
    text = WORST_CASE_HEAD
    target = size - 1
    while len(text.encode("utf-8")) < target:
        text += body_text(rng, words) + "\n"
    encoded = text.encode("utf-8")[:target]
    return encoded.decode("utf-8", errors="ignore").rstrip() + "\n"


def time_file(layout: Layout, path: Path, name: str, repeat: int = 1) -> Timing:
    """The median time of validating the file as a changed file, and the codes it gave."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = validate_knowledge_base(layout, only=[path])
        times.append(time.perf_counter() - start)
    return Timing(name, statistics.median(times), tuple(sorted({d.code for d in result.diagnostics})))


def prepare(root: Path) -> Layout:
    """The real content (no synthetic practices) to validate the files against."""
    write_synthetic_knowledge_base(root, 0)
    return Layout.for_root(root)


def write_practice(layout: Layout, name: str, text: str) -> Path:
    path = layout.docs_dir / "practices" / f"worst-case-{name}.md"
    path.write_text(text, encoding="utf-8")
    return path


def measure_worst_cases(folder: Path, size: int = MAX_FILE_BYTES, repeat: int = 3) -> tuple[Timing, list[Timing]]:
    """The ordinary file's time, then each worst-case file's, every file ``size`` bytes (medians of ``repeat``)."""
    layout = prepare(folder)
    ordinary = write_practice(layout, ORDINARY, ordinary_practice(size))
    time_file(layout, ordinary, ORDINARY)  # warms the caches for both sides
    baseline = time_file(layout, ordinary, ORDINARY, repeat)
    ordinary.unlink()
    timings = []
    for name in WORST_CASE_BODIES:
        path = write_practice(layout, name, worst_case_practice(name, size))
        timings.append(time_file(layout, path, name, repeat))
        path.unlink()
    return baseline, timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help=f"{ORDINARY}, or any of {', '.join(WORST_CASE_BODIES)}"
    )
    parser.add_argument("--size", type=int, default=MAX_FILE_BYTES, help="bytes per file (default: the size cap)")
    args = parser.parse_args()
    unknown = sorted(set(args.names) - {ORDINARY, *WORST_CASE_BODIES})
    if unknown:
        parser.error(f"no worst case is called {unknown[0]}")
    with tempfile.TemporaryDirectory(prefix="kb-worst-case-") as folder:
        layout = prepare(Path(folder))
        for name in args.names or [ORDINARY, *WORST_CASE_BODIES]:
            text = ordinary_practice(args.size) if name == ORDINARY else worst_case_practice(name, args.size)
            path = write_practice(layout, name, text)
            timing = time_file(layout, path, name)
            print(f"{name:26} {len(text.encode('utf-8')):8,} bytes {timing.seconds:9.2f} s  {' '.join(timing.codes)}")
            sys.stdout.flush()
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
