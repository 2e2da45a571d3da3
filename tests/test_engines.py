"""Three engines, one result: the test content built by MkDocs, ProperDocs and Zensical, each checked the same way.

The pipeline's own post-build checks (allowlist, nothing lost, leaks, the
security policy, ``_headers``, links and anchors) run on every engine's site
before ``python -m kb build`` exits 0; these tests then read each site for what
a reader needs: every entry page with its profile and text, the same pages
whatever the engine. The second half proves each item of the README's list of
what Zensical cannot do, on a tiny project of its own, so the list changes
when Zensical does.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kb.build.engines import ENGINES
from kb.build.engines.zensical import Zensical
from kb.build.source_tree import dest_uri
from kb.content.loading import load_file
from tests.support.building import kb_build
from tests.support.repo import FIXTURE_ENTRY_FILES, REPOSITORY, copy_content

pytestmark = pytest.mark.build

OTHER_ENGINES = ("properdocs", "zensical")
CSP_META = '<meta http-equiv="Content-Security-Policy"'


@pytest.fixture(scope="module", params=OTHER_ENGINES)
def engine_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    engine: str = request.param
    root = copy_content(tmp_path_factory.mktemp(f"repo-{engine}"))
    site = tmp_path_factory.mktemp(f"site-{engine}")
    result = kb_build(root, site, engine=engine)
    assert result.returncode == 0, result.stderr
    assert f"with {engine} into" in result.stderr
    return engine, site


def html_files(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")}


def test_every_engine_writes_the_same_pages(engine_site: tuple[str, Path], built_site: Path) -> None:
    _, site = engine_site
    assert html_files(site) == html_files(built_site)


@pytest.mark.parametrize("entry", FIXTURE_ENTRY_FILES, ids=lambda path: path.stem)
def test_every_entry_page_holds_its_profile_and_text(engine_site: tuple[str, Path], entry: Path) -> None:
    engine, site = engine_site
    loaded = load_file(entry, entry.name)
    assert loaded.data is not None
    src_uri = entry.relative_to(entry.parents[2] / "docs").as_posix()
    page = (site / dest_uri(src_uri)).read_text(encoding="utf-8")
    assert '<div class="kb-profile"><dl>' in page, (engine, src_uri)
    # Its text: the first line of prose of its body, word for word, in the page's visible text.
    prose = next(line for line in loaded.body.splitlines() if line.strip() and line[0].isalpha())
    words = re.sub(r"\[[\d, ]+\]|[*_`]", "", prose).split()[:8]
    assert " ".join(words) in " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split()), (engine, src_uri)
    assert 'data-kb-slot="' not in page, "every generated block is filled"
    assert "\ue000" not in page, "no template mark is left"
    assert page.count(CSP_META) == 1


def test_every_engine_site_has_its_policy_headers_and_search(engine_site: tuple[str, Path]) -> None:
    _, site = engine_site
    headers = (site / "_headers").read_text(encoding="utf-8")
    assert "Content-Security-Policy:" in headers and "frame-ancestors 'none'" in headers
    assert (site / "pagefind" / "pagefind.js").is_file()
    for name in html_files(site):
        page = (site / name).read_text(encoding="utf-8")
        assert page.count(CSP_META) == 1, name
        for match in re.finditer(r"sha256-[A-Za-z0-9+/=]+", page):
            assert match[0] in headers, name


def test_an_invalid_knowledge_base_never_builds_whatever_the_engine(tmp_path: Path) -> None:
    root = copy_content(tmp_path / "repo")
    practice = next((root / "docs" / "practices").glob("*.md"))
    practice.write_text(practice.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    for engine in ENGINES:
        result = kb_build(root, tmp_path / f"site-{engine}", engine=engine)
        assert result.returncode == 1, engine
        assert "the knowledge base is invalid, so the site was not built" in result.stderr
        assert not (tmp_path / f"site-{engine}").exists()
        assert "Traceback" not in result.stderr


# --- What Zensical cannot do: the README's list, each item proved --------------------------------------------


def readme_limitations() -> list[str]:
    readme = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    section = readme.split("### What Zensical cannot do", 1)[1].split("\n#", 1)[0]
    return re.findall(r"^\d+\. \*\*Zensical ([^*]+?)\*\*", section, flags=re.MULTILINE)


def test_the_readme_lists_exactly_the_adapters_limitations() -> None:
    assert readme_limitations() == list(Zensical.limitations)


def zensical(project: Path, pages: dict[str, str], **config: object) -> subprocess.CompletedProcess[str]:
    """``zensical build --strict`` of a tiny project: ``pages`` under docs/, ``config`` added to mkdocs.yml."""
    for name, text in pages.items():
        (project / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / name).write_text(text, encoding="utf-8")
    settings = {"site_name": "Tiny", "docs_dir": "docs", "site_dir": "site"} | config
    (project / "mkdocs.yml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--strict", "--clean", "-f", str(project / "mkdocs.yml")],
        capture_output=True,
        text=True,
        cwd=project,
    )


def test_zensical_rewrites_relative_urls_in_raw_html(tmp_path: Path) -> None:
    raw = '<div class="x"><a href="../other/">Other</a></div>\n'
    built = zensical(tmp_path, {"a/page.md": "# Page\n\n" + raw, "other.md": "# Other\n"})
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "site" / "a" / "page" / "index.html").read_text(encoding="utf-8")
    assert 'href="../other/"' not in page  # MkDocs leaves raw HTML as written


def test_zensical_ignores_hooks_plugins_and_unknown_config_keys(tmp_path: Path) -> None:
    built = zensical(
        tmp_path, {"index.md": "# Home\n"}, hooks=["no_such_hooks.py"], plugins=["no-such-plugin"], no_such_key=1
    )
    assert built.returncode == 0, built.stderr  # MkDocs fails on each of the three


def test_zensical_ignores_validation_nav(tmp_path: Path) -> None:
    built = zensical(
        tmp_path,
        {"index.md": "# Home\n", "orphan.md": "# Orphan\n"},
        nav=["index.md", "missing.md"],
        validation={"nav": {"omitted_files": "warn", "not_found": "warn"}},
    )
    assert built.returncode == 0, built.stderr  # MkDocs --strict fails on both


def test_zensical_always_adds_pymdownx_superfences(tmp_path: Path) -> None:
    built = zensical(tmp_path, {"index.md": "# Home\n\n```python\nx = 1\n```\n"}, markdown_extensions=["fenced_code"])
    assert built.returncode == 0, built.stderr
    assert '<div class="highlight">' in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_zensical_writes_search_json_and_no_sitemap_xml_gz(tmp_path: Path) -> None:
    built = zensical(
        tmp_path, {"index.md": "# Home\n"}, site_url="https://kb.example.test/", plugins={"search": {"enabled": False}}
    )
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "site" / "search.json").is_file()
    assert (tmp_path / "site" / "sitemap.xml").is_file()
    assert not (tmp_path / "site" / "sitemap.xml.gz").exists()


def test_zensical_uses_its_own_theme(tmp_path: Path) -> None:
    built = zensical(tmp_path, {"index.md": "# Home\n"}, theme={"name": "material"})
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "zensical" in page.lower()
    assert 'content="mkdocs-' not in page


def test_zensical_needs_its_folders_inside_the_configs_and_writes_a_cache_there(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (tmp_path / "elsewhere").mkdir()
    outside = zensical(project, {"index.md": "# Home\n"}, docs_dir=str(tmp_path / "elsewhere"))
    assert outside.returncode != 0
    assert "must be within project root" in outside.stdout + outside.stderr
    inside = zensical(project, {"index.md": "# Home\n"})
    assert inside.returncode == 0, inside.stderr
    assert (project / ".cache").is_dir()


def test_zensical_has_no_dirty_build_and_no_strict_serve() -> None:
    def options(command: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "zensical", command, "--help"], capture_output=True, text=True, check=True
        ).stdout

    assert "--dirty" not in options("build")
    assert "Strict mode (currently unsupported)" in options("serve")
