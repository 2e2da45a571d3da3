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
# The same, for pages that spell the attribute in lower case, as engines and templates write it: a pattern
# that starts with a fixed text is searched for in C, ten times faster than one that starts with '\s'.
_LOWER_CASE_ID = re.compile(r"""id(?<=\sid)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_OTHER_CASES = ("ID", "Id", "iD")
SHOWN = 20  # broken links listed


class LinkCheck:
    """Collects each page's links and ids as the post-build step goes, and judges them at the end."""

    def __init__(self, site: Path, whole_site: Path | None = None, edition_prefix: str = "") -> None:
        """``whole_site`` and ``edition_prefix``: for an edition in another language, the original edition's
        site, in which this one will stand at ``edition_prefix`` (``de/``): a link out of the edition, to
        the open data the original publishes, is judged there."""
        self.site = site
        self.whole_site = whole_site
        self.edition_prefix = edition_prefix
        self._whole_files: set[str] | None = None
        self._links: list[tuple[str, str]] = []  # (page, href)
        self._ids: dict[str, frozenset[str]] = {}  # of pages other pages link into, read when first needed
        self._broken: list[str] = []
        self._files: set[str] = set()
        self._folders: set[str] = set()

    def add_page(self, name: str, page: str, content: str | None) -> None:
        on_page: list[str] = []
        for a, b in _HREF.findall(content or ""):
            href = html.unescape(a or b)
            if href.startswith("#"):
                on_page.append(href)
            else:
                self._links.append((name, href))
        # Most links with a fragment stay on their page (source markers): judged here, while it is read,
        # with one pass over the page for its ids once there are more than a quick look or two would take.
        ids = _ids_in(page) if len(on_page) > QUICK_LOOKS else None
        for href in on_page:
            fragment = unquote(href[1:])
            if not (fragment in ids if ids is not None else _has_id(page, fragment)):
                self._broken.append(f"{name}: {href}")

    def problems(self) -> list[str]:
        # One walk of the site rather than a file-system call per link: pages hold thousands.
        self._files = {
            (Path(folder) / name).relative_to(self.site).as_posix()
            for folder, _, names in os.walk(self.site)
            for name in names
        }
        self._folders = {posixpath.dirname(name) for name in self._files}
        # Pages in one folder share most of their links (the navigation, lists of
        # practices): each (folder, link) is resolved once.
        resolved: dict[tuple[str, str], bool] = {}
        broken_links = []
        for page, href in self._links:
            folder = posixpath.dirname(page)
            key = (folder, href)
            ok = resolved.get(key)
            if ok is None:
                ok = self._leads_somewhere(page, href)
                if not href.startswith("#") and urlsplit(href).path:  # a bare #fragment depends on the page
                    resolved[key] = ok
            if not ok:
                broken_links.append(f"{page}: {href}")
        broken = sorted(self._broken + broken_links)
        shown = [f"a link leads nowhere: {line}" for line in broken[:SHOWN]]
        return shown + ([f"and {len(broken) - SHOWN} more"] if len(broken) > SHOWN else [])

    def _leads_somewhere(self, page: str, href: str) -> bool:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("/"):
            return True
        if not parts.path:
            return not parts.fragment or unquote(parts.fragment) in self._ids_of(page)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
        if target.startswith("../") or target == "..":
            return self._in_whole_site(target, href)
        if href.split("#")[0].split("?")[0].endswith("/") or target in self._folders:
            target = posixpath.normpath(posixpath.join(target, "index.html"))
        if target not in self._files:
            return False
        if parts.fragment and target.endswith(".html"):
            return unquote(parts.fragment) in self._ids_of(target)
        return True

    def _in_whole_site(self, target: str, href: str) -> bool:
        """A link out of this edition: to a file of the original edition's site (no fragment checked there)."""
        if self.whole_site is None:
            return False
        if self._whole_files is None:
            self._whole_files = {
                (Path(folder) / name).relative_to(self.whole_site).as_posix()
                for folder, _, names in os.walk(self.whole_site)
                for name in names
            }
        outside = posixpath.normpath(posixpath.join(self.edition_prefix, target))
        if outside.startswith("../"):
            return False
        if href.split("#")[0].split("?")[0].endswith("/") or outside == ".":
            outside = posixpath.normpath(posixpath.join(outside, "index.html"))
        return outside in self._whole_files

    def _ids_of(self, target: str) -> frozenset[str]:
        ids = self._ids.get(target)
        if ids is None:
            text = (self.site / target).read_text(encoding="utf-8", errors="replace")
            ids = _ids_in(text)
            self._ids[target] = ids
        return ids


def _has_id(page: str, fragment: str) -> bool:
    """Whether ``page`` has an element with this id: a quick look for the id, then a sure one."""
    if f'id="{fragment}"' in page:
        return True
    return fragment in _ids_in(page)


def _ids_in(page: str) -> frozenset[str]:
    pattern = _ID if any(spelling in page for spelling in _OTHER_CASES) else _LOWER_CASE_ID
    return frozenset(html.unescape(a or b) for a, b in pattern.findall(page))


QUICK_LOOKS = 2  # links to the page's own elements judged by looking for each id in the page
