"""Nothing lost: what publishes entry text keeps all of it, and the check reads the text by its own means."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from kb.build.published import missing_text
from kb.build.source_text import first_missing, source_words
from kb.core.markdown import comment_spans, find_fences, mask_comments, render_html, visible_body
from tests.support.building import kb_build
from tests.support.lossy_publishing import lossy_visible_body
from tests.support.repo import copy_content

UNCLOSED_FENCE = """## What it is

Install it with:

```sh
npm install

## Lessons

Wardens kept their neighbourhood diaries for three winters.
"""
COMMENT_IN_CODE = """## What it is

Editors write notes between `<!--` and `-->`, and those marks alone stay visible here in prose.

<!-- a note for editors, never published -->
"""


# --- Publishing keeps the text ---------------------------------------------------------------------------------


def test_comment_marks_in_code_spans_are_code_not_a_comment() -> None:
    assert "and those marks alone stay visible here in prose" in visible_body(COMMENT_IN_CODE)
    assert "a note for editors" not in visible_body(COMMENT_IN_CODE)
    masked = mask_comments(COMMENT_IN_CODE)
    assert "`<!--` and `-->`, and those marks" in masked and "a note for editors" not in masked
    assert len(masked) == len(COMMENT_IN_CODE)


@pytest.mark.parametrize(
    ("text", "removed"),
    [
        ("a <!-- b --> c", ["<!-- b -->"]),
        ("`<!--` x `-->` <!-- y -->", ["<!-- y -->"]),
        ("``a ` <!--`` x -->", []),  # the span is ``...``: its single backtick does not end it
        ("<!-- ` -->x `y`", ["<!-- ` -->"]),  # a backtick in a comment opens no span
        ("`a\n\n<!-- b -->", ["<!-- b -->"]),  # a span ends at its paragraph
        ("\\`<!-- b -->`", ["<!-- b -->"]),  # an escaped backtick opens nothing
        ("<!-- never closed", []),
    ],
)
def test_comment_spans_read_code_spans_first(text: str, removed: list[str]) -> None:
    assert [text[start:end] for start, end in comment_spans(text)] == removed


def test_comment_spans_take_linear_time() -> None:
    # A ratio in one process, not a time: four times the text takes about four times as long, never sixteen.
    def seconds(repeat: int) -> float:
        text = "`a` " * repeat + "<!-- x -->" + " ``b" * repeat
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            assert comment_spans(text) == [(4 * repeat, 4 * repeat + 10)]
            best = min(best, time.perf_counter() - started)
        return best

    assert seconds(100_000) / seconds(25_000) < 8


def test_a_fence_never_closed_opens_nothing() -> None:
    lines = UNCLOSED_FENCE.split("\n")
    fences = find_fences(lines)
    assert fences.unclosed == [4] and not any(fences.code)
    assert "Wardens kept their neighbourhood diaries" in visible_body(UNCLOSED_FENCE)
    closed = find_fences(["````", "```", "not closed by a shorter fence", "````", "~~~", "x", "~~~"])
    assert closed.code == [True] * 7 and closed.unclosed == []


def test_empty_sections_are_still_dropped_after_a_code_block() -> None:
    body = "## Kept\n\n```\n## not a heading\n```\n\n## Empty\n\n<!-- note -->\n"
    assert visible_body(body) == "## Kept\n\n```\n## not a heading\n```\n"


# --- The check's own reading of the text ------------------------------------------------------------------------


def test_source_words_are_what_a_reader_sees() -> None:
    body = """## What it is

<!-- describe it -->

See [the report](https://example.org/hidden-address "A title") and ![a chart](../chart.png) x<!-- y -->z.

## Empty

<!-- nothing yet -->

## Lessons

!!! note
    Inside *the* note.

!!! warning "Careful now"
    Warned.

[ref]: https://example.org/definition
    "A definition's title"

```
code <!-- shown as code -->
```
"""
    shown = "what it is see the report and xz lessons note inside the note careful now warned code shown as code"
    assert source_words(body) == shown.split(" ")


