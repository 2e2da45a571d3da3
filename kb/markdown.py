"""Small helpers for writing Markdown that links between pages."""

from __future__ import annotations

import html
import posixpath
import re
import secrets
from collections.abc import Callable
from urllib.parse import quote

from kb.codes import country_flag, country_name
from kb.urls import page_link

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!])")
# Characters a URL may hold as they are (RFC 3986 reserved and unreserved, and
# '%' for escapes already made); anything else is percent-encoded.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%-._~"
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")


def text(value: object) -> str:
    """Contributor text made inert: shown as written, never read as markup."""
    escaped = html.escape(str(value), quote=False)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escaped).replace("\n", " ")


def html_text(value: object) -> str:
    """Contributor text for inside an HTML block or attribute, where Markdown is not read.

    ``text`` backslash-escapes Markdown characters, which an HTML block would
    then show as written (``co\\_operation``); here only HTML is escaped.
    """
    return html.escape(str(value), quote=True).replace("\n", " ")


def url(value: str) -> str:
    """A web address made safe to put between < and > in Markdown: nothing in it can end the link."""
    return quote(value, safe=_URL_SAFE)


def autolink(value: str) -> str:
    """A web address or e-mail address shown as a link to itself; anything else shown as text."""
    if _EMAIL.match(value):
        return f"<{value}>"
    if re.match(r"^https?://", value):
        return f"<{url(value)}>"
    return text(value)


