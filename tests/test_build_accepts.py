"""What the validator accepts, the build builds: real MkDocs builds of content the validator passed.

A property test draws practices with hostile titles, summaries and text,
keeps those the validator accepts, and builds them: the build must succeed
and write a feed a strict XML parser reads and CSV cells no spreadsheet runs.
Around it, the promises the validator cannot keep alone: a hand-written
page's title reaches the theme as text, the deepest nesting the validator
allows is built as written, and a file that is not UTF-8 gets a message.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.checks.body_rules import formula_start
from kb.checks.buildable import MAX_TEXT_NESTING
from kb.checks.validation import validate_knowledge_base
from kb.content.discovery import Layout
from kb.core.diagnostics import Severity
from tests.support.building import kb_build
from tests.support.repo import copy_content

pytestmark = pytest.mark.build

# Each example builds the site once (a few seconds): few examples, several practices each.
BUILD_EXAMPLES = 5
PRACTICES_PER_EXAMPLE = 4
ATOM = "{http://www.w3.org/2005/Atom}"

# What broke the build, the feed or the open data before the validator refused it, and what must pass.
HOSTILE_PIECES = st.sampled_from(
    [
        "\x00",
        "\x0c",
        "\x1b",
        "\x7f",
        "\x85",
        "\ufffe",
        "\ufdd0",
        "\U0001ffff",
        "\u202e",
        "__",
        "__config",
        "\uff3f\uff3f",
        "[TOC]",
        "=",
        " =",
        "\uff1d",
        "\uff20",
        "+",
        "-",
        "@",
        "\t",
        "<script>alert(1)</script>",
        "&",
        "&#0;",
        "]]>",
        "`",
        "*",
        "Πρόληψη",
        " ",
        "Police",
        "youth work",
    ]
)
# Mostly ordinary words and symbols, so that many drawn practices pass and are built; now and then a piece
# the validator must refuse (a control character) or must let through safely (markup shown as text).
PRINTABLE = st.text(st.characters(categories=["L", "N", "P", "S", "Zs"]), max_size=6)
TEXT = st.lists(PRINTABLE | PRINTABLE | HOSTILE_PIECES, min_size=1, max_size=8).map("".join)
BODY_LINES = st.lists(
    TEXT
    | st.sampled_from(["[TOC]", "## Heading", "> quoted", "- item", "```", "    code"])
    | st.integers(min_value=1, max_value=2 * MAX_TEXT_NESTING).flatmap(
        lambda depth: st.sampled_from([">" * depth + " deep", "- " * depth + "deep", "    " * depth + "- deep"])
    ),
    max_size=6,
).map("\n\n".join)


def practice_file(title: str, summary: str, body: str) -> str:
    fields = {
        "title": f"Practice {title}" if len(title) < 3 else title,
        "summary": summary if len(summary) >= 20 else f"A practice drawn by the property test: {summary}",
        "countries": ["SE"],
        "approaches": ["policing"],
        "status": "unknown",
        "evidence": "not-documented",
        "sources": [
            {"title": "Think globally, act locally (conference report)"},
            {
                "title": "A source with every optional field",
                "publisher": "Radicalisation Awareness Network",
                "year": 2016,
                "url": "https://example.org/report",
                "accessed": "2026-11-24",
                "locator": "page 3",
                "language": "en",
                "kind": "report",
            },
        ],
        "last_reviewed": "2026-11-24",
    }
    front_matter = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False)
    return f"---\n{front_matter}---\n\n## What it is\n\n{body}\n"


@pytest.fixture(scope="module")
def fixture_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_content(tmp_path_factory.mktemp("accepts"))


def test_entries_the_validator_accepts_build_into_a_well_formed_site(
    fixture_root: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    built: list[int] = []
    accepted_total: list[int] = []

    @settings(
        max_examples=BUILD_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(st.lists(st.tuples(TEXT, TEXT, BODY_LINES), min_size=PRACTICES_PER_EXAMPLE, max_size=PRACTICES_PER_EXAMPLE))
    def check(drawn_practices: list[tuple[str, str, str]]) -> None:
        paths = [fixture_root / "docs" / "practices" / f"drawn-{n}.md" for n in range(len(drawn_practices))]
        try:
            for path, (title, summary, body) in zip(paths, drawn_practices, strict=True):
                path.write_text(practice_file(title, summary, body), encoding="utf-8")
            result = validate_knowledge_base(Layout.for_root(fixture_root))
            refused = {d.path for d in result.diagnostics if d.severity is Severity.ERROR}
            accepted = [path for path in paths if f"docs/practices/{path.name}" not in refused]
            for path in paths:
                if path not in accepted:
                    path.unlink()
            assert validate_knowledge_base(Layout.for_root(fixture_root)).ok, "only whole files were refused"
            site = tmp_path_factory.mktemp("accepts-site")
            build = kb_build(fixture_root, site)
            assert build.returncode == 0, build.stderr
            assert "Traceback" not in build.stderr
            assert_well_formed(site, [path.stem for path in accepted])
            shutil.rmtree(site)
            built.append(1)
            accepted_total.append(len(accepted))
        finally:
            for path in paths:
                path.unlink(missing_ok=True)

    check()
    print(f"built {len(built)} sites holding {sum(accepted_total)} drawn practices the validator accepted")
    assert len(built) >= BUILD_EXAMPLES
    assert sum(accepted_total), "no drawn practice was accepted: the property tested nothing"


def assert_well_formed(site: Path, ids: list[str]) -> None:
    """The feed is XML a strict parser reads, with every accepted practice; no CSV cell is a formula."""
    # expat, a conforming parser: an ill-formed feed raises, as feed readers drop it.
    feed = ElementTree.fromstring((site / "feed.xml").read_bytes())
    listed = {element.text for element in feed.iter(f"{ATOM}id")}
    for practice_id in ids:
        assert f"urn:practice-kb:practice:{practice_id}" in listed
        assert (site / "practices" / practice_id / "index.html").is_file()
    for table in ("practices.csv", "collections.csv"):
        for row in csv.reader(io.StringIO((site / "data" / table).read_text(encoding="utf-8"))):
            for cell in row:
                assert formula_start(cell) is None, (table, cell)


def test_a_hand_written_page_title_is_text_on_every_page(tmp_path: Path) -> None:
    # It was the worst hole: a title in docs/contributing.md ran as script in the navigation of every page.
    root = copy_content(tmp_path / "repo")
    contributing = root / "docs" / "contributing.md"
    title = "<script>alert(document.domain)</script>Contribute"
    description = '"><meta http-equiv="refresh" content="0;url=https://evil.example/">'
    contributing.write_text(
        f"---\ntitle: '{title}'\ndescription: '{description}'\n---\n" + contributing.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    result = kb_build(root, site)
    assert result.returncode == 0, result.stderr  # text is only text: valid, and built
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 40
    escaped = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert title not in html and '<meta http-equiv="refresh"' not in html, page
        escaped += "&lt;script&gt;alert(document.domain)&lt;/script&gt;Contribute" in html
    assert escaped > 40, "the title is shown, as text, in the navigation of every page"
    own = (site / "contributing" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="&quot;&gt;&lt;meta http-equiv=&quot;refresh&quot;' in own


@pytest.mark.parametrize(
    "nested",
    [
        "> " * MAX_TEXT_NESTING + "deep quote",
        "- " * MAX_TEXT_NESTING + "deep list",
        "\n".join("    " * level + "- level" for level in range(MAX_TEXT_NESTING)),
        "\n".join("    " * level + "!!! note" for level in range(MAX_TEXT_NESTING))
        + "\n"
        + "    " * MAX_TEXT_NESTING
        + "x",
        "Term\n" + "\n".join("    " * level + ":   definition" for level in range(MAX_TEXT_NESTING)),
    ],
    ids=["quotes", "inline-lists", "indented-lists", "admonitions", "definitions"],
)
def test_the_deepest_nesting_the_validator_allows_is_built_as_written(tmp_path: Path, nested: str) -> None:
    root = copy_content(tmp_path / "repo")
    practice = root / "docs" / "practices" / "police-youngsters-sweden.md"
    practice.write_text(practice.read_text(encoding="utf-8") + "\n" + nested + "\n", encoding="utf-8")
    assert validate_knowledge_base(Layout.for_root(root)).ok
    result = kb_build(root, tmp_path / "site")
    # The build's nothing-lost check compares the page with the text rendered on its own.
    assert result.returncode == 0, result.stderr


def test_a_file_that_is_not_utf8_gets_a_message_not_a_traceback(tmp_path: Path) -> None:
    # The validator refuses an HTML file under docs/ (KB016); past it, the build still says what is wrong.
    root = copy_content(tmp_path / "repo")
    (root / "docs" / "x.html").write_bytes(b"<p>caf\xe9</p>")
    result = kb_build(root, tmp_path / "site", layers_off=["body-rules"])
    assert result.returncode == 1
    # Not read at all: an HTML file from docs/ would be published without the site's policy.
    assert "without the site's policy: x.html" in result.stderr
    assert "Traceback" not in result.stderr
