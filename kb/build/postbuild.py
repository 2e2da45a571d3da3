"""Step 5 and 6 of the build: fill the pages an engine wrote, check every one, and index them.

Whatever the engine, the site it wrote is read back here:

1. each page is identified by its placeholders' token (kb.build.source_tree),
   and its generated blocks are put back in place, each exactly once;
2. the page's content, between its two fences, passes the allowlist and, for
   an entry, shows its title and every word of its text (kb.build.page_checks,
   in a child process on the other core);
3. no contributor text shows unescaped anywhere in the finished page;
4. it holds only the scripts, styles and head elements its templates write
   (kb.build.theme_markup), and gets its Content-Security-Policy; the union
   of all pages' inline code goes into ``_headers``;
5. every link in a page's content leads to a file of the site, and every
   ``#anchor`` to an element of that page (kb.build.link_check);
6. Pagefind indexes each page's content, in shards of a bounded size
   (kb.build.pagefind_service).

Any HTML file the generator did not ask for fails the build, naming it:
only the theme's own 404 page may stand beside ours.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kb.build.csp import InlineCode, add_policy, headers_file_for
from kb.build.link_check import LinkCheck
from kb.build.page_checks import PageCheckError, PageChecks
from kb.build.pagefind_service import PagefindError, SearchIndex, start_search_index
from kb.build.published import unpublished
from kb.build.source_tree import HTML_SUFFIXES, SourcePage, SourceTree
from kb.build.theme_markup import check_page, listed
from kb.build.theme_meta import leaked_text
from kb.build.tooltips import text_only_titles
from kb.core.markdown import fill_inline_slots
from kb.core.urls import HEADERS_FILE, SEARCH_BUNDLE_DIR
from kb.model.knowledge_base import KnowledgeBase
from kb.render.search_index import SearchDescription, describe_page, search_document, search_url, wrap_for_search

THEME_PAGES = frozenset({"404.html"})  # written by the theme alone, from no source page


class PostBuildError(Exception):
    """The site the engine wrote fails a check; ``problems`` says where, one sentence each."""

    def __init__(self, heading: str, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        super().__init__(heading + ":\n" + "\n".join(self.problems))


@dataclass
class _Findings:
    """What one run of the post-build step found and allowed; lives as long as that run."""

    inline: InlineCode = field(default_factory=InlineCode)
    foreign: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)


def html_files(site: Path) -> list[str]:
    """Every file of the site a host would serve as a page, relative to it."""
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.suffix.lower() in HTML_SUFFIXES)


@dataclass(frozen=True)
class Finished:
    """What finishing one edition's site gives the build: its pages in the search index, and the inline
    code its pages hold, which the one ``_headers`` file of the whole site allows."""

    search_pages: int
    inline: InlineCode


@dataclass(frozen=True)
class WholeSite:
    """For an edition in another language: the original edition's finished site, and where this
    edition stands in it (``de/``). Links out of the edition are judged there."""

    site: Path
    prefix: str


def finish_site(
    tree: SourceTree,
    site: Path,
    kb: KnowledgeBase,
    *,
    only: frozenset[str] | None = None,
    arriving: Iterator[str] | None = None,
    whole: WholeSite | None = None,
) -> Finished:
    """Fill, check and index the site at ``site``, one edition in ``kb.language``.

    ``only``: the HTML files an incremental build rewrote (kb.build.preview);
    just those are finished and checked, and the search index is left as it is.
    ``arriving``: the HTML files in the order the engine finishes them, while
    it still runs (kb.build.pipeline), so that this work uses the other core;
    every file it does not name is finished after it ends. ``whole``: where the
    edition goes in the whole site, when it is not the original (then the
    build writes ``_headers`` once, for every edition).
    """
    by_dest = tree.page_for_dest()
    checks = PageChecks(tree.expected)
    search: SearchIndex | None = None
    try:
        search = start_search_index(site / SEARCH_BUNDLE_DIR, language=kb.language) if only is None else None
        found = _Findings()
        links = LinkCheck(site, whole.site if whole else None, whole.prefix if whole else "")
        done: set[str] = set()
        for name in _in_turn(site, only, arriving, done):
            if name not in by_dest and name not in tree.redirect_pages and name not in THEME_PAGES:
                continue  # refused below, with every other such file
            done.add(name)
            path = site / name
            if name in tree.redirect_pages:
                _check_redirect(tree, name, path)
                continue
            page = by_dest.get(name)
            description = describe_page(kb, page.src_uri) if page is not None else None
            text = _finish_page(tree, page, description, name, path.read_text(encoding="utf-8"), checks, found)
            path.write_text(text, encoding="utf-8")
            if page is not None and search is not None:
                content = _content_of(text)
                links.add_page(name, text, content)
                if content is not None and description is not None:
                    search.add_page(search_url(name), search_document(content, kb.language))
        if only is None:
            _check_files(tree, site, done)
        if search is not None:
            # Pagefind writes its (last) bundle on the other process while this one finishes the checks.
            search.start_writing()
        unsafe, missing = checks.problems()
        _raise_if(unsafe, "pages hold markup the site does not publish")
        # Before the foreign elements: a leak names its cause, the theme writing contributor text as it stands.
        _raise_if(found.leaks, "the finished page shows contributor text unescaped, so the theme let markup through")
        _raise_if(
            found.foreign,
            "pages hold scripts, styles or head elements (<meta>, <link>, <base>) that the site's templates do "
            "not write; they were made plain text, and their text must be escaped where it is written into the "
            "page. Please report this as a bug",
        )
        _raise_if(found.broken, "pages could not be finished")
        _raise_if(missing, "content was lost in the build")
        if search is None:
            return Finished(0, found.inline)
        _raise_if(links.problems(), "links in the site lead nowhere")
        if whole is None:
            write_headers(site, found.inline)
        return Finished(search.finish_writing(), found.inline)
    except PagefindError as error:
        raise PostBuildError("the search index could not be built", [str(error)]) from None
    except PageCheckError as error:
        raise PostBuildError("the page checks stopped", [str(error)]) from None
    finally:
        if search is not None:
            search.close()
        checks.cancel()


def write_headers(site: Path, inline: InlineCode) -> None:
    """The host's ``_headers`` file at the site's root: the policy for every page's inline code."""
    (site / HEADERS_FILE).write_text(headers_file_for(inline), encoding="utf-8")


