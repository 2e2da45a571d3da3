"""A Content-Security-Policy for each built page, allowing only the inline code its templates write.

Material writes a few small inline scripts into every page (its palette and
storage helpers). Rather than allow every inline script ('unsafe-inline'),
each page's policy lists the SHA-256 hash of each inline script and style its
templates write, found by kb.build.theme_markup, never of whatever the page holds:
a script that reached the page any other way is not allowed, so it does not
run (and the build fails on it). Everything else may come only from the site
itself: no fonts, images, scripts or connections to any other host.

The policy goes into each page as a <meta> tag (which works on any static
host) and, for hosts that send headers, into a ``_headers`` file with the
directives a meta tag cannot carry (see SECURITY.md).
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from dataclasses import dataclass, field

from markupsafe import Markup

from kb.render.templating import render

# Fetch directives: only the site itself, and data: images (Material's CSS
# draws its icons as data: SVGs). Search (Pagefind) compiles its WebAssembly
# module, which needs 'wasm-unsafe-eval': it allows WebAssembly only, never
# eval() of JavaScript. Forms only go to the site's own search page; nothing
# is framed or embedded.
BASE_DIRECTIVES: dict[str, tuple[str, ...]] = {
    "default-src": ("'none'",),
    "script-src": ("'self'", "'wasm-unsafe-eval'"),
    "style-src": ("'self'",),
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'",),
    "connect-src": ("'self'",),
    "worker-src": ("'self'",),
    "manifest-src": ("'self'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
    "object-src": ("'none'",),
}
# Only a header can carry these (browsers ignore them in a <meta> tag).
HEADER_ONLY_DIRECTIVES: dict[str, tuple[str, ...]] = {"frame-ancestors": ("'none'",)}
REFERRER_POLICY = "no-referrer"  # also in each page's head, for hosts that send no headers
# Other headers for hosts that send them: no MIME sniffing, no framing, no
# referrer to the sites our sources link to, no powerful features.
OTHER_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": REFERRER_POLICY,
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# Script types a browser runs; others (Material's application/json config) are data.
_SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})
_INLINE_SCRIPT = re.compile(r"<script\b(?P<attributes>[^>]*)>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_INLINE_STYLE = re.compile(r"<style\b[^>]*>(?P<body>.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_TYPE = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_STYLE_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*?\sstyle\s*=", re.IGNORECASE)
_EVENT_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*?\son[a-z]+\s*=", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset\s*=[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class InlineCode:
    """The hashes of a page's inline scripts and styles, as CSP sources."""

    scripts: frozenset[str] = field(default_factory=frozenset)
    styles: frozenset[str] = field(default_factory=frozenset)

    def __or__(self, other: InlineCode) -> InlineCode:
        return InlineCode(self.scripts | other.scripts, self.styles | other.styles)


def hash_source(code: str) -> str:
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_code(page: str) -> InlineCode:
    """The hashes of every inline script and style a page holds: what a finished page is checked against.

    Never the source of a policy (the build takes those from the templates, kb.build.theme_markup).
    """
    scripts = set()
    for match in _INLINE_SCRIPT.finditer(page):
        attributes = match.group("attributes")
        if _SRC.search(attributes):
            continue
        type_match = _TYPE.search(attributes)
        script_type = next((g for g in type_match.groups() if g is not None), "") if type_match else ""
        if html.unescape(script_type).strip().lower() in _SCRIPT_TYPES:
            scripts.add(hash_source(match.group("body")))
    styles = {hash_source(match.group("body")) for match in _INLINE_STYLE.finditer(page)}
    return InlineCode(frozenset(scripts), frozenset(styles))


def inline_attributes(page: str) -> list[str]:
    """Inline style and event-handler attributes, which a hash-based policy blocks."""
    found = [m.group(0) for m in _STYLE_ATTRIBUTE.finditer(page)]
    return found + [m.group(0) for m in _EVENT_ATTRIBUTE.finditer(page)]


def policy(code: InlineCode, *, for_header: bool = False) -> str:
    directives = {name: list(sources) for name, sources in BASE_DIRECTIVES.items()}
    directives["script-src"] += sorted(code.scripts)
    directives["style-src"] += sorted(code.styles)
    if for_header:
        directives |= {name: list(sources) for name, sources in HEADER_ONLY_DIRECTIVES.items()}
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


class NoHeadError(ValueError):
    pass


def add_policy(page: str, code: InlineCode) -> str:
    """The page with its policy at the top of <head>, before any script, allowing the inline ``code``.

    It goes right after <meta charset> when the page has one, which must stay
    within the first 1024 bytes. ``code`` is what the page's templates write
    (kb.build.theme_markup), never read from the page itself.
    """
    head = _HEAD.search(page)
    if head is None:
        raise NoHeadError("the page has no <head>, so no policy can be added")
    charset = _CHARSET.search(page, head.end())
    at = charset.end() if charset else head.end()
    # Quotes in the policy ('self', hashes) stay as written: only '"' must be escaped in the attribute.
    content = Markup(html.escape(policy(code), quote=False).replace('"', "&quot;"))
    return page[:at] + render("page_policy.html", policy=content, referrer=REFERRER_POLICY) + page[at:]


def headers_file_for(code: InlineCode) -> str:
    """The ``_headers`` file for pages whose inline code, all together, is ``code``."""
    lines = ["/*", f"  Content-Security-Policy: {policy(code, for_header=True)}"]
    lines += [f"  {name}: {value}" for name, value in OTHER_HEADERS.items()]
    return "\n".join(lines) + "\n"