def relative(from_src: str, to_src: str) -> str:
    """A link from one page's source file to another's, as the site engine resolves it."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def link(label: str, from_src: str, to_src: str) -> str:
    return f"[{text(label)}]({relative(from_src, to_src)})"


def country_src(code: str) -> str:
    return f"countries/{code.lower()}.md"


def country_label(code: str) -> str:
    flag = country_flag(code)
    # The flag is decorative; screen readers get the name once, not "flag: Germany, Germany".
    return f'<span aria-hidden="true">{flag}</span> {text(country_name(code))}' if flag else text(country_name(code))


def country_label_html(code: str) -> str:
    flag = country_flag(code)
    name = html_text(country_name(code))
    return f'<span aria-hidden="true">{flag}</span> {name}' if flag else name


def country_link(code: str, from_src: str) -> str:
    flag = country_flag(code)
    name_link = f"[{text(country_name(code))}]({relative(from_src, country_src(code))})"
    return f'<span aria-hidden="true">{flag}</span> {name_link}' if flag else name_link


def heading(level: int, title: str) -> str:
    return f"{'#' * level} {text(title)}\n"


_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _sub_closed(pattern: re.Pattern[str], closer: str, replace: Callable[[re.Match[str]], str], text: str) -> str:
    """``pattern.sub`` over the text up to the last ``closer`` only.

    An opener with no closer after it would make the lazy pattern read on to
    the end from each one, the square of the text's length; past the last
    closer no opener can match, so that part is kept as it is.
    """
    end = text.rfind(closer)
    if end < 0:
        return text
    end += len(closer)
    return pattern.sub(replace, text[:end]) + text[end:]


def visible_body(body: str) -> str:
    """An entry's text as published: notes in HTML comments removed, and
    level-2 sections with nothing left under them dropped.

    New practices start with the recommended headings and a note under each;
    a heading the contributor leaves empty is then shown as not yet
    documented rather than as an empty section.
    """
    return "\n".join(_drop_empty_sections(_without_comments(body).split("\n")))


def _without_comments(body: str) -> str:
    """Comments removed outside code fences (a fence may show a comment as an example)."""
    if "<!--" not in body:
        return body
    chunks: list[str] = []
    outside: list[str] = []
    in_fence = False
    for line in body.split("\n"):
        if _FENCE.match(line):
            if not in_fence:
                chunks.append(_sub_closed(_COMMENT, "-->", lambda m: "", "\n".join(outside)))
                outside = []
            in_fence = not in_fence
            chunks.append(line)
            continue
        if in_fence:
            chunks.append(line)
        else:
            outside.append(line)
    chunks.append(_sub_closed(_COMMENT, "-->", lambda m: "", "\n".join(outside)))
    return "\n".join(chunks)


def mask_comments(body: str) -> str:
    """The body with the comments ``visible_body`` removes blanked out, every other character in its place.

    The validator reads entry text through this, so that it judges what is
    published and still reports each problem at its line and column.
    """
    if "<!--" not in body:
        return body
    lines: list[str] = []
    outside: list[str] = []
    in_fence = False

    def flush() -> None:
        if outside:
            text = _sub_closed(_COMMENT, "-->", lambda m: re.sub(r"[^\n]", " ", m.group(0)), "\n".join(outside))
            lines.extend(text.split("\n"))
            outside.clear()

    for line in body.split("\n"):
        if _FENCE.match(line) or in_fence:
            flush()
            lines.append(line)
            if _FENCE.match(line):
                in_fence = not in_fence
        else:
            outside.append(line)
    flush()
    return "\n".join(lines)


def _drop_empty_sections(lines: list[str]) -> list[str]:
    kept: list[str] = []
    section: list[str] = []
    in_fence = False
    for line in [*lines, "## "]:  # a sentinel heading closes the last section
        if _FENCE.match(line):
            in_fence = not in_fence
        if not in_fence and line.startswith("## "):
            if not section or any(text.strip() for text in section[1:]) or not section[0].startswith("## "):
                kept += section
            section = [line]
        else:
            section.append(line)
    return kept


# HTML twins of the helpers above, for blocks written as HTML: Python-Markdown
# passes a raw HTML block through untouched, which costs a fraction of parsing
# the same links as Markdown on every page (see the profile in kb/entry_pages.py).


def html_link(label: str, from_src: str, to_src: str) -> str:
    return f'<a href="{html.escape(page_link(from_src, to_src))}">{html_text(label)}</a>'


def country_link_html(code: str, from_src: str) -> str:
    flag = country_flag(code)
    name_link = html_link(country_name(code), from_src, country_src(code))
    return f'<span aria-hidden="true">{flag}</span> {name_link}' if flag else name_link


# Generated HTML blocks, marked so a site engine can keep them away from its
# Markdown parser: Python-Markdown reads raw HTML with html.parser, which cost
# more than the Markdown itself on pages with a profile and long practice lists.
# The marks are private-use characters; pages are checked by the sanitiser after
# the blocks are put back, so a mark written into content could not smuggle markup.
_BLOCK_START = "\ue000kb-html\ue001"
_BLOCK_END = "\ue000/kb-html\ue001"
_BLOCK = re.compile(re.escape(_BLOCK_START) + "(.*?)" + re.escape(_BLOCK_END), re.DOTALL)


def html_block(markup: str) -> str:
    """Generated HTML as a block of its own in a Markdown page."""
    return f"\n{_BLOCK_START}{markup.strip()}{_BLOCK_END}\n\n" if markup.strip() else ""


class HeldHtml:
    """A Markdown page with its HTML blocks held out, and put back after rendering."""

    def __init__(self, markdown: str) -> None:
        # A fresh token per page: text in the page cannot know it, so it cannot pose as a block.
        self._token = "kbheld" + secrets.token_hex(8)
        self.blocks: list[str] = []
        self.markdown = _sub_closed(_BLOCK, _BLOCK_END, self._hold, markdown)

    def _hold(self, match: re.Match[str]) -> str:
        self.blocks.append(match[1])
        # An empty HTML element: Markdown sets raw HTML blocks aside before reading
        # the rest, so a list or definition around it can never take it in (a
        # paragraph in its place became a definition list's term).
        return f'\n\n<div class="{self._token}x{len(self.blocks) - 1}"></div>\n\n'

    def fill(self, rendered: str) -> str:
        """The rendered page with each block in place of its placeholder."""
        placed: list[int] = []

        def put_back(match: re.Match[str]) -> str:
            placed.append(int(match[1]))
            return self.blocks[int(match[1])]

        filled = re.sub(rf'<div class="{self._token}x(\d+)"></div>', put_back, rendered)
        if sorted(placed) != list(range(len(self.blocks))) or self._token in filled:
            raise ValueError("generated HTML blocks were not all put back in place; please report this as a bug")
        return filled


def inline_html_blocks(markdown: str) -> str:
    """The page as plain Markdown, its generated HTML blocks left in as raw HTML."""
    return _sub_closed(_BLOCK, _BLOCK_END, lambda match: match[1], markdown)