def _in_turn(site: Path, only: frozenset[str] | None, arriving: Iterator[str] | None, done: set[str]) -> Iterator[str]:
    """The files to finish: those ``arriving`` names as the engine writes them, then every other one."""
    if only is not None:
        yield from sorted(only & set(html_files(site)))
        return
    if arriving is not None:
        yield from arriving
    yield from (name for name in html_files(site) if name not in done)


def _check_files(tree: SourceTree, site: Path, done: set[str]) -> None:
    """No HTML file is published unchecked, no source page is missing, and none was rewritten once finished."""
    written = html_files(site)
    stray = sorted(set(written) - set(tree.page_for_dest()) - tree.redirect_pages - THEME_PAGES)
    _raise_if(
        [f"{name} (pages are written in Markdown; delete such files from docs/)" for name in stray],
        "HTML files would be published as they stand, without the site's policy",
    )
    _raise_if(
        unpublished(sorted(tree.pages), {src: page.dest_uri for src, page in tree.pages.items()}, site),
        "content was lost in the build",
    )
    rewritten = [
        f"{name}: the engine wrote it again after it was finished"
        for name in sorted(done - tree.redirect_pages)
        if _POLICY_MARK not in (site / name).read_bytes()[:_HEAD_BYTES]
    ]
    _raise_if(rewritten, "pages could not be finished")


_POLICY_MARK = b'http-equiv="Content-Security-Policy"'
_HEAD_BYTES = 8192  # the policy is the first element after <meta charset> (kb.build.csp)


def _finish_page(
    tree: SourceTree,
    page: SourcePage | None,
    description: SearchDescription | None,
    name: str,
    text: str,
    checks: PageChecks,
    found: _Findings,
) -> str:
    """One HTML file the engine wrote, filled and checked, with its policy; marked for search if described."""
    source = f"docs/{page.src_uri}" if page else f"the theme's page {name}"
    if page is not None:
        try:
            before, content, after = _filled(page, text)
        except ValueError as error:
            found.broken.append(f"{source} (published as {name}): {error}")
            return text
        content = text_only_titles(content)  # the theme's tooltips show titles as HTML
        checks.check_content(page.src_uri, content)
        if description is not None:
            content = wrap_for_search(content, description)
        text = before + _CONTENT_START + content + _CONTENT_END + after
    leaks = leaked_text(text, tree.markup_like_text)
    if leaks:
        found.leaks.append(f"{source}: {leaks[0]!r}. Please report this as a bug")
    checked = check_page(text, tree.marks)
    if checked.foreign:
        found.foreign.append(f"{source} (published as {name}): {listed(checked.foreign)}")
    found.inline |= checked.code
    finished = add_policy(checked.html, checked.code)
    if page is not None and page.src_uri in tree.expected:
        # An entry's content, as published: the rest of the page is the theme's, and cannot hold its text.
        published = _content_of(finished)
        checks.check_page(page.src_uri, published if published is not None else finished)
    return finished


# Where a page's content stands in the finished file: the fences, kept as empty comments the index and checks find.
_CONTENT_START = "<!--kb-content-->"
_CONTENT_END = "<!--/kb-content-->"


def _filled(page: SourcePage, text: str) -> tuple[str, str, str]:
    """The page before its content, its content with each block in place of its placeholder, and after."""
    begin, end = page.slot("begin"), page.slot("end")
    if text.count(begin) != 1 or text.count(end) != 1 or text.index(begin) > text.index(end):
        raise ValueError(
            "it does not hold this page's fences once each, in order: the engine dropped them, "
            "or this file holds another page"
        )
    before, rest = text.split(begin)
    content, after = rest.split(end)
    for index, block in enumerate(page.blocks):
        slot = page.slot(index)
        if content.count(slot) != 1:
            raise ValueError(f"the engine wrote generated block {index} {content.count(slot)} times, not once")
        content = content.replace(slot, block)
    content = fill_inline_slots(content, page.inline_token, page.inlines)
    if f'data-kb-slot="{page.token}' in before + content + after or page.inline_token in before + after:
        raise ValueError("a placeholder is left that the page does not have: please report this as a bug")
    return before, content, after


def _content_of(text: str) -> str | None:
    """A finished page's content, between the marks that stand where its fences were."""
    start = text.find(_CONTENT_START)
    end = text.find(_CONTENT_END)
    return text[start + len(_CONTENT_START) : end] if 0 <= start < end else None


def _check_redirect(tree: SourceTree, name: str, path: Path) -> None:
    if path.read_bytes() != tree.files[name]:
        raise PostBuildError("the engine changed a redirect page", [f"{name} is not the page the build generated"])


def _raise_if(problems: list[str], heading: str) -> None:
    if problems:
        raise PostBuildError(heading, problems)
