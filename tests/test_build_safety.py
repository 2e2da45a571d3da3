"""The built site: a policy on every page, the sanitiser and the completeness check failing the build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kb.build.csp import inline_code, policy
from tests.support.building import kb_build
from tests.support.repo import FIXTURE, copy_content

pytestmark = pytest.mark.build

PRACTICE = "docs/practices/police-youngsters-sweden.md"
_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_page_carries_a_policy_for_exactly_its_inline_code(built_site: Path) -> None:
    pages = html_pages(built_site)
    assert len(pages) > 40
    for path in pages:
        html = path.read_text(encoding="utf-8")
        metas = _META.findall(html)
        assert len(metas) == 1, f"{path}: {len(metas)} policies"
        assert metas[0].replace("&quot;", '"') == policy(inline_code(html)), path
        sources = metas[0].replace("&quot;", '"').split()
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources  # 'wasm-unsafe-eval' is not eval
        assert html.index("Content-Security-Policy") < html.index("<script"), f"{path}: a script comes first"


def test_no_page_asks_another_host_for_anything(built_site: Path) -> None:
    loads = re.compile(r"<(?:script|img|iframe|link|source|video|audio|embed|object)\b[^>]*\b(?:src|href)=\"([^\"]*)\"")
    for path in html_pages(built_site):
        for url in loads.findall(path.read_text(encoding="utf-8")):
            assert not re.match(r"^(?:[a-z]+:)?//", url), f"{path} loads {url}"


def test_headers_file_is_written_for_hosts_that_send_headers(built_site: Path) -> None:
    headers = (built_site / "_headers").read_text(encoding="utf-8")
    assert "frame-ancestors 'none'" in headers
    for path in html_pages(built_site):
        for source in inline_code(path.read_text(encoding="utf-8")).scripts:
            assert source in headers


def build_unvalidated(tmp_path: Path, files: dict[str, str]) -> tuple[int, str]:
    """A real build with the validator's text and file-tree rules switched off (tests/support/patched_build.py)."""
    root = copy_content(tmp_path / "repo")
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    result = kb_build(root, tmp_path / "site", layers_off=["body-rules"])
    return result.returncode, result.stderr


def with_body(body: str) -> str:
    text = (FIXTURE / PRACTICE).read_text(encoding="utf-8")
    return text + "\n" + body + "\n"


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("<script>alert(1)</script>", "element <script>"),
        ("[report](javascript:alert(1))", 'attribute href="javascript:alert(1)" on <a>'),
        # MkDocs itself refuses this one first ("unrecognized relative link"), naming the page.
        ("[report](&#106;avascript:alert(1))", "contains an unrecognized relative link '&#106;avascript:alert(1)'"),
        ('## Lessons {: onclick="alert(1)" }\n\nText.', 'attribute onclick="alert(1)" on <h2>'),
        ("![pixel](https://tracker.example/p.png)", "attribute src"),
        ('<iframe src="https://example.org/"></iframe>', "element <iframe>"),
    ],
    ids=["script", "javascript-link", "entity-link", "attribute-list", "external-image", "iframe"],
)
def test_what_gets_past_the_validator_fails_the_build_naming_the_page(tmp_path: Path, body: str, named: str) -> None:
    code, stderr = build_unvalidated(tmp_path, {PRACTICE: with_body(body)})
    assert code == 1
    assert named in stderr
    assert (
        "docs/practices/police-youngsters-sweden.md: the page's HTML holds markup the site does not publish" in stderr
        or (
            "mkdocs could not build the generated source" in stderr
            and "practices/police-youngsters-sweden.md" in stderr
        )
    )
    assert "Traceback" not in stderr


def test_the_route_builds_clean_content(tmp_path: Path) -> None:
    # The control for the test above: the same route with harmless text builds.
    code, stderr = build_unvalidated(tmp_path, {PRACTICE: with_body("Plain *text*.")})
    assert code == 0, stderr


def test_a_lost_page_fails_the_build(tmp_path: Path) -> None:
    code, stderr = build_unvalidated(
        tmp_path, {"docs/about.md": "# About\n", "docs/about/index.md": "# About, again\n"}
    )
    assert code == 1
    assert "about.md and about/index.md are all published as about/index.html" in stderr


def test_an_engine_warning_fails_the_build(tmp_path: Path) -> None:
    # Every engine runs with --strict: the content was validated, so a warning means the generator has a bug.
    root = copy_content(tmp_path / "repo")
    result = kb_build(root, tmp_path / "site", layers_off=["engine-clean"])
    assert result.returncode == 1
    assert "mkdocs could not build the generated source" in result.stderr
    assert "no-such-page.md" in result.stderr
    assert "Traceback" not in result.stderr
