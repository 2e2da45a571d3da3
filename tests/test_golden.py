"""Golden files: pages the renderers write for the test content, compared with tests/golden/.

Rendered straight from the model (no site build), on a fixed day with fixed
git dates (tests/support/golden.py), so the files never change by themselves.
After an intended change to a renderer or a template, regenerate them with

    KB_UPDATE_GOLDEN=1 pytest tests/test_golden.py

and review the difference in git before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.golden import fixture_kb, rendered_files

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE_VARIABLE = "KB_UPDATE_GOLDEN"

# One of each kind of page: entries of every kind, lists, Browse, a country and a term,
# a collection's handout and compact view, the review page, a redirect page and the footers.
PAGES = (
    "practices/180-grad-wende.md",
    "practices/example-practice-only-named.md",
    "workshops/amsterdam-2016-engagement-with-communities.md",
    "events/think-globally-act-locally-2016.md",
    "organisations/nctv.md",
    "collections/think-globally-act-locally-2016.md",
    "collections/think-globally-act-locally-2016/handout.md",
    "collections/think-globally-act-locally-2016/compact.md",
    "collections/index.md",
    "practices/index.md",
    "countries/index.md",
    "countries/nl.md",
    "approaches/community-engagement.md",
    "contributing/review.md",
    "moved/index.html",
    "footer (entry)",
    "footer (entry, no repository)",
    "footer (generated page)",
)


def golden_path(name: str) -> Path:
    return GOLDEN / (name.replace("/", "__").replace(" ", "_").replace(",", "").replace("(", "").replace(")", ""))


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    return rendered_files(fixture_kb())


@pytest.mark.parametrize("name", PAGES)
def test_a_page_matches_its_golden_file(rendered: dict[str, str], name: str) -> None:
    path = golden_path(name)
    if os.environ.get(UPDATE_VARIABLE):
        path.parent.mkdir(exist_ok=True)
        path.write_text(rendered[name], encoding="utf-8")
    assert path.exists(), f"{path} is missing: run {UPDATE_VARIABLE}=1 pytest {Path(__file__).name}"
    assert rendered[name] == path.read_text(encoding="utf-8"), (
        f"{name} differs from {path.relative_to(GOLDEN.parent.parent)}; if the change is intended, "
        f"run {UPDATE_VARIABLE}=1 pytest tests/test_golden.py and review the diff"
    )


def test_rendering_twice_gives_the_same_files() -> None:
    assert rendered_files(fixture_kb()) == rendered_files(fixture_kb())
