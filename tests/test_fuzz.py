"""Property-based tests: whatever a contributor writes, the loader and validator answer with located
problems, never a traceback; and whatever entry text passes the validator renders to HTML the sanitiser
leaves as it is.

Each property counts the examples it ran, so a run that quietly tested nothing fails.
"""

from __future__ import annotations

import datetime
import posixpath
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.checks.registry import RULES
from kb.checks.validation import validate_knowledge_base
from kb.content.discovery import Layout
from kb.content.loading import load_file
from kb.core.diagnostics import Diagnostic, has_errors
from kb.core.html_policy import clean, html_tokens, unsafe_markup
from kb.core.kinds import PRACTICE
from kb.core.markdown import render_html
from kb.core.urls import _relative_path
from kb.model.knowledge_base import KnowledgeBase, build_knowledge_base
from kb.render.entry_pages import render_entry_page
from tests.support.repo import REPOSITORY, copy_content, fixture_layout

BYTES_EXAMPLES = 300
YAML_EXAMPLES = 300
BODY_EXAMPLES = 400


def fuzz_settings(examples: int) -> settings:
    # No example database: every run draws afresh, and nothing is written into the repository.
    return settings(max_examples=examples, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)


TARGET = "docs/practices/fuzzed-entry.md"


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_content(tmp_path_factory.mktemp("fuzz"))


def assert_located(diagnostics: list[Diagnostic], lines: int) -> None:
    """Every problem names a registered code, a line inside the file and a column, and says something."""
    for d in diagnostics:
        assert d.code in RULES
        assert 1 <= d.line <= lines + 1, d
        assert d.column >= 1, d
        assert d.message.strip(), d


def validate_one(root: Path, raw: bytes) -> list[Diagnostic]:
    path = root / TARGET
    path.write_bytes(raw)
    result = validate_knowledge_base(Layout.for_root(root), only=[path])
    assert_located(result.diagnostics, raw.count(b"\n") + 1)
    return result.diagnostics


# Pieces of YAML syntax, so that random bytes also reach the parser's corners: anchors, tags, merge
# keys, complex keys, block scalars, directives, flow collections, tabs.
YAML_SOUP = st.lists(
    st.sampled_from(
        [
            "&a ",
            "*a",
            "!!python/object:os.system ",
            "!!str ",
            "!x ",
            "<<: ",
            "? ",
            "- ",
            ": ",
            "{",
            "}",
            "[",
            "]",
            ", ",
            "|",
            ">-",
            "%YAML 1.1\n",
            "---\n",
            "...\n",
            "\t",
            "  ",
            "\n",
            "'",
            '"',
            "#",
            "title",
            "countries",
            "2016-02-30",
            "0o17",
            "yes",
            "~",
            "1e9",
            "\\u202e",
            "\u200b",
            "\x00",
            "\ud7ff",
            "é",
        ]
    ),
    max_size=40,
).map(lambda pieces: "".join(pieces).encode("utf-8", "surrogatepass"))


def test_arbitrary_bytes_give_located_problems(root: Path) -> None:
    ran: list[int] = []
    prefixes = st.sampled_from([b"", b"---\n", b"---\ntitle: x\n", b"\xef\xbb\xbf---\r\n", b"---\n- a\n---\n"])

    @fuzz_settings(BYTES_EXAMPLES)
    @given(prefixes, st.binary(max_size=600) | YAML_SOUP, st.sampled_from([b"", b"\n---\n", b"\n...\nbody"]))
    def check(prefix: bytes, middle: bytes, suffix: bytes) -> None:
        raw = prefix + middle + suffix
        loaded = load_file(_write(root, raw), TARGET)
        assert_located(loaded.diagnostics, raw.count(b"\n") + 1)
        validate_one(root, raw)
        ran.append(1)

    check()
    print(f"arbitrary bytes: {len(ran)} examples")
    assert len(ran) >= BYTES_EXAMPLES


def _write(root: Path, raw: bytes) -> Path:
    path = root / TARGET
    path.write_bytes(raw)
    return path


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.dates(min_value=datetime.date(1, 1, 1)).map(lambda d: d)
    | st.text(max_size=60)
    | st.sampled_from(["DE", "unknown", "not-documented", "community-engagement", "javascript:alert(1)", "<b>x</b>"])
)
FIELD_NAMES = st.sampled_from(
    ["title", "summary", "countries", "approaches", "status", "evidence", "sources", "last_reviewed", "website"]
) | st.text(min_size=1, max_size=12)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(FIELD_NAMES, children, max_size=4),
    max_leaves=12,
)
VALID = yaml.safe_load(
    (REPOSITORY / "tests/cases/valid/all-fields/docs/practices/example-practice.md").read_text().split("---")[1]
)


