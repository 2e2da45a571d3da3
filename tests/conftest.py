from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.repo import copy_content


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content built once by a real MkDocs, shared by the tests that only read it."""
    from tests.test_build import mkdocs_build

    root = copy_content(tmp_path_factory.mktemp("repo"))
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stderr
    return site
