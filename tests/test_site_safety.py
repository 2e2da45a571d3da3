"""The sanitiser, the security policy and the completeness check as plain functions, without a build."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kb.build.csp import NoHeadError, add_policy, hash_source, headers_file_for, inline_code, policy
from kb.build.page_checks import run_checks
from kb.build.published import Expected, page_text, unpublished
from kb.checks.site_files import page_destination
from kb.core.html_policy import clean, unsafe_markup, url_scheme

MATERIAL_LIKE = (
    '<h2 id="what-it-is">What it is<a class="headerlink" href="#what-it-is" title="Permanent link">&para;</a></h2>\n'
    '<div class="kb-profile">\n<dl>\n<dt>Countries</dt>\n<dd><span aria-hidden="true">🇩🇪</span> '
    '<a href="../../countries/de/">Germany</a></dd>\n</dl>\n</div>\n'
    '<p class="kb-lead">Lead &amp; more</p><br />\n'
    '<div class="admonition info">\n<p class="admonition-title">Not yet documented</p>\n<p>Text</p>\n</div>\n'
    '<table>\n<thead>\n<tr>\n<th align="right">a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align="right">1</td>\n'
    "</tr>\n</tbody>\n</table>\n<pre><code class=\"language-python\">x = '&lt;b&gt;'\n</code></pre>\n"
    '<p><a href="https://example.org">source</a> <a href="mailto:info@example.org">mail</a>'
    ' <img alt="logo" src="../assets/logo.png" /></p>'
)


def test_what_our_pages_need_passes_untouched() -> None:
    assert unsafe_markup(MATERIAL_LIKE) == []


@pytest.mark.parametrize(
    ("markup", "named"),
    [
        ("<p>x</p><script>alert(1)</script>", "element <script>"),
        ('<h2 id="x" onclick="alert(1)">x</h2>', 'attribute onclick="alert(1)" on <h2>'),
        ('<a href="javascript:alert(1)">x</a>', 'attribute href="javascript:alert(1)" on <a>'),
        ('<a href="&#106;avascript:alert(1)">x</a>', "attribute href"),
        ('<img src="https://tracker.example/p.png" alt="">', "attribute src"),
        ('<p style="color:red">x</p>', "attribute style"),
        ('<p id="__config">x</p>', "attribute id"),
        ('<div class="admonition note kb-visually-hidden"><p>x</p></div>', 'attribute class="admonition note kb-'),
        ('<div class="admonition kb-visually-hidden"><p>x</p></div>', 'attribute class="admonition kb-visually'),
        ("<!-- hidden -->", "comment"),
        ('<iframe src="https://example.org"></iframe>', "element <iframe>"),
    ],
)
def test_anything_else_is_named(markup: str, named: str) -> None:
    removals = [str(r) for r in unsafe_markup(markup)]
    assert any(r.startswith(named) for r in removals), removals


def test_clean_really_removes_it() -> None:
    assert "script" not in clean("<p>x</p><script>alert(1)</script>")
    assert "onerror" not in clean("<img src=x onerror=alert(1)>")


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("javascript:x", "javascript"),
        (" JaVa\tScRipt:x", "javascript"),
        ("&#x6A;avascript&colon;x", "javascript"),
        ("\x00data:text/html,x", "data"),
        ("https://example.org", "https"),
        ("../x.md", None),
        ("#anchor", None),
    ],
)
def test_url_scheme_reads_as_a_browser_does(url: str, scheme: str | None) -> None:
    assert url_scheme(url) == scheme


PAGE = (
    '<!doctype html><html><head><meta charset="utf-8"><script>var a=1</script>'
    '<script id="__config" type="application/json">{"a":1}</script><script src="x.js"></script>'
    "<style>p{color:red}</style></head><body><p>x</p><script>b()</script></body></html>"
)


def test_policy_hashes_each_inline_script_and_style_only() -> None:
    code = inline_code(PAGE)
    assert code.scripts == {hash_source("var a=1"), hash_source("b()")}
    assert code.styles == {hash_source("p{color:red}")}
    text = policy(code)
    assert "'unsafe-inline'" not in text.split() and "'unsafe-eval'" not in text.split()
    assert text.startswith("default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'sha256-")
    assert "frame-ancestors" not in text  # ignored in a meta tag, so only in the header


def test_hash_matches_the_csp_definition() -> None:
    # The example from the CSP specification: sha256 of "alert('Hello, world.');".
    assert hash_source("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


def test_policy_goes_before_every_script_and_after_the_charset() -> None:
    page = add_policy(PAGE, inline_code(PAGE))
    assert page.index('<meta charset="utf-8">') < page.index("Content-Security-Policy") < page.index("<script")
    assert '<meta name="referrer" content="no-referrer">' in page
    with pytest.raises(NoHeadError):
        add_policy("<p>no head</p>", inline_code(""))


def test_headers_file_covers_every_page_and_adds_header_only_directives() -> None:
    other = PAGE.replace("var a=1", "var c=3")
    text = headers_file_for(inline_code(PAGE) | inline_code(other))
    assert text.startswith("/*\n  Content-Security-Policy: default-src 'none';")
    assert hash_source("var a=1") in text and hash_source("var c=3") in text
    assert "frame-ancestors 'none'" in text and "X-Content-Type-Options: nosniff" in text


def write(site: Path, relative: str, markup: str) -> None:
    (site / relative).parent.mkdir(parents=True, exist_ok=True)
    (site / relative).write_text(markup, encoding="utf-8")


def checked_pages(expected: dict[str, Expected], pages: dict[str, str]) -> dict[str, list[str]]:
    """What the build's page-checking child (kb.build.page_checks.run_checks) answers for these finished pages."""
    frames = [json.dumps({source: [e.title, e.body] for source, e in expected.items()}).encode() + b"\n"]
    for source, markup in pages.items():
        data = markup.encode("utf-8")
        frames.append(json.dumps(["page", source, len(data)]).encode() + b"\n" + data)
    return run_checks(io.BytesIO(b"".join(frames) + b"end\n"))


