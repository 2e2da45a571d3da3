#!/usr/bin/env python3
"""Start a new practice: see ``python scripts/new_practice.py --help``."""

import sys
from pathlib import Path

# Runs as a plain script from a fresh clone too, before the package is installed.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.scaffold import main

if __name__ == "__main__":
    sys.exit(main())