def test_arbitrary_yaml_gives_located_problems(root: Path) -> None:
    ran: list[int] = []
    invalid: list[int] = []

    @fuzz_settings(YAML_EXAMPLES)
    @given(
        st.dictionaries(FIELD_NAMES, VALUES, max_size=6),
        st.booleans(),
        st.sampled_from([None, True, False]),
        st.text(max_size=80),
    )
    def check(changes: dict[str, Any], start_valid: bool, flow: bool | None, body: str) -> None:
        data: Any = {**(VALID if start_valid else {}), **changes}
        front_matter = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True, sort_keys=False)
        raw = f"---\n{front_matter}---\n{body}\n".encode()
        diagnostics = validate_one(root, raw)
        ran.append(1)
        if has_errors(diagnostics):
            invalid.append(1)

    check()
    print(f"arbitrary YAML: {len(ran)} examples, {len(invalid)} refused")
    assert len(ran) >= YAML_EXAMPLES
    assert invalid, "no example was refused: the generator is not reaching the rules"


@pytest.fixture(scope="module")
def knowledge_base() -> KnowledgeBase:
    result = validate_knowledge_base(fixture_layout())
    return build_knowledge_base(result)


HOSTILE_PIECES = st.sampled_from(
    [
        "<",
        ">",
        "</",
        "<b>",
        "<!--",
        "-->",
        "<script>",
        "<img src=x onerror=alert(1)>",
        "&#106;",
        "&#x3A;",
        "&lt;",
        "&",
        "javascript:",
        "JaVaScRiPt:",
        "data:",
        "vbscript:",
        "[a](",
        "](",
        ")",
        "(",
        "[",
        "]",
        "![i](",
        "]: ",
        "[r]",
        "[1]",  # source markers, which the page turns into links to the source list
        "[1, 1]",
        "[1-",
        "<https://",
        "//evil.example/x.png",
        "https://evil.example/x.png",
        "{:",
        "{",
        "}",
        " onclick=alert(1)",
        ' style="x"',
        "#id",
        "`",
        "```",
        "    ",
        "\t",
        "\n",
        "\n\n",
        "\\",
        "*",
        "_",
        "!!! note",
        ":   ",
        "| a |",
        "|---|",
        "\x01",
        "\u202e",
        "\u200b",
        "alert(1)",
        "## ",
        "__",
        "__config",
        "Πρόληψη",
        "Превенция",
        "x",
        " ",
    ]
)


def test_text_that_passes_the_validator_renders_to_what_the_sanitiser_keeps(knowledge_base: KnowledgeBase) -> None:
    """The validator and the sanitiser agree: no entry text gets past one and is changed by the other."""
    ran: list[int] = []
    refused: list[int] = []
    practice = knowledge_base.get(PRACTICE, "police-youngsters-sweden")

    @fuzz_settings(BODY_EXAMPLES)
    @given(st.lists(HOSTILE_PIECES | st.text(max_size=6), max_size=30).map("".join))
    def check(body: str) -> None:
        from kb.checks.body_rules import check_body_security
        from kb.content.loading import parse_text

        loaded = parse_text(f"---\ntitle: x\n---\n{body}\n", TARGET)
        problems = check_body_security(loaded)
        assert_located(problems, body.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 5)
        ran.append(1)
        if has_errors(problems):
            refused.append(1)
            return
        practice.body = loaded.body
        page = render_html(render_entry_page(knowledge_base, practice))
        assert unsafe_markup(page) == [], body

    check()
    print(f"entry text: {len(ran)} examples, {len(refused)} refused by the validator")
    assert len(ran) >= BODY_EXAMPLES
    assert refused and len(refused) < len(ran), "the generator should reach both outcomes"


# Pieces of HTML that the sanitiser keeps, drops, or that the two serialisers spell differently.
MARKUP_PIECES = (
    "<p>",
    "</p>",
    '<p class="x">',
    "<p hidden>",
    '<p hidden="">',
    '<p onclick="">',
    "<p onclick>",
    '<a href="x">',
    '<a href="javascript:x">',
    '<a href="x" title="">',
    "</a>",
    "<br />",
    "<br>",
    "<hr/>",
    '<img src="x" alt="" />',
    '<img src="https://tracker.example/p.png" alt="">',
    "<script>",
    "</script>",
    "<style>",
    "<!-- c -->",
    "&para;",
    "¶",
    "&lt;p onclick&gt;",
    "&quot;",
    "&amp;",
    '="',
    "/>",
    "text",
    " ",
    "\n",
)


@fuzz_settings(BODY_EXAMPLES)
@given(st.lists(st.sampled_from(MARKUP_PIECES), max_size=12).map("".join))
def test_the_sanitiser_check_finds_exactly_what_clean_removes(markup: str) -> None:
    # unsafe_markup decides most pages by comparing respelled strings; whatever it
    # decides must agree with comparing the token streams of both sides.
    removed_something = html_tokens(markup) != html_tokens(clean(markup))
    assert bool(unsafe_markup(markup)) == removed_something


SITE_PATH_PART = st.sampled_from(["practices", "countries", "de", "x", "a-b", "index.html", "page", "2"])


@fuzz_settings(BODY_EXAMPLES)
@given(
    st.lists(SITE_PATH_PART, max_size=4).map("/".join),
    st.lists(SITE_PATH_PART, min_size=1, max_size=4).map(lambda parts: "/".join(parts) + "/"),
)
def test_relative_links_are_what_relpath_gives(to: str, base: str) -> None:
    # kb.core.urls works the relative path out itself for speed; it must agree with the standard library.
    assert _relative_path(to, base) == posixpath.relpath("/" + to, "/" + base)
