"""Where each page's source file can be edited, when the repository's address is known.

The repository's public address is never written into the code: it is taken,
in this order, from

1. ``KB_REPOSITORY_URL`` (set it to override everything else),
2. ``GITHUB_SERVER_URL`` and ``GITHUB_REPOSITORY``, which GitHub Actions sets,
3. ``git remote get-url origin``, when that is a GitHub address.

Edits are proposed against ``KB_EDIT_BRANCH`` (default ``main``). When no
address is known, pages show their source file's path and point to the
contributor guide instead of a link that may be broken.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kb.content.speech import Speech
from kb.core.urls import page_link
from kb.model.freshness import run_git
from kb.render.entry_pages import CONTRIBUTING_SRC
from kb.render.templating import render

REPOSITORY_URL_VARIABLE = "KB_REPOSITORY_URL"
EDIT_BRANCH_VARIABLE = "KB_EDIT_BRANCH"
DEFAULT_EDIT_BRANCH = "main"
GIT_TIMEOUT_SECONDS = 10

# git@github.com:owner/repo.git, ssh://git@github.com/owner/repo, https://github.com/owner/repo.git
_GITHUB_REMOTE = re.compile(
    r"^(?:https://(?:[^@/]+@)?github\.com/|git@github\.com:|ssh://git@github\.com/)"
    r"(?P<owner>[A-Za-z0-9_.-]+)/(?P<repo>[A-Za-z0-9_.-]+?)(?:\.git)?/?$"
)
_SAFE_URL = re.compile(r"^https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[A-Za-z0-9_.~-]+)+$")


@dataclass(frozen=True)
class SourceLinks:
    """The repository's web address (None when unknown) and the branch edits go to."""

    repository_url: str | None = None
    branch: str = DEFAULT_EDIT_BRANCH

    def edit_url(self, path: str) -> str | None:
        if self.repository_url is None:
            return None
        return f"{self.repository_url}/edit/{self.branch}/{path}"


def github_web_url(remote: str) -> str | None:
    """The web address of a GitHub remote, None for any other remote."""
    match = _GITHUB_REMOTE.match(remote.strip())
    return f"https://github.com/{match['owner']}/{match['repo']}" if match else None


def repository_url(env: Mapping[str, str], origin: str | None) -> str | None:
    explicit = env.get(REPOSITORY_URL_VARIABLE, "").strip().rstrip("/")
    if explicit:
        return explicit if _SAFE_URL.match(explicit) else None
    server, repository = env.get("GITHUB_SERVER_URL", ""), env.get("GITHUB_REPOSITORY", "")
    if server and repository:
        url = f"{server.rstrip('/')}/{repository}"
        return url if _SAFE_URL.match(url) else None
    return github_web_url(origin) if origin else None


def origin_remote(root: Path) -> str | None:
    return run_git(root, "remote", "get-url", "origin")


def source_links_for(root: Path, env: Mapping[str, str] | None = None) -> SourceLinks:
    """The links for a build of the repository at ``root``."""
    env = os.environ if env is None else env
    has_variables = env.get(REPOSITORY_URL_VARIABLE) or env.get("GITHUB_REPOSITORY")
    url = repository_url(env, None if has_variables else origin_remote(root))
    branch = env.get(EDIT_BRANCH_VARIABLE, "").strip() or DEFAULT_EDIT_BRANCH
    return SourceLinks(url, branch if re.fullmatch(r"[A-Za-z0-9._/-]+", branch) else DEFAULT_EDIT_BRANCH)


@dataclass(frozen=True)
class FooterView:
    guide_url: str  # the contributor guide, relative to the page
    source_path: str | None  # None: a generated page
    edit_url: str | None  # None: the repository's address is unknown


def source_footer(links: SourceLinks, page_src: str, source_path: str | None, say: Speech) -> str:
    """The line that ends every page: its source file, and how to change it (one raw HTML block)."""
    footer = FooterView(
        page_link(page_src, CONTRIBUTING_SRC),
        source_path,
        links.edit_url(source_path) if source_path is not None else None,
    )
    return "\n" + render("source_footer.html", footer=footer, say=say)
