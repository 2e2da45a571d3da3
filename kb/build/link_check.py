"""Every link in a page's content leads somewhere: to a file of the site, and to an element of it.

Engines check the links they see in Markdown, but generated blocks reach the
page only after the engine ran (kb.build.source_tree), so this check reads
the finished site instead, the same whatever the engine. A relative link
must resolve, from the page's own address, to a file the site holds (a
folder to its index.html); a ``#fragment`` must name an ``id`` of the page it
leads to. Links to other sites, ``mailto:`` and site-absolute links are left
alone: the validator checks what contributors may write there.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

_HREF = re.compile(r"""<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_ID = re.compile(r"""\sid\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
SHOWN = 20  # broken links listed


class LinkCheck:
    """Collects each page's links and ids as the post-build step goes, and judges them at the end."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self._links: list[tuple[str, str]] = []  # (page, href)
        self._ids: dict[str, frozenset[str]] = {}
        self._files: set[str] = set()
        self._folders: set[str] = set()

    def add_page(self, name: str, page: str, content: str | None) -> None:
        self._ids[name] = frozenset(html.unescape(a or b) for a, b in _ID.findall(page))
        for a, b in _HREF.findall(content or ""):
            self._links.append((name, html.unescape(a or b)))

    def problems(self) -> list[str]:
        # One walk of the site rather than a file-system call per link: pages hold thousands.
        self._files = {
            (Path(folder) / name).relative_to(self.site).as_posix()
            for folder, _, names in os.walk(self.site)
            for name in names
        }
        self._folders = {posixpath.dirname(name) for name in self._files}
        broken = [f"{page}: {href}" for page, href in self._links if not self._leads_somewhere(page, href)]
        shown = [f"a link leads nowhere: {line}" for line in broken[:SHOWN]]
        return shown + ([f"and {len(broken) - SHOWN} more"] if len(broken) > SHOWN else [])

    def _leads_somewhere(self, page: str, href: str) -> bool:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("/"):
            return True
        if not parts.path:
            return not parts.fragment or parts.fragment in self._ids.get(page, frozenset())
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
        if target.startswith("../") or target == "..":
            return False
        if href.split("#")[0].split("?")[0].endswith("/") or target in self._folders:
            target = posixpath.normpath(posixpath.join(target, "index.html"))
        if target not in self._files:
            return False
        if parts.fragment and target.endswith(".html"):
            ids = self._ids.get(target)
            if ids is None:  # not one of our pages (a redirect or the theme's): read it once
                ids = frozenset(html.unescape(a or b) for a, b in _ID.findall(self._read(target)))
                self._ids[target] = ids
            return unquote(parts.fragment) in ids
        return True

    def _read(self, target: str) -> str:
        return (self.site / target).read_text(encoding="utf-8", errors="replace")
