"""The scripts, styles and head elements a page may hold: those its templates write.

The security policy allows an inline script by its hash. Hashing what a
finished page holds would allow whatever reached the page as well: a
hand-written page's title, written into the navigation of every page as it
stands, once made its <script> trusted on 65 pages. So what may run is known
from the templates instead, never from the page.

Before Jinja compiles a template (Material's, or ours in overrides/), every
<script>, <style>, <meta>, <link> and <base> element its source writes is
wrapped in two marks (``TemplateMarks``), and so is the output of MkDocs'
``script_tag`` filter (the site's extra_javascript). The marks hold a secret
made for each build, which no content can know, so text that reaches a page
cannot pose as one of these elements.

``check_page`` then reads each finished page: it takes the marks out, hashes
the inline scripts and styles found between them for the policy, and reports
every such element outside the marks. Those are made inert (``<`` becomes
``&lt;``), so they never reach a reader even in the output of the failed
build; the build fails, naming the page.

Two kinds of template element are not trusted either:

- a script or style whose Jinja expressions read anything but the site's
  configuration and ``base_url`` (Material's redirect.html writes
  ``page.meta.location`` into a script): the page decides its text;
- a ``<meta http-equiv>``: the site's own, the policy, is added after this
  check (kb.build.csp), and no other is wanted (Material's redirect.html writes a
  ``refresh`` to ``page.meta.location``).

A marked element must also be one element: a page value written into one of
its attributes (``<meta name="description" content="{{ ... }}">``) cannot
close it and open another.

Limit: an element a template builds from strings (Material's icons.html
writes a <style> as "\\u003cstyle\\u003e" when custom admonition icons are
configured) carries no marks, so it fails the build until it is written out
in a template of ours.
"""

from __future__ import annotations

import functools
import html
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import jinja2
from jinja2 import nodes
from markupsafe import Markup

from kb.build.csp import InlineCode, hash_source

# What only the templates may write: elements that run or style code, or steer the page from its head.
GUARDED = ("script", "style", "meta", "link", "base")
# Names a trusted script or style may read: the site's configuration, and where the site's root is.
TRUSTED_NAMES = frozenset({"base_url", "config", "features", "lang", "_"})
SHOWN = 3  # foreign elements quoted per page
SHORT = 80  # characters of each

# Script types a browser runs; others (Material's application/json configuration) are data.
_SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})
# In template source. An opening tag's Jinja expressions hold no '>' in Material's
# templates or ours; a misread would leave an element unmarked, which fails the build.
_TEMPLATE_ELEMENT = re.compile(
    r"<(?P<raw>script|style)\b[^>]*>.*?</(?P=raw)\s*>|<(?:meta|link|base)\b[^>]*>", re.IGNORECASE | re.DOTALL
)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
# In a finished page: any start of a guarded element, however it is written (a browser
# ends a tag name at a space, '/' or '>'; anything longer is some other element).
_GUARDED_START = re.compile(r"<(?:script|style|meta|link|base)(?=[\s/>]|$)", re.IGNORECASE)
# One element, as a marked segment must be: attributes double-quoted, holding no '<' or '>'.
_ATTRIBUTES = r"(?P<attributes>(?:\s+[a-zA-Z][\w:-]*(?:=\"[^\"<>]*\")?)*)\s*/?"
_VOID_ELEMENT = re.compile(rf"<(?P<name>meta|link|base){_ATTRIBUTES}>", re.IGNORECASE)
_RAW_ELEMENT = re.compile(rf"<(?P<name>script|style){_ATTRIBUTES}>(?P<body>.*)</(?P=name)>", re.IGNORECASE | re.DOTALL)
_ATTRIBUTE = re.compile(r"([a-zA-Z][\w:-]*)(?:=\"([^\"]*)\")?")
# What would end a script or style body early, or change how a browser reads it.
_BODY_BREAK = re.compile(r"</?(?:script|style)|<!--", re.IGNORECASE)
# The Jinja expression with which a theme writes each extra_javascript file's <script src>.
_SCRIPT_TAG = re.compile(r"\{\{[^{}]*\|\s*script_tag\s*\}\}")


@dataclass(frozen=True)
class TemplateMarks:
    """The two marks around each element a template writes, with this build's secret in them."""

    secret: str = field(default_factory=lambda: secrets.token_hex(16))

    @property
    def start(self) -> str:
        return f"\ue000kb-template-{self.secret}\ue001"

    @property
    def end(self) -> str:
        return f"\ue000/kb-template-{self.secret}\ue001"

    def mark(self, element: str) -> str:
        return f"{self.start}{element}{self.end}"

    def mark_template(self, source: str, environment: jinja2.Environment) -> str:
        """A template's source with each element it writes marked, but for untrusted scripts and styles."""

        def marked(match: re.Match[str]) -> str:
            element = match.group(0)
            if match.group("raw") and not _reads_only_trusted_names(element, environment):
                return element
            return self.mark(element)

        return _TEMPLATE_ELEMENT.sub(marked, source)

    def mark_template_file(self, source: str) -> str:
        """A template file's source marked for any engine: its elements, and the extra scripts it writes.

        The site's own scripts (extra_javascript) are written by the engine's
        ``script_tag`` filter, so the expression that calls it is marked.
        """
        marked = self.mark_template(source, _parser())
        return _SCRIPT_TAG.sub(lambda match: self.mark(match[0]), marked)


