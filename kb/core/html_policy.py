"""The HTML a content page may hold, and what a sanitiser would take out of it.

The validator refuses raw HTML, unsafe links and attribute lists in entry
text, so a page's rendered HTML should hold only what Python-Markdown, our
page generators and Material produce. This module is the second line of
defence: ``nh3`` (ammonia, which parses HTML as browsers do) cleans the HTML
with an allowlist, and ``unsafe_markup`` says what cleaning removed. The build
fails on any removal rather than publishing a silently changed page: a removal
means the validator missed something.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

from kb.core.markdown import ADMONITION_TYPES

# Exactly the markup our pages need: Python-Markdown (paragraphs, lists,
# tables, definition lists, code), admonitions, toc permalinks, and our own
# generated markup (profile, lead, source markers and the numbered source
# list they link to, "not yet documented" markers, the browse
# and search containers, the statistics tables, the SVG charts, tile map and QR codes).
SVG_TAGS = frozenset({"svg", "g", "title", "desc", "rect", "text", "path"})
ALLOWED_TAGS = SVG_TAGS | frozenset(
    {
        "a",
        "abbr",
        "blockquote",
        "br",
        "code",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "img",
        "li",
        "nav",
        "ol",
        "p",
        "pre",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
GENERIC_ATTRIBUTES = frozenset({"class", "title", "aria-hidden", "aria-label"})
TAG_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "target", "aria-current"}),  # aria-current: the browse pages' page links
    "img": frozenset({"src", "alt"}),
    "ol": frozenset({"start"}),
    # Tables align columns with align="..." (tables: use_align_attribute), not
    # style="...", so no style attribute and no 'unsafe-inline' style policy.
    "th": frozenset({"align", "scope"}),
    "td": frozenset({"align"}),
    **{f"h{level}": frozenset({"id"}) for level in range(1, 7)},
    # Where the browse and search scripts find their data (kb.render.browse, kb.render.search_index),
    # what search leaves out (the source footer), and which practice a list item is.
    # data-pagefind-ignore: parts of a page that are about other pages (related practices,
    # collections), repeat it (the citation) or are the site's notices about it (out of date,
    # not yet documented), which search should not find it by.
    "div": frozenset({"data-kb-browse", "data-kb-search-page", "role", "data-pagefind-ignore"}),
    "ul": frozenset({"data-pagefind-ignore"}),
    # A Browse card's rows: which facet each shows (browse.js fills them), hidden when empty
    # (kb/render/templates/browse_card.html).
    "dt": frozenset({"hidden"}),
    "dd": frozenset({"data-kb-facet", "hidden"}),
    "p": frozenset({"data-pagefind-ignore", "hidden"}),  # hidden: a marker the field reference styles by
    # id: a page's numbered source list, which the text's markers link to (kb.render.marker_links).
    "li": frozenset({"data-practice", "id"}),
    # Anchors of the field reference's rule list (kb.render.field_reference).
    "span": frozenset({"id"}),
    # Charts and the tile map: shapes, labels, and ids their captions point to.
    "figure": frozenset({"id"}),
    "svg": frozenset({"role", "aria-labelledby", "viewBox", "preserveAspectRatio", "shape-rendering"}),
    "title": frozenset({"id"}),
    "desc": frozenset({"id"}),
    "rect": frozenset({"x", "y", "width", "height", "rx"}),
    "text": frozenset({"x", "y", "text-anchor"}),
    # QR codes on collection handouts (kb.render.qr): one path drawn with a stroke.
    "path": frozenset({"d", "stroke"}),
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Ids are heading anchors the toc extension writes and our charts' own; a contributor id
# such as "__config" could otherwise shadow an element the theme looks up.
# The toc extension names a heading with no Latin letters "_1", "_2"... (and "-->" "-"); ids
# starting "__" are Material's own (__config, __drawer), which one could shadow.
HEADING_ID = re.compile(r"^(?!__)[a-z0-9_-]+$")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]")  # what browsers strip or skip when reading a URL


def url_scheme(url: str) -> str | None:
    """The scheme a browser would see in an attribute value, or None if relative.

    Entities are decoded and control characters and spaces removed first, as
    browsers do, so ``&#106;avascript:`` and ``java\\tscript:`` both read as
    ``javascript``.
    """
    decoded = _IGNORED_IN_URL.sub("", html.unescape(url)).lower()
    match = _SCHEME.match(decoded)
    return match.group(1) if match else None


def is_other_host(url: str) -> bool:
    """True for an absolute or protocol-relative URL: one that may leave the site."""
    decoded = _IGNORED_IN_URL.sub("", html.unescape(url)).replace("\\", "/")
    return url_scheme(url) is not None or decoded.startswith("//")


def shows_markup(title: str) -> bool:
    """True when a decoded title would make an element if added to innerHTML.

    Material's tooltips add a title to innerHTML (kb.build.tooltips), so such a
    title is refused in entry text (KB431) and taken out by the sanitiser.
    """
    return "<" in title


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and is_other_host(value):
        return None  # an image from another host would tell it about every visitor
    if attribute == "id" and not HEADING_ID.match(value):
        return None
    if attribute == "title" and shows_markup(value):
        return None  # the theme's tooltips would read it as HTML (kb.build.tooltips)
    if attribute == "class" and "admonition" in value.split() and not is_admonition_class(value):
        return None  # another class on an admonition could hide or restyle its text (KB432)
    return value


def is_admonition_class(value: str) -> bool:
    """An admonition's classes: 'admonition' and one known type, as Python-Markdown writes them."""
    classes = value.split()
    return len(classes) == 2 and classes[0] == "admonition" and classes[1] in ADMONITION_TYPES


