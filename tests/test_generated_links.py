"""Generated HTML with links reaches the engine only inside html_block, never in the page's Markdown.

An engine may rewrite the URLs it finds in a page's Markdown, raw HTML
included (Zensical rewrites relative URLs there as if they were relative to
the source file), while generated links are already relative to the built
page. So the generated source (kb.build.source_tree) holds every generated
link in a block the engine never reads, and its Markdown has no ``href=`` or
``src=`` left, apart from links to a place on the same page (``href="#..."``,
the source markers in an entry's text), which no rewriting changes.
"""

from __future__ import annotations

import re
from pathlib import Path

from kb.build.engines import ENGINES
from kb.build.source_tree import generate_source
from kb.core.markdown import HeldHtml, code_span_ranges, find_fences, html_block
from kb.render.open_data import Stamp
from tests.support.golden import LINKS, fixture_kb, rendered_files
from tests.support.repo import fixture_layout

# href= or src= with any value but a same-page fragment.
URL_ATTRIBUTE = re.compile(r"""\b(?:href|src)\s*=\s*(?!["']?#)""", re.IGNORECASE)


def urls_in_markdown(markdown: str) -> list[str]:
    """The lines of the Markdown, outside its HTML blocks and code, that carry an href= or src=."""
    lines = HeldHtml(markdown).markdown.split("\n")
    prose = "\n".join("" if code else line for line, code in zip(lines, find_fences(lines).code, strict=True))
    for start, end in reversed(code_span_ranges(prose)):
        prose = prose[:start] + " " * (end - start) + prose[end:]  # `<img src=x>` shown as code is no link
    return [line for line in prose.split("\n") if URL_ATTRIBUTE.search(line)]


def test_a_link_outside_a_block_is_found_and_one_inside_is_not() -> None:
    link = '<p><a href="../x/">x</a> <img src="a.png" alt=""></p>'
    assert urls_in_markdown("# Page\n\n" + link + "\n") == [link]
    assert urls_in_markdown("# Page\n" + html_block(link)) == []
    assert urls_in_markdown('A marker<sup><a href="#source-1">1</a></sup> and [Markdown](x.md)\n') == []
    assert urls_in_markdown("Code: `<img src=x>`\n\n```html\n<a href=x>\n```\n") == []


def test_every_rendered_page_keeps_its_links_in_html_blocks() -> None:
    # Pages, and the home page's generated part (the footers are put into a block by the build).
    pages = {name: text for name, text in rendered_files(fixture_kb()).items() if name.endswith((".md", "(overview)"))}
    assert len(pages) > 50, "too few pages to say anything"
    found = {name: lines for name, text in pages.items() if (lines := urls_in_markdown(text))}
    assert found == {}, "generated HTML with a link outside html_block"


def test_the_generated_source_has_no_url_in_its_markdown(tmp_path: Path) -> None:
    tree = generate_source(
        fixture_kb(),
        fixture_layout(),
        LINKS,
        Stamp("2029-01-10"),
        ENGINES["mkdocs"]().theme_templates(),
        tmp_path,
        secret="0" * 32,
    )
    pages = sorted(tree.docs_dir.rglob("*.md"))
    assert len(pages) > 50, "the generated source has too few pages to say anything"
    found = {
        path.relative_to(tree.docs_dir).as_posix(): lines
        for path in pages
        if (lines := urls_in_markdown(path.read_text(encoding="utf-8")))
    }
    assert found == {}, "generated HTML with a link in the Markdown an engine reads"