@pytest.mark.parametrize(
    ("expected", "shown", "missing"),
    [
        ("a b c", "x a q b c", None),  # the page may add a few words
        ("a b c", "a b", 2),
        ("the text here", "the start the text here", None),  # each place of the first word is tried
        ("a b", "a " + "x " * 11 + "b", 1),  # but no more than a few
        ("b a", "a b", 1),
        ("", "anything", None),
    ],
)
def test_first_missing_finds_the_text_in_order(expected: str, shown: str, missing: int | None) -> None:
    assert first_missing(expected.split(), shown.split()) == missing


@pytest.mark.parametrize("body", [UNCLOSED_FENCE, COMMENT_IN_CODE], ids=["unclosed-fence", "comment-in-code-spans"])
def test_a_publishing_bug_cannot_hide_what_it_loses(body: str) -> None:
    # The page as the publishing function before the fix made it, and the check that compared it with
    # the same function's output: it passed. The check now reads the words from the source itself.
    page = "<html><body><h1>X</h1>" + render_html(lossy_visible_body(body)) + "</body></html>"
    assert missing_text("practices/x.md", page, "X", lossy_visible_body(body)) == []  # the old oracle: blind
    problems = missing_text("practices/x.md", page, "X", body)
    assert len(problems) == 1 and "does not show all of its text" in problems[0], problems
    fixed = "<html><body><h1>X</h1>" + render_html(visible_body(body)) + "</body></html>"
    assert missing_text("practices/x.md", fixed, "X", body) == []


# --- Real builds -------------------------------------------------------------------------------------------------

PRACTICE = "docs/practices/police-youngsters-sweden.md"


def build_practice(tmp_path: Path, body: str, layers_off: tuple[str, ...] = ()) -> tuple[int, str, Path]:
    """A real build with the validator off (and ``layers_off``), so the build's own checks meet ``body``."""
    root = copy_content(tmp_path / "repo")
    practice = root / PRACTICE
    practice.write_text(practice.read_text(encoding="utf-8") + "\n" + body, encoding="utf-8")
    site = tmp_path / "site"
    result = kb_build(root, site, layers_off=["validator", *layers_off])
    return result.returncode, result.stderr, site


@pytest.mark.build
def test_the_site_publishes_the_text_the_old_function_lost(tmp_path: Path) -> None:
    code, stderr, site = build_practice(tmp_path, UNCLOSED_FENCE + "\n" + COMMENT_IN_CODE)
    assert code == 0, stderr
    page = (site / "practices" / "police-youngsters-sweden" / "index.html").read_text(encoding="utf-8")
    assert "Wardens kept their neighbourhood diaries for three winters." in page
    assert "<code>&lt;!--</code> and <code>--&gt;</code>, and those marks alone stay visible" in page
    assert "a note for editors" not in page


@pytest.mark.build
@pytest.mark.parametrize("body", [UNCLOSED_FENCE, COMMENT_IN_CODE], ids=["unclosed-fence", "comment-in-code-spans"])
def test_text_lost_in_publishing_fails_the_build(tmp_path: Path, body: str) -> None:
    code, stderr, _ = build_practice(tmp_path, body, ("lossless",))
    assert code == 1
    assert "content was lost in the build" in stderr
    assert "the page of docs/practices/police-youngsters-sweden.md does not show all of its text" in stderr
    assert "Traceback" not in stderr


@pytest.mark.build
def test_an_admonition_with_a_class_fails_the_build_naming_the_page(tmp_path: Path) -> None:
    code, stderr, _ = build_practice(tmp_path, '!!! note kb-visually-hidden "Hidden"\n    Only screen readers.\n')
    assert code == 1
    assert (
        "docs/practices/police-youngsters-sweden.md: the page's HTML holds markup the site does not publish" in stderr
    )
    assert 'attribute class="admonition note kb-visually-hidden" on <div>' in stderr