def clean(markup: str) -> str:
    """The markup with everything outside the allowlist removed."""
    return nh3.clean(
        markup,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={"*": set(GENERIC_ATTRIBUTES), **{tag: set(names) for tag, names in TAG_ATTRIBUTES.items()}},
        attribute_filter=_filter_attribute,
        strip_comments=True,
        link_rel=None,
        url_schemes=set(URL_SCHEMES),
    )


@dataclass(frozen=True)
class Removal:
    """One thing the sanitiser took out, in words, and a piece of text to find it by in the source."""

    description: str
    needle: str = ""

    def __str__(self) -> str:
        return self.description


def unsafe_markup(markup: str) -> list[Removal]:
    """What ``clean`` would remove from the markup; empty when it is safe as it is.

    Both sides are compared as token streams, so differences in how the two
    serialisers write the same HTML (``<br />`` or ``<br>``, ``&#60;`` or
    ``&lt;``) do not count.
    """
    cleaned = clean(markup)
    if _spelled_alike(cleaned) == _spelled_alike(markup):
        return []  # the common case, decided without tokenising either side
    before = html_tokens(markup)
    after = html_tokens(cleaned)
    if before == after:
        return []
    removals: list[Removal] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if operation == "equal":
            continue
        removed = before[a_start:a_end]
        kept = after[b_start:b_end]
        removals += _describe(removed, kept)
    return removals or [Removal("the markup changes when sanitised")]


# How the two serialisers may spell the same HTML differently: html5ever writes
# characters where Python-Markdown writes references (&para; or ¶), and
# boolean attributes with an empty value (hidden or hidden="").


def _spelled_alike(markup: str) -> str:
    """The markup with spelling differences that never change its meaning evened out.

    Equal results mean the sanitiser removed nothing: it only ever drops
    elements, attributes and comments, and each of those leaves a difference
    that no respelling here can hide. Unequal results are compared token by
    token, which decides.
    """
    # str.replace, not a pattern such as r"\s*/>": that tries every position of the page.
    return html.unescape(markup).replace('=""', "").replace(" />", ">").replace("/>", ">")


Token = tuple[str, str, tuple[tuple[str, str], ...]]


def _describe(removed: list[Token], kept: list[Token]) -> list[Removal]:
    kept_starts = {(t[1]): dict(t[2]) for t in kept if t[0] == "start"}
    found = []
    for kind, name, attributes in removed:
        if kind == "start" and name in kept_starts:
            survivors = kept_starts[name]
            for attribute, value in attributes:
                if survivors.get(attribute) != value:
                    found.append(Removal(f'attribute {attribute}="{_short(value)}" on <{name}>', value))
        elif kind == "start":
            attributes_text = "".join(f' {a}="{_short(v)}"' for a, v in attributes)
            found.append(Removal(f"element <{name}>" + attributes_text, f"<{name}"))
        elif kind == "comment":
            found.append(Removal(f"comment <!--{_short(name)}-->", "<!"))
        elif kind == "text" and not any(t[0] == "text" for t in kept):
            found.append(Removal(f"text '{_short(name)}'", name))
    return found


def _short(value: str, limit: int = 60) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "base", "source", "embed"})


class _Tokeniser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[Token] = []
        self._after_pre = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tokens.append(("start", tag, tuple(sorted((name, value or "") for name, value in attrs))))
        self._after_pre = tag == "pre"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID:
            self.tokens.append(("end", tag, ()))
        self._after_pre = False

    def handle_data(self, data: str) -> None:
        if self._after_pre:
            data = data.removeprefix("\n")  # HTML drops a newline right after <pre>
            self._after_pre = False
        if not data:
            return
        if self.tokens and self.tokens[-1][0] == "text":
            data = self.tokens.pop()[1] + data
        self.tokens.append(("text", data, ()))

    def handle_comment(self, data: str) -> None:
        self.tokens.append(("comment", data, ()))

    def handle_decl(self, decl: str) -> None:
        self.tokens.append(("comment", decl, ()))

    def handle_pi(self, data: str) -> None:
        self.tokens.append(("comment", data, ()))

    def unknown_decl(self, data: str) -> None:
        self.tokens.append(("comment", data, ()))


def html_tokens(markup: str) -> list[Token]:
    tokeniser = _Tokeniser()
    tokeniser.feed(markup)
    tokeniser.close()
    return tokeniser.tokens