@functools.cache
def _parser() -> jinja2.Environment:
    """An environment that only parses template source, to read the names an element's expressions use."""
    return jinja2.Environment(autoescape=True)


def _reads_only_trusted_names(element: str, environment: jinja2.Environment) -> bool:
    for expression in _JINJA.findall(element):
        try:
            parsed = environment.parse(expression)
        except jinja2.TemplateSyntaxError:
            return False  # part of a block that opens outside the element: not a fixed script
        names = {node.name for node in parsed.find_all(nodes.Name) if node.ctx == "load"}
        if not names <= TRUSTED_NAMES:
            return False
    return True


class MarkingLoader(jinja2.BaseLoader):
    """A template loader that marks the elements of each template it loads (see TemplateMarks)."""

    def __init__(self, inner: jinja2.BaseLoader, marks: TemplateMarks) -> None:
        self.inner = inner
        self.marks = marks

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str | None, Any]:
        source, filename, uptodate = self.inner.get_source(environment, template)
        return self.marks.mark_template(source, environment), filename, uptodate

    def list_templates(self) -> list[str]:
        return self.inner.list_templates()


def install_marks(environment: jinja2.Environment) -> TemplateMarks:
    """Make the theme's environment mark what its templates write; returns the marks to check pages with."""
    marks = TemplateMarks()
    assert environment.loader is not None
    environment.loader = MarkingLoader(environment.loader, marks)
    if environment.cache is not None:
        environment.cache.clear()
    script_tag: Callable[..., str] | None = environment.filters.get("script_tag")
    if script_tag is not None:
        # MkDocs writes each extra_javascript file's <script src> with this filter, not in a template.
        @jinja2.pass_context
        def marked_script_tag(context: Any, value: Any) -> Markup:
            return Markup(marks.mark(str(script_tag(context, value))))

        environment.filters["script_tag"] = marked_script_tag
    return marks


@dataclass(frozen=True)
class CheckedPage:
    """A finished page with the marks taken out, the hashes its policy allows, and what did not belong."""

    html: str
    code: InlineCode
    foreign: list[str]


def check_page(page: str, marks: TemplateMarks) -> CheckedPage:
    """The page without marks, foreign elements made inert, and the hashes of its templates' inline code."""
    scripts: set[str] = set()
    styles: set[str] = set()
    foreign: list[str] = []
    parts: list[str] = []
    for marked, segment in _segments(page, marks):
        if not marked:
            parts.append(_inert(segment, foreign))
            continue
        problem, hashed = _template_element(segment)
        if problem:
            foreign.append(problem)
            parts.append(_inert(segment, []))
        else:
            parts.append(segment)
            if hashed is not None:
                (scripts if segment[1:7].lower() == "script" else styles).add(hash_source(hashed))
    return CheckedPage("".join(parts), InlineCode(frozenset(scripts), frozenset(styles)), foreign)


def _segments(page: str, marks: TemplateMarks) -> Iterator[tuple[bool, str]]:
    """(marked, text) in page order. A mark without its pair is left in the text, which fails the check."""
    position = 0
    while (start := page.find(marks.start, position)) != -1:
        end = page.find(marks.end, start)
        if end == -1:
            break
        yield False, page[position:start]
        yield True, page[start + len(marks.start) : end]
        position = end + len(marks.end)
    yield False, page[position:]


def _inert(text: str, foreign: list[str]) -> str:
    """The text with every guarded element start made plain text, each noted in ``foreign``."""
    found = [match.start() for match in _GUARDED_START.finditer(text)]
    if not found:
        return text
    foreign += [f"'{_short(text[at : at + 4 * SHORT])}'" for at in found]
    return _GUARDED_START.sub(lambda match: "&lt;" + match.group(0)[1:], text)


def _template_element(segment: str) -> tuple[str | None, str | None]:
    """(problem, body to hash) for one marked segment: one whole element, and a trusted one."""
    void = _VOID_ELEMENT.fullmatch(segment)
    raw = None if void else _RAW_ELEMENT.fullmatch(segment)
    match = void or raw
    if match is None or (raw is not None and _BODY_BREAK.search(raw.group("body"))):
        return f"a template's element holds more than itself: '{_short(segment[: 4 * SHORT])}'", None
    attributes = {name.lower(): html.unescape(value or "") for name, value in _ATTRIBUTE.findall(match["attributes"])}
    if "http-equiv" in attributes:
        return f'<meta http-equiv="{_short(attributes["http-equiv"])}"> written by a template', None
    if raw is None or "src" in attributes:
        return None, None
    if raw["name"].lower() == "script" and attributes.get("type", "").strip().lower() not in _SCRIPT_TYPES:
        return None, None  # data, never run
    return None, raw["body"]


def _short(text: str, limit: int = SHORT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def listed(found: list[str], limit: int = SHOWN) -> str:
    shown = "; ".join(found[:limit])
    return shown + (f"; and {len(found) - limit} more" if len(found) > limit else "")