def test_nothing_lost_passes_when_each_file_has_its_page(tmp_path: Path) -> None:
    write(tmp_path, "practices/x/index.html", "<h1>X &amp; Y</h1><h2>What</h2><p>It <em>works</em>.</p>")
    published = {"practices/x.md": "practices/x/index.html"}
    assert unpublished(["practices/x.md"], published, tmp_path) == []
    answer = checked_pages(
        {"practices/x.md": Expected("X & Y", "## What\n\nIt *works*.")},
        {"practices/x.md": (tmp_path / "practices/x/index.html").read_text(encoding="utf-8")},
    )
    assert answer == {"unsafe": [], "lost": []}


def test_nothing_lost_names_each_loss(tmp_path: Path) -> None:
    write(tmp_path, "practices/x/index.html", "<h1>X</h1><p>Only the start.</p>")
    published = {
        "practices/x.md": "practices/x/index.html",
        "about.md": "about/index.html",
        "about/index.md": "about/index.html",
    }
    assert unpublished(["practices/x.md", "about.md", ".hidden.md"], published, tmp_path) == [
        "about.md and about/index.md are all published as about/index.html; only one survives",
        "docs/.hidden.md is not published at all",
        "docs/about.md should be published as about/index.html, which was not written",
    ]
    answer = checked_pages(
        {"practices/x.md": Expected("X", "Only the start.\n\nAnd the rest.")},
        {"practices/x.md": "<h1>X</h1><p>Only the start.</p>"},
    )
    assert answer["lost"] == [
        "the page of docs/practices/x.md does not show all of its text: the words from 'and the rest' on "
        "(word 4 of 6) are missing or out of order",
    ]


def test_page_text_ignores_scripts_and_permalinks() -> None:
    assert page_text("<h2>Title<a>¶</a></h2><script>var x</script><p>a\n b</p>") == "Title a b"


@pytest.mark.parametrize(
    ("source", "destination"),
    [("a.md", "a/index.html"), ("a/index.md", "a/index.html"), ("a/README.md", "a/index.html"), ("x.png", "x.png")],
)
def test_page_destination_is_mkdocs_directory_urls(source: str, destination: str) -> None:
    from pathlib import PurePosixPath

    assert page_destination(PurePosixPath(source)) == destination
