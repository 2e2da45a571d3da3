#!/usr/bin/env python3
"""Write the issue form for proposing a practice, generated from the practice schema.

python scripts/generate_issue_form.py          # write .github/ISSUE_TEMPLATE/new-practice.yml
python scripts/generate_issue_form.py --check  # exit 1 if the committed file is out of date
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kb.content.catalogue import load_catalogue
from kb.content.discovery import Layout
from kb.content.languages import ORIGINAL_LANGUAGE
from kb.content.speech import speech_for
from kb.tools.issue_form import ISSUE_FORM_PATH, render_issue_form

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only check that the committed file is up to date")
    args = parser.parse_args()
    catalogue = load_catalogue(Layout.for_root(ROOT))
    if catalogue.diagnostics:
        print(
            "generate_issue_form.py: fix the schemas and vocabularies first (python scripts/validate.py)",
            file=sys.stderr,
        )
        return 2
    text = render_issue_form(catalogue.schemas, catalogue.vocabularies, speech_for(catalogue, ORIGINAL_LANGUAGE))
    target = ROOT / ISSUE_FORM_PATH
    if args.check:
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            print(f"{ISSUE_FORM_PATH} is out of date: run python scripts/generate_issue_form.py", file=sys.stderr)
            return 1
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {ISSUE_FORM_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
