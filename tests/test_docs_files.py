"""Every file under docs/: hand-written pages read as MkDocs reads them, file types, generated places.

The validator cases in tests/cases/ hold one hostile file each; these tests
check the assumptions the rules rest on: that the validator finds the same
page metadata as MkDocs, that the project's own assets are the ones
site.yml names, and that the build writes only where the validator keeps
hand-written files out.
"""

from __future__ import annotations

import dataclasses
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils import meta as mkdocs_meta

from kb.build.theme_meta import theme_meta
from kb.checks.body_rules import formula_start
from kb.checks.buildable import MAX_TEXT_NESTING, check_text_builds, heading_anchor, nesting_depth
from kb.checks.registry import RULES
from kb.checks.site_files import GENERATED_ASSETS, PROJECT_ASSETS, is_build_place
from kb.checks.validation import validate_knowledge_base
from kb.content.discovery import Layout
from kb.content.loading import LoadedFile
from kb.content.pages import MKDOCS_FRONT_MATTER, MKDOCS_META_LINE, PAGE_SCHEMA, page_fields, parse_page
from kb.core.diagnostics import has_errors
from kb.core.markdown import render_html
from kb.core.urls import SCRIPT_WORDS_PATH
from kb.model.knowledge_base import Source, build_knowledge_base
from kb.render.browse import browse_data_files
from kb.render.contributor_pages import contributor_pages
from kb.render.open_data import Stamp, open_data_files
from kb.render.overview_pages import generate_pages
from kb.render.redirect_pages import redirect_files
from kb.render.source_links import SourceLinks
from tests.support.repo import REPOSITORY, copy_content

PAGE = "docs/about.md"


def test_the_page_metadata_patterns_are_mkdocs_own() -> None:
    # kb.content.pages copies them so that the validator needs no MkDocs; they must not drift apart.
    assert (MKDOCS_FRONT_MATTER.pattern, MKDOCS_FRONT_MATTER.flags) == (
        mkdocs_meta.YAML_RE.pattern,
        mkdocs_meta.YAML_RE.flags,
    )
    assert (MKDOCS_META_LINE.pattern, MKDOCS_META_LINE.flags) == (
        mkdocs_meta.META_RE.pattern,
        mkdocs_meta.META_RE.flags,
    )


