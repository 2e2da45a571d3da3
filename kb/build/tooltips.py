"""Link titles are text: what a tooltip shows is never read as HTML.

Material's ``content.tooltips`` shows an element's ``title`` in its own
tooltip by adding the value to the tooltip's ``innerHTML``. A title is an
attribute, so the browser has decoded it first: a Markdown title written as
``"&lt;meta http-equiv=refresh ...&gt;"`` reaches the tooltip as a
``<meta>`` element, and hovering the link redirects the reader.

``text_only_titles`` rewrites every such title in a page's content so that
its decoded value is the title escaped as HTML: the tooltip then shows the
text as written. Only titles that decode to something holding ``<`` change
(nothing else can make an element in ``innerHTML``); without JavaScript the
browser's own tooltip shows such a title with its escapes, which is the
price of a title no valid entry has (KB431). The sanitiser refuses any title
that still holds ``<`` afterwards (kb.core.html_policy), so a tag this module could
not read fails the build rather than reaching a tooltip.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from kb.core.html_policy import shows_markup

# A title attribute whose value could decode to '<': it holds '<' itself, or a character reference.
_MAYBE_MARKUP_TITLE = re.compile(
    r"""title[\t\n\f\r ]*=[\t\n\f\r ]*(?:"[^"]*[<&][^"]*"|'[^']*[<&][^']*'|[^\t\n\f\r >]*[<&])""", re.IGNORECASE
)


def text_only_titles(markup: str) -> str:
    """The markup with each title that would make markup in a tooltip escaped once more."""
    if not _MAYBE_MARKUP_TITLE.search(markup):
        return markup  # the common case: no title holds '<' or a character reference
    rewriter = _TitleRewriter(markup)
    rewriter.feed(markup)
    rewriter.close()
    return rewriter.result()


class _TitleRewriter(HTMLParser):
    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self._markup = markup
        self._line_starts = [0] + [match.end() for match in re.finditer(r"\n", markup)]
        self._replacements: list[tuple[int, int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._rewrite(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._rewrite(tag, attrs, closed=True)

    def _rewrite(self, tag: str, attrs: list[tuple[str, str | None]], *, closed: bool) -> None:
        if not any(name == "title" and value and shows_markup(value) for name, value in attrs):
            return
        text = self.get_starttag_text() or ""
        line, column = self.getpos()
        start = self._line_starts[line - 1] + column
        parts = [f"<{tag}"]
        for name, value in attrs:
            if value is None:
                parts.append(f" {name}")
                continue
            if name == "title" and shows_markup(value):
                value = html.escape(value, quote=False)  # what innerHTML must be given to show the text
            parts.append(f' {name}="{html.escape(value, quote=True)}"')
        self._replacements.append((start, start + len(text), "".join(parts) + (" />" if closed else ">")))

    def result(self) -> str:
        pieces: list[str] = []
        position = 0
        for start, end, replacement in self._replacements:
            pieces += [self._markup[position:start], replacement]
            position = end
        pieces.append(self._markup[position:])
        return "".join(pieces)
