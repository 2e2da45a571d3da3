#!/usr/bin/env python3
"""Start a translation of an entry: see ``python scripts/new_translation.py --help``."""

import sys
from pathlib import Path

# Runs as a plain script from a fresh clone too, before the package is installed.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

try:
    from kb.tools.translation_scaffold import main
except ModuleNotFoundError as error:
    # Run with a Python that lacks the pinned packages: say how, not a traceback.
    print(
        f"new_translation.py: the package '{error.name}' is missing. Run 'make setup' once, then "
        f".venv/bin/python scripts/new_translation.py (or activate .venv first).",
        file=sys.stderr,
    )
    sys.exit(2)

if __name__ == "__main__":
    sys.exit(main())
