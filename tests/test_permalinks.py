"""Permanent URLs: the manifest is complete, a gone page fails the build with the fix, a redirect keeps it working."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kb.content.discovery import Layout
from kb.content.languages import read_languages
from kb.content.permalinks import MANIFEST_FILE
from kb.tools.cli import EXIT_INVALID, EXIT_VALID, main
from kb.tools.permalinks_cli import live_paths, manifest_paths, missing_paths
from kb.tools.permalinks_cli import main as permalinks_main
from tests.support.building import kb_build
from tests.support.repo import REPOSITORY, copy_content, fixture_layout

NEW_PRACTICE = """---
title: Example practice
summary: A practice added for a test, to be published, then deleted or renamed.
countries: [SE]
approaches: [policing]
status: unknown
evidence: not-documented
sources:
  - title: A test source
last_reviewed: '2026-11-24'
---

## What it is

A test.
"""


def test_the_manifest_lists_every_published_path() -> None:
    missing = missing_paths(Layout.for_root(REPOSITORY))
    assert not missing, (
        f"{MANIFEST_FILE} lacks the published paths {missing}: run `make permalinks` and commit {MANIFEST_FILE}"
    )


@pytest.mark.parametrize("content", ["real", "test"])
def test_every_path_in_the_manifest_exists_in_the_built_site(request: pytest.FixtureRequest, content: str) -> None:
    site: Path = request.getfixturevalue("languages_site" if content == "real" else "built_site")
    layout = Layout.for_root(REPOSITORY) if content == "real" else fixture_layout()
    # The real content is built in every language; the test content in English only, so its other
    # editions' paths are left out here.
    unbuilt = () if content == "real" else tuple(f"{code}/" for code in read_languages(REPOSITORY).others)
    paths = [path for path in manifest_paths(layout) if not path.startswith(unbuilt)]
    assert paths
    for path in paths:
        target = site / path / "index.html" if path.endswith("/") else site / path
        assert target.is_file(), f"{path} is in {MANIFEST_FILE} but the build did not write it"


def publish(root: Path, practice_id: str) -> Path:
    """Add a practice and record its page as published, as `make permalinks` would."""
    path = root / "docs" / "practices" / f"{practice_id}.md"
    path.write_text(NEW_PRACTICE, encoding="utf-8")
    assert permalinks_main(["--root", str(root)]) == 0
    assert f"practices/{practice_id}/" in manifest_paths(Layout.for_root(root))
    return path


def test_deleting_a_practice_fails_the_build_until_a_redirect_is_added(tmp_path: Path) -> None:
    root = copy_content(tmp_path / "repo")
    publish(root, "example-practice").unlink()

    failed = kb_build(root, tmp_path / "site")
    assert failed.returncode == 1
    assert re.search(
        r"permalinks\.txt:\d+:1: KB710 practices/example-practice/ was published and is gone: "
        r"add `example-practice: new-id` under `practices:` in redirects\.yaml",
        failed.stderr,
    ), failed.stderr

    with (root / "redirects.yaml").open("a", encoding="utf-8") as redirects:
        redirects.write("practices:\n  example-practice: police-youngsters-sweden\n")
    built = kb_build(root, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "site" / "practices" / "example-practice" / "index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../police-youngsters-sweden/">' in page
    assert '<link rel="canonical" href="../police-youngsters-sweden/">' in page
    assert '<a href="../police-youngsters-sweden/">Police Youngsters (Sweden)</a>' in page


def test_a_redirect_page_names_the_absolute_canonical_address_when_the_site_has_one(tmp_path: Path) -> None:
    root = copy_content(tmp_path / "repo")
    publish(root, "example-practice").unlink()
    (root / "redirects.yaml").write_text("practices:\n  example-practice: police-youngsters-sweden\n")
    built = kb_build(root, tmp_path / "site", site_url="https://kb.example.test/exchange/")
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "site" / "practices" / "example-practice" / "index.html").read_text()
    assert 'href="https://kb.example.test/exchange/practices/police-youngsters-sweden/"' in page


def test_a_renamed_practice_is_named_in_the_hint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_content(tmp_path)
    old = root / "docs" / "practices" / "police-youngsters-sweden.md"
    old.rename(root / "docs" / "practices" / "police-youngsters.md")
    collection = root / "docs" / "collections" / "think-globally-act-locally-2016.md"
    collection.write_text(collection.read_text().replace("police-youngsters-sweden", "police-youngsters"))

    assert main(["--root", str(root)]) == EXIT_INVALID
    out = capsys.readouterr().out
    assert (
        "KB710 practices/police-youngsters-sweden/ was published and is gone: add "
        "`police-youngsters-sweden: police-youngsters` under `practices:` in redirects.yaml "
        "('police-youngsters' is new and looks like its successor)"
    ) in out
    assert out.count("KB710") == 1

    (root / "redirects.yaml").write_text("practices:\n  police-youngsters-sweden: police-youngsters\n")
    assert main(["--root", str(root)]) == EXIT_VALID


def test_a_deleted_collection_is_one_problem_not_five(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_content(tmp_path)
    (root / "docs" / "collections" / "think-globally-act-locally-2016.md").unlink()
    assert main(["--root", str(root)]) == EXIT_INVALID
    out = capsys.readouterr().out
    assert out.count("KB710") == 1
    assert "collections/think-globally-act-locally-2016/ was published and is gone" in out


def test_a_redirected_collection_keeps_its_handout_and_data_files(tmp_path: Path) -> None:
    root = copy_content(tmp_path / "repo")
    folder = root / "docs" / "collections"
    (folder / "think-globally-act-locally-2016.md").rename(folder / "amsterdam-2016.md")
    (root / "redirects.yaml").write_text("collections:\n  think-globally-act-locally-2016: amsterdam-2016\n")
    built = kb_build(root, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    site = tmp_path / "site"
    handout = (site / "collections" / "think-globally-act-locally-2016" / "handout" / "index.html").read_text()
    assert 'url=../../amsterdam-2016/handout/"' in handout
    old_data = site / "data" / "collections" / "think-globally-act-locally-2016.json"
    assert old_data.read_text() == (site / "data" / "collections" / "amsterdam-2016.json").read_text()


def test_a_chained_redirect_says_where_to_point(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_content(tmp_path)
    (root / "redirects.yaml").write_text(
        "practices:\n  oldest-id: older-id\n  older-id: police-youngsters-sweden\n", encoding="utf-8"
    )
    assert main(["--root", str(root)]) == EXIT_INVALID
    assert (
        "redirects.yaml:2:3: KB712 practices.oldest-id: the target 'older-id' is not a practice "
        "('older-id' itself moved to 'police-youngsters-sweden'; write `oldest-id: police-youngsters-sweden`)"
    ) in capsys.readouterr().out


def test_a_malformed_manifest_line_is_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_content(tmp_path)
    manifest = root / MANIFEST_FILE
    lines = manifest.read_text().splitlines()
    manifest.write_text("\n".join([*lines, "/practices/with-a-leading-slash"]) + "\n")
    assert main(["--root", str(root)]) == EXIT_INVALID
    assert f"{MANIFEST_FILE}:{len(lines) + 1}:1: KB713 '/practices/with-a-leading-slash' is not a site path" in (
        capsys.readouterr().out
    )


def test_the_permalinks_command_adds_new_paths_and_keeps_old_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_content(tmp_path)
    layout = Layout.for_root(root)
    before = manifest_paths(layout)
    (root / "docs" / "practices" / "example-practice.md").write_text(NEW_PRACTICE)
    # The page, and the same page in every other language's edition.
    new = sorted(
        f"{edition}practices/example-practice/" for edition in ["", *(f"{c}/" for c in read_languages(root).others)]
    )
    assert permalinks_main(["--root", str(root), "--check"]) == 1
    assert f"lacks {len(new)} published path(s): {', '.join(new)}. Run `make permalinks`" in capsys.readouterr().err
    assert permalinks_main(["--root", str(root)]) == 0
    assert capsys.readouterr().out == "".join(f"added {path}\n" for path in new)
    (root / "docs" / "practices" / "example-practice.md").unlink()
    assert permalinks_main(["--root", str(root)]) == 0
    after = manifest_paths(layout)
    assert set(after) == set(before) | set(new)  # never removed
    assert set(live_paths(layout)) <= set(after)
