#!/usr/bin/env python3
"""Add newly published paths to permalinks.txt: see ``python scripts/permalinks.py --help``."""

import sys
from pathlib import Path

# Runs as a plain script from a fresh clone too, before the package is installed.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.tools.permalinks_cli import main

if __name__ == "__main__":
    sys.exit(main())
