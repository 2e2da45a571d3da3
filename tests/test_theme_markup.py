"""Only what the templates write may run: the policy's hashes come from the templates, never from a page.

Unit tests of kb.build.theme_markup, then real builds with layers switched off
that switches off the layers in front of the one under test
(tests/support/patched_build.py), so each layer is proved on its own.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest

from kb.build.csp import hash_source, inline_code
from kb.build.theme_markup import TemplateMarks, check_page, install_marks
from tests.support.building import kb_build
from tests.support.repo import REPOSITORY, copy_content

ATTACK = "<script>alert(document.domain)</script>Contribute"
ATTACK_HASH = hash_source("alert(document.domain)")


# --- Marking the templates and checking a page, without a build ----------------------------------------------


def render(templates: dict[str, str], name: str, **context: object) -> tuple[str, TemplateMarks]:
    env = jinja2.Environment(loader=jinja2.DictLoader(templates))
    marks = install_marks(env)
    return env.get_template(name).render(**context), marks


THEME = {
    "page.html": (
        '<html><head><meta charset="utf-8">{{ page_meta }}<link rel="icon" href="{{ base_url }}/i.png">'
        '<script>var base = new URL("{{ base_url }}", location)</script>'
        '<script id="__config" type="application/json">{"base": "{{ base_url }}"}</script>'
        "</head><body><nav>{{ title }}</nav>"
        '<meta name="description" content="{{ description }}"></body></html>'
    ),
    "redirect.html": (
        '<html><head><meta http-equiv="refresh" content="0;url={{ page.location }}">'
        '<script>location.replace("{{ page.location }}")</script></head></html>'
    ),
}


def test_a_page_of_template_elements_only_passes_with_its_scripts_hashed() -> None:
    output, marks = render(THEME, "page.html", base_url="..", title="Home", description="About", page_meta="")
    checked = check_page(output, marks)
    assert checked.foreign == []
    assert marks.secret not in checked.html and "\ue000" not in checked.html
    assert checked.code.scripts == {hash_source('var base = new URL("..", location)')}  # not the JSON data
    assert checked.html == output.replace(marks.start, "").replace(marks.end, "")


@pytest.mark.parametrize(
    ("title", "found"),
    [
        ("<script>alert(1)</script>", "'<script>alert(1)</script>"),
        ("<SCRIPT SRC=/x.js></SCRIPT>", "'<SCRIPT SRC=/x.js>"),
        ("<svg><script>alert(1)</script></svg>", "'<script>alert(1)</script></svg>"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "'<meta http-equiv="),
        ('<meta name="referrer" content="unsafe-url">', "'<meta name="),
        ("<style>body{display:none}</style>", "'<style>"),
        ('<link rel="dns-prefetch" href="//evil.example">', "'<link rel="),
        ('<base href="https://evil.example/">', "'<base href="),
        ("<meta/http-equiv=refresh content=0;url=//evil.example>", "'<meta/http-equiv"),
    ],
)
def test_an_element_the_templates_do_not_write_is_named_and_made_text(title: str, found: str) -> None:
    output, marks = render(THEME, "page.html", base_url="..", title=title, description="", page_meta="")
    checked = check_page(output, marks)
    assert len(checked.foreign) == 1 and checked.foreign[0].startswith(found), checked.foreign
    assert re.sub(r"<(script|style|meta|link|base)", r"&lt;\1", title, flags=re.IGNORECASE) in checked.html
    assert not re.search(r"<(script|style|meta|link|base)\b[^>]*(alert|evil|display|referrer)", checked.html, re.I)
    assert hash_source("alert(1)") not in checked.code.scripts


def test_page_data_cannot_close_a_template_element_and_open_another() -> None:
    description = '"><meta http-equiv="refresh" content="0;url=https://evil.example/'
    output, marks = render(THEME, "page.html", base_url="..", title="", description=description, page_meta="")
    checked = check_page(output, marks)
    assert checked.foreign and "a template's element holds more than itself" in checked.foreign[0]
    assert '<meta http-equiv="refresh"' not in checked.html


def test_a_template_script_filled_with_page_data_and_meta_refresh_are_not_trusted() -> None:
    output, marks = render(THEME, "redirect.html", page={"location": "https://evil.example/"})
    checked = check_page(output, marks)
    assert checked.code.scripts == frozenset()
    assert any('<meta http-equiv="refresh"> written by a template' in found for found in checked.foreign)
    assert any(found.startswith("'<script>location.replace") for found in checked.foreign)
    assert "<script>" not in checked.html and "<meta http-equiv" not in checked.html


def test_no_page_can_forge_a_mark() -> None:
    other = TemplateMarks()
    forged = other.mark("<script>alert(1)</script>")
    output, marks = render(THEME, "page.html", base_url="..", title=forged, description="", page_meta="")
    checked = check_page(output, marks)
    assert checked.foreign and hash_source("alert(1)") not in checked.code.scripts


def test_extra_javascript_tags_are_the_templates_own() -> None:
    env = jinja2.Environment(loader=jinja2.DictLoader({"p.html": "<body>{{ 'x.js' | script_tag }}</body>"}))

    @jinja2.pass_context
    def script_tag(context: object, value: str) -> str:
        return f'<script src="{value}"></script>'

    env.filters["script_tag"] = script_tag
    marks = install_marks(env)
    checked = check_page(env.get_template("p.html").render(), marks)
    assert checked.foreign == [] and checked.html == '<body><script src="x.js"></script></body>'


# --- Real builds ---------------------------------------------------------------------------------------------


def build(tmp_path: Path, files: dict[str, str], layers_off: str) -> tuple[int, str, Path]:
    root = copy_content(tmp_path / "repo")
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    result = kb_build(root, site, layers_off=layers_off.split(","))
    return result.returncode, result.stderr, site


def hand_written(front_matter: str, name: str = "docs/contributing.md") -> dict[str, str]:
    return {name: f"---\n{front_matter}\n---\n" + (REPOSITORY / name).read_text(encoding="utf-8")}


def script_hashes(headers: str) -> set[str]:
    return set(re.findall(r"'sha256-[^']+'", headers))


@pytest.mark.build
def test_a_hand_written_pages_title_is_shown_as_text(tmp_path: Path, built_site: Path) -> None:
    # Even with the validator switched off, the title the attack put in front matter is only text.
    code, stderr, site = build(tmp_path, hand_written(f"title: '{ATTACK}'"), "validator")
    assert code == 0, stderr
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(document.domain)&lt;/script&gt;Contribute" in home  # in the navigation
    for path in site.rglob("*.html"):
        assert "<script>alert" not in path.read_text(encoding="utf-8"), path
    headers = (site / "_headers").read_text(encoding="utf-8")
    assert script_hashes(headers) == script_hashes((built_site / "_headers").read_text(encoding="utf-8"))


@pytest.mark.build
def test_a_theme_writing_page_data_as_it_stands_fails_the_leak_check(tmp_path: Path) -> None:
    code, stderr, _ = build(tmp_path, hand_written(f"title: '{ATTACK}'"), "validator,escaping")
    assert code == 1
    assert "the finished page shows contributor text unescaped" in stderr
    assert ATTACK in stderr and "Traceback" not in stderr


@pytest.mark.build
@pytest.mark.parametrize(
    ("front_matter", "named"),
    [
        (f"title: '{ATTACK}'", "'<script>alert(document.domain)</script>Contribute"),
        ('title: \'<meta http-equiv="refresh" content="0;url=https://evil.example/">Contribute\'', "'<meta http-equiv"),
        ("title: '<style>.md-content{display:none}</style>Contribute'", "'<style>"),
        ("description: '\"><script>alert(1)</script>'", "a template's element holds more than itself"),
    ],
    ids=["script-in-title", "meta-refresh-in-title", "style-in-title", "description-breaks-out-of-meta"],
)
def test_an_element_the_templates_do_not_write_fails_the_build_naming_the_page(
    tmp_path: Path, front_matter: str, named: str
) -> None:
    code, stderr, site = build(tmp_path, hand_written(front_matter), "validator,escaping,leak-check")
    assert code == 1
    assert "pages hold scripts, styles or head elements" in stderr
    assert f"docs/contributing.md (published as contributing/index.html): {named}" in stderr
    assert "Traceback" not in stderr
    # The pages written before the build stopped show it as text, and their policies do not allow it.
    for path in site.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        assert not re.search(r"<script>alert|<meta http-equiv=\"refresh\"|<style>\.md-content", page), path
        assert ATTACK_HASH not in page
    assert not (site / "_headers").exists() or ATTACK_HASH not in (site / "_headers").read_text(encoding="utf-8")


@pytest.mark.build
def test_a_hand_written_page_cannot_choose_a_redirecting_template(tmp_path: Path) -> None:
    # Material's redirect.html writes page.meta.location into a <meta refresh> and a script. With
    # the validator off, the generator still hands the theme only the fields the page schema allows,
    # so the page keeps the ordinary template and sends nobody anywhere.
    files = hand_written("template: redirect.html\nlocation: https://evil.example/")
    code, stderr, site = build(tmp_path, files, "validator")
    assert code == 0, stderr
    page = (site / "contributing" / "index.html").read_text(encoding="utf-8")
    assert "evil.example" not in page
    assert 'http-equiv="refresh"' not in page


@pytest.mark.build
def test_an_html_file_from_docs_fails_the_build_and_adds_no_hash(tmp_path: Path) -> None:
    page = "<!doctype html><html><head></head><body><script>alert(document.domain)</script></body></html>"
    code, stderr, site = build(tmp_path, {"docs/assets/about.html": page}, "validator")
    assert code == 1
    assert "HTML files would be published as they stand, without the site's policy: assets/about.html" in stderr
    assert not (site / "_headers").exists()


@pytest.mark.build
def test_every_hash_in_the_policies_is_a_template_script(built_site: Path) -> None:
    # The control: on the real site, each page's inline scripts are exactly its templates'.
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "\ue000" not in html, f"{path}: a template mark was left in"
        assert inline_code(html).scripts <= script_hashes((built_site / "_headers").read_text(encoding="utf-8"))
