"""The files that keep old addresses working: a redirect page per moved page,
and a copy of the current file at a moved data file's old path.

Our own few lines rather than mkdocs-redirects: the redirects are data
(redirects.yaml, schema-checked with located errors and checked against
permalinks.txt), not engine settings; the page needs no script (the
plugin's uses an inline script, which a strict Content-Security-Policy
blocks); and a data file (JSON, CSV) cannot be a redirect page at all.
"""

from __future__ import annotations

from collections.abc import Mapping

from kb.content.permalinks import redirect_targets
from kb.core.urls import absolute_url, relative_url
from kb.model.knowledge_base import KnowledgeBase
from kb.render.templating import render


def redirect_files(kb: KnowledgeBase, data_files: Mapping[str, str]) -> dict[str, str]:
    """Site path of each file to write -> its content."""
    files = {}
    for old, (kind, new_id, new) in sorted(redirect_targets(kb.redirects).items()):
        if old.endswith("/"):
            target = relative_url(old + "index.md", new)
            canonical = absolute_url(kb.site.url, kb.path_prefix + new) or target
            files[old + "index.html"] = redirect_page(target, kb.get(kind, new_id).title, canonical)
        elif new in data_files:
            files[old] = data_files[new]
    return files


def redirect_page(target_url: str, title: str, canonical: str) -> str:
    """A static page that sends readers on: no script, so it works everywhere and under any CSP."""
    return render("redirect.html", target_url=target_url, title=title, canonical=canonical)
