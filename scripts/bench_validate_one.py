#!/usr/bin/env python3
"""How long validating one changed practice takes in a large knowledge base.

    python scripts/bench_validate_one.py [--practices 5000] [--repeat 5]

Generates valid synthetic practices in a temporary folder (never in docs/),
then times, in this one process, ``validate_knowledge_base(layout, only=[one])``
against a baseline that does the least any check must: list the content
folders and read and parse the one file with PyYAML's C loader. Prints the
medians and their ratio, and the whole command line's wall time for the same
file as a contributor runs it. Not a test: numbers vary by machine.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from benchmarks.measure import median_seconds
from kb.checks.validation import validate_knowledge_base
from kb.content.discovery import Layout
from kb.core.kinds import KINDS
from kb.tools.synthetic import write_synthetic_knowledge_base

TARGET_SECONDS = 1.0
REPOSITORY = Path(__file__).resolve().parent.parent


def baseline(layout: Layout, path: Path) -> None:
    for kind in KINDS:
        with os.scandir(layout.docs_dir / kind.folder) as entries:
            for _ in entries:
                pass
    text = path.read_text(encoding="utf-8")
    yaml.load(text.split("---\n", 2)[1], Loader=yaml.CSafeLoader)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--practices", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as folder:
        root = Path(folder)
        start = time.perf_counter()
        paths = write_synthetic_knowledge_base(root, args.practices, seed=args.seed)
        print(f"generated {len(paths):,} practices in {time.perf_counter() - start:.1f} s")
        layout = Layout.for_root(root)
        one = random.Random(args.seed).choice(paths)

        start = time.perf_counter()
        result = validate_knowledge_base(layout, only=[one])
        first = time.perf_counter() - start
        if not result.ok:
            print("the synthetic practice is invalid:", *result.diagnostics, sep="\n", file=sys.stderr)
            return 1
        base = median_seconds(lambda: baseline(layout, one), args.repeat)
        one_file = median_seconds(lambda: validate_knowledge_base(layout, only=[one]), args.repeat)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, str(REPOSITORY / "scripts" / "validate.py"), "--root", str(root), str(one)], check=True
        )
        command = time.perf_counter() - start
        whole = median_seconds(lambda: validate_knowledge_base(layout), 1)

    print(f"baseline (list folders, read and parse one file): {base * 1000:8.1f} ms")
    print(f"validate one file, first call in this process:    {first * 1000:8.1f} ms")
    print(f"validate one file, median of {args.repeat}:                {one_file * 1000:8.1f} ms")
    print(f"  ratio to baseline: {one_file / base:,.0f}x")
    print(f"scripts/validate.py on one file (new process):    {command * 1000:8.1f} ms")
    print(f"validate every file (for scale):                  {whole * 1000:8.1f} ms")
    verdict = "within" if max(first, command) < TARGET_SECONDS else "OVER"
    print(f"{verdict} the {TARGET_SECONDS:.0f} s target for one file")
    return 0


if __name__ == "__main__":
    sys.exit(main())
