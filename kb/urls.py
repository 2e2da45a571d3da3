"""The site's URL scheme, in one place: a page's URL from its source path.

URLs are permanent (organisers print them), so the scheme is ours rather than
an engine default: ``practices/x.md`` is published at ``practices/x/``. The
MkDocs config (``use_directory_urls``, the default) produces the same; a
build test checks that they agree.
"""

from __future__ import annotations

import posixpath


def page_url(src_uri: str) -> str:
    """``practices/x.md`` -> ``practices/x/``; ``index.md`` -> ``""``."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/"


def relative_url(from_src: str, to: str) -> str:
    """A link from the page built from ``from_src`` to the site path ``to``."""
    base = page_url(from_src)
    target = posixpath.relpath("/" + to, "/" + base) if base else to or "."
    if (to == "" or to.endswith("/")) and not target.endswith("/") and target != ".":
        target += "/"
    return "./" if target == "." else target


def page_link(from_src: str, to_src: str) -> str:
    return relative_url(from_src, page_url(to_src))