# Pieces of the top of a page, so that fences, MultiMarkdown lines and YAML meet in every order.
PAGE_PIECES = st.sampled_from(
    [
        "---",
        "--- ",
        "---\t",
        "---\f",
        "----",
        "...",
        "title: About us",
        "Title: About us",
        "description: Who runs this knowledge base, and why.",
        "    continued",
        "template: main.html",
        "# About",
        "",
        " ",
        "Text.",
        "title: 'two",
        "  lines'",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(st.lists(PAGE_PIECES, max_size=8), st.sampled_from(["", "\n", "\r\n"]))
def test_a_page_the_validator_reads_is_read_the_same_by_mkdocs(pieces: list[str], end: str) -> None:
    text = "\n".join(pieces) + end
    loaded = parse_page(text, PAGE)
    if loaded.data is None:
        assert loaded.diagnostics  # refused, and said why
        return
    _, mkdocs_data = mkdocs_meta.get_data(read_as_mkdocs_does(text))
    assert mkdocs_data == loaded.data, text


def read_as_mkdocs_does(text: str) -> str:
    # mkdocs.structure.pages.Page.read_source: UTF-8 with an optional BOM, universal newlines.
    return io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8-sig").read()


def test_metadata_lines_at_the_top_of_a_page_are_refused() -> None:
    loaded = parse_page("Title: <script>alert(1)</script>\n\n# About\n", PAGE)
    assert [(d.line, d.code) for d in loaded.diagnostics] == [(1, "KB015")]
    assert mkdocs_meta.get_data("Title: <script>alert(1)</script>\n\n# About\n")[1] == {
        "title": "<script>alert(1)</script>"
    }


def test_the_theme_gets_only_the_schema_fields_escaped() -> None:
    schema = yaml.safe_load((REPOSITORY / "schema" / PAGE_SCHEMA).read_text(encoding="utf-8"))
    fields = page_fields(schema)
    assert fields == ("title", "description")
    meta: dict[str, Any] = {
        "title": "<script>alert(1)</script>",
        "description": '"><meta http-equiv="refresh">',
        "template": "kb-bare.html",
        "hide": ["navigation"],
    }
    assert theme_meta(meta, fields) == {
        "title": "&lt;script&gt;alert(1)&lt;/script&gt;",
        "description": "&quot;&gt;&lt;meta http-equiv=&quot;refresh&quot;&gt;",
    }


def test_a_page_title_is_checked_as_an_entry_title_is(tmp_path: Path) -> None:
    root = copy_content(tmp_path)
    (root / PAGE).write_text('---\ntitle: "About\\x0cus"\n---\n\n# About\n', encoding="utf-8")
    result = validate_knowledge_base(Layout.for_root(root), only=[root / PAGE])
    assert has_errors(result.diagnostics)
    assert [(d.path, d.line, d.code) for d in result.diagnostics] == [(PAGE, 2, "KB411")]


def test_the_project_assets_are_those_site_yml_loads() -> None:
    config = yaml.safe_load((REPOSITORY / "site.yml").read_text(encoding="utf-8"))
    assert set(config["extra_css"]) | set(config["extra_javascript"]) == PROJECT_ASSETS | GENERATED_ASSETS
    assert {f"assets/{path.name}" for path in (REPOSITORY / "docs" / "assets").iterdir()} == PROJECT_ASSETS


def test_the_words_of_the_scripts_load_before_the_scripts() -> None:
    config = yaml.safe_load((REPOSITORY / "site.yml").read_text(encoding="utf-8"))
    assert config["extra_javascript"][0] == SCRIPT_WORDS_PATH


def test_the_build_generates_only_where_hand_written_files_are_kept_out() -> None:
    result = validate_knowledge_base(Layout.for_root(REPOSITORY))
    kb = build_knowledge_base(result)
    data = open_data_files(kb, Stamp("2026-01-01"))
    generated = [page.src_uri for page in generate_pages(kb) + contributor_pages(kb, SourceLinks(None))]
    files = browse_data_files(kb) | {f.path: f.content for f in data}
    generated += [*files, *redirect_files(kb, files), SCRIPT_WORDS_PATH]
    assert len(generated) > 50
    assert [path for path in generated if not is_build_place(path)] == []


# --- What the validator accepts, the build builds (KB411-KB414) -------------------------------


def body(text: str) -> LoadedFile:
    return LoadedFile("docs/practices/x.md", {}, text, 10, 1)


def test_the_model_takes_every_field_the_schema_allows_in_a_source() -> None:
    common = json.loads((REPOSITORY / "schema" / "common.schema.json").read_text(encoding="utf-8"))
    assert set(common["$defs"]["source"]["properties"]) == {field.name for field in dataclasses.fields(Source)}


def test_a_title_anchor_is_the_one_the_site_gives_its_heading() -> None:
    for title in ("__config", "\uff3f\uff3fdrawer", " _\u200b_x", "Police Youngsters"):
        heading = render_html(f"# {title}\n")
        anchor = heading.split('id="', 1)[1].split('"', 1)[0]
        assert heading_anchor(title) == anchor, title


@pytest.mark.parametrize(
    ("line", "depth"),
    [
        ("plain text", 0),
        ("> quoted", 1),
        ("> > - 1. item", 4),
        ("        - third level", 3),
        ("\t\t- third level", 3),
        (":   definition", 1),
        ("- - - -", 0),  # a rule, not lists
        ("> " * 100 + "x", 100),
    ],
)
def test_nesting_depth_counts_containers(line: str, depth: int) -> None:
    assert nesting_depth(line) == depth


def test_the_nesting_limit_is_the_one_the_rule_names() -> None:
    assert f"{MAX_TEXT_NESTING} levels" in RULES["KB414"].summary
    at_limit = body("> " * MAX_TEXT_NESTING + "x")
    beyond = body("> " * (MAX_TEXT_NESTING + 1) + "x")
    assert check_text_builds(at_limit) == []
    assert [(d.line, d.code) for d in check_text_builds(beyond)] == [(10, "KB414")]


def test_the_toc_marker_in_code_is_shown_as_written() -> None:
    assert check_text_builds(body("```\n[TOC]\n```\n")) == []
    assert check_text_builds(body("Write `[TOC]` or ``a `[TOC]` b`` to show it.")) == []
    assert render_html("Write `[TOC]` to show it.\n") == "<p>Write <code>[TOC]</code> to show it.</p>"
    # A backtick escaped with a backslash opens no code span.
    assert [d.code for d in check_text_builds(body("\\`[TOC]`"))] == ["KB413"]
    assert [(d.line, d.column, d.code) for d in check_text_builds(body("Text.\n\n- [TOC]\n"))] == [(12, 3, "KB413")]


FENCES = ["```", "````", "~~~", "~~~~", "```python", "``` {.x}", "``` py extra", "   ```", "```\t"]
TEXT_PIECES = st.sampled_from([*FENCES, "[TOC]", "`[TOC]`", "- [TOC]", "> [TOC]", "    [TOC]", "x", ""])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
@given(st.lists(TEXT_PIECES, max_size=10).map("\n".join))
def test_a_marker_the_validator_lets_through_is_never_replaced(text: str) -> None:
    # The oracle is Python-Markdown itself: where the rule sees code, the extension must too.
    if not any(d.code == "KB413" for d in check_text_builds(body(text))):
        assert 'class="toc"' not in render_html(text), text


def test_noncharacters_are_found_where_they_are() -> None:
    found = check_text_builds(body("a\nb \ufffe c \U0010ffff\n\ufdd0"))
    assert [(d.line, d.column, d.code) for d in found] == [(11, 3, "KB411"), (12, 1, "KB411")]


# --- CSV cells (KB410) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "=1+1",
        " =HYPERLINK(1)",
        "\u00a0\u3000+cmd",
        "\uff1dHYPERLINK(1)",  # full-width =
        "\ufe66x",  # small =
        "\u207cx",  # superscript =
        "\uff0b1",
        "\uff0d1",
        "\uff20SUM(1)",
        "\tx",
        "\rx",
        "  \t=1",
    ],
)
def test_a_formula_start_is_found_however_it_is_written(value: str) -> None:
    assert formula_start(value) is not None


@pytest.mark.parametrize("value", ["Police Youngsters", "", "   ", "e-mail", "50+ cities", "\u2212 a minus sign"])
def test_ordinary_text_is_no_formula(value: str) -> None:
    assert formula_start(value) is None
