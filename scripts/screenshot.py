#!/usr/bin/env python3
"""Screenshot pages of a built site at desktop and phone widths, to look at them.

    python scripts/screenshot.py SITE_DIR OUT_DIR PAGE [PAGE ...]

PAGE is a path inside the site, such as ``practices/police-youngsters-sweden/``.
The site is served from 127.0.0.1 for the duration of the run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.browser import launch_chromium
from tests.support.server import serve_directory

WIDTHS = {"desktop": 1280, "phone": 390}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("pages", nargs="+")
    parser.add_argument("--full-page", action="store_true", help="capture the whole page, not the first screen")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with serve_directory(args.site) as base_url, launch_chromium() as browser:
        for name, width in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": 900 if width > 500 else 844})
            for path in args.pages:
                page.goto(base_url + path)
                slug = path.strip("/").replace("/", "_") or "home"
                target = args.out / f"{slug}-{name}.png"
                page.screenshot(path=str(target), full_page=args.full_page)
                print(target)
            page.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
