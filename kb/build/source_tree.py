"""Step 3 of the build: the complete site source that an engine renders, and its manifest.

Every page is written as Markdown with its title (and an entry's summary) in
front matter, HTML-escaped (kb.build.theme_meta), and nothing else the theme
could act on. Generated HTML never passes through the engine's Markdown: an
engine may rewrite what it finds there (Zensical rewrites relative URLs in raw
HTML as if they were relative to the source file), so each generated block
stands in the page as an empty placeholder ``<div data-kb-slot="TOKEN-N">``
and the post-build step (kb.build.postbuild) puts it back. Two more
placeholders, ``TOKEN-begin`` and ``TOKEN-end``, fence the page's content:
what lies between them is what the allowlist and the search index read. The
token is fresh for each page and build, so contributor text cannot pose as a
placeholder, and it tells the post-build step which page a file holds.

Data files, the feed, redirect pages and assets are written as they are.
Only files whose bytes changed are written, and files no longer generated are
removed, so an engine's incremental build (``--dirty``, a cache) redoes only
what changed.
"""

from __future__ import annotations

import dataclasses
import hmac
import json
import re
import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from kb.build.csp import InlineCode, add_policy
from kb.build.editions import Edition
from kb.build.published import Expected
from kb.build.theme_markup import TemplateMarks
from kb.build.theme_meta import template_meta, theme_meta
from kb.checks.body_rules import strings_in
from kb.checks.site_files import hand_written_pages, is_build_place, walk_docs
from kb.content.discovery import Layout
from kb.content.pages import PAGE_SCHEMA, load_page, page_fields
from kb.content.speech import Speech
from kb.content.translations import is_translation_place
from kb.core.markdown import HeldHtml, html_block, inline_slot
from kb.core.two_cores import on_two_cores
from kb.core.urls import OPEN_DATA_SRC, SCRIPT_WORDS_PATH
from kb.model.knowledge_base import KnowledgeBase
from kb.model.related import prepare_related
from kb.render.browse import browse_data_files
from kb.render.contributor_pages import (
    BODY_SECTIONS_MARKER,
    EVIDENCE_LEVELS_MARKER,
    contributor_pages,
    render_body_sections,
    render_evidence_levels,
)
from kb.render.entry_pages import render_entry_page
from kb.render.home_page import HOME_PAGE_MARKER, render_home_page
from kb.render.open_data import Stamp, open_data_files, render_open_data_page
from kb.render.overview_pages import HOME_OVERVIEW_MARKER, generate_pages, render_home_overview
from kb.render.redirect_pages import redirect_files
from kb.render.script_words import script_words
from kb.render.source_links import SourceLinks, source_footer
from kb.render.translation_notices import untranslated_page_notice

# Generated parts of hand-written pages, each in place of its marker comment.
MARKERS: Mapping[str, Callable[[KnowledgeBase, str], str]] = {
    HOME_PAGE_MARKER: render_home_page,
    HOME_OVERVIEW_MARKER: render_home_overview,
    EVIDENCE_LEVELS_MARKER: render_evidence_levels,
    BODY_SECTIONS_MARKER: render_body_sections,
}
# What a generated page's own front matter may steer: the bare template of handouts, hidden sidebars.
GENERATED_META = ("template", "hide")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)
_FIRST_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_INLINE_MARKUP = re.compile(r"[*_`]")
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xht", ".shtml"})  # what a host serves as a page


class SourceError(Exception):
    """The generator would write something it must not: a bug, named with its file."""


@dataclass(frozen=True)
class SourcePage:
    """One page of the generated source: where the engine will write it, and what fills it."""

    src_uri: str
    dest_uri: str
    token: str
    blocks: tuple[str, ...]
    source_path: str | None  # the file a reader edits, None for a generated page
    inlines: tuple[str, ...] = ()  # generated HTML within lines of text: source markers

    def slot(self, name: str | int) -> str:
        return f'<div data-kb-slot="{self.token}-{name}"></div>'

    @property
    def inline_token(self) -> str:
        """What the words standing for the page's inline pieces start with (kb.core.markdown.inline_slot)."""
        return f"kb{self.token}"


@dataclass(frozen=True)
class SourceTree:
    """The generated source, as the engine will read it and the post-build step will check it."""

    root: Path  # holds the engine's config, docs/ and overrides/
    pages: Mapping[str, SourcePage]  # by src_uri
    files: Mapping[str, bytes]  # site path -> exact bytes: data, feed, redirect pages, assets, images
    redirect_pages: frozenset[str]  # HTML files of ours, written whole with their policy
    expected: Mapping[str, Expected]  # what each entry's page must show
    markup_like_text: tuple[str, ...]  # contributor values holding '<' or '>': never in a page as written
    marks: TemplateMarks

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def overrides_dir(self) -> Path:
        return self.root / "overrides"

    def page_for_dest(self) -> dict[str, SourcePage]:
        return {page.dest_uri: page for page in self.pages.values()}


def dest_uri(src_uri: str) -> str:
    """Where every engine writes a page (MkDocs' use_directory_urls rule, which all three follow)."""
    path = PurePosixPath(src_uri).with_suffix("")
    if path.name in {"index", "README"}:
        return (path.parent / "index.html").as_posix().removeprefix("./")
    return (path / "index.html").as_posix()


def generate_source(
    kb: KnowledgeBase,
    layout: Layout,
    links: SourceLinks,
    stamp: Stamp,
    theme_templates: Path,
    target: Path,
    *,
    secret: str,
    edition: Edition | None = None,
) -> SourceTree:
    """Write the site source for ``kb`` into ``target`` and return its manifest.

    ``secret`` makes the placeholders' tokens and the templates' marks: fresh
    for each build, or kept for a preview session, whose incremental builds
    then find unchanged pages unchanged. ``edition``: the language the pages are
    written in (kb.build.editions), the original when not given; ``kb`` is read in it.
    """
    edition = edition or Edition(kb.language)
    kb = kb.in_language(edition.language)
    marks = TemplateMarks(secret)
    writer = _TreeWriter(target)
    records = _records(kb)

    def entry_page(record: Any) -> tuple[SourcePage, str]:
        meta = _with_alternates(template_meta(record.title, record.summary), edition, record.src_uri)
        markdown = render_entry_page(kb, record)
        page = _write_page(writer, links, secret, record.src_uri, meta, markdown, record.source_path, kb.speech)
        return page, f"docs/{record.src_uri}"

    # Every practice's page lists its related practices, computed for all of them at once: done here,
    # before the fork, or each process would compute the whole table again (6 s at 10,000 practices).
    prepare_related(kb)
    # The entries' pages, shared with a second process, while this one generates everything else.
    written, (markdown_pages, files, redirects, markup_like) = on_two_cores(
        records, entry_page, lambda: _other_content(kb, layout, links, stamp, edition)
    )
    writer.written.update(path for _, path in written)
    pages: dict[str, SourcePage] = {page.src_uri: page for page, _ in written}
    _refuse_shared_pages([*markdown_pages, *pages])
    for src_uri, (meta, markdown, source_path) in sorted(markdown_pages.items()):
        meta = _with_alternates(meta, edition, src_uri)
        pages[src_uri] = _write_page(writer, links, secret, src_uri, meta, markdown, source_path, kb.speech)
    markup_like += [value for record in records for value in markup_like_values(record.fields)]
    for site_path, content in files.items():
        writer.write(f"docs/{site_path}", content)
    _write_marked_templates(writer, marks, theme_templates, layout.root / "overrides")
    writer.remove_the_rest(("docs", "overrides"))
    expected = {
        record.src_uri: Expected(record.title, record.body)  # the body as written: read by its own means
        for record in records
    }
    return SourceTree(target, pages, files, frozenset(redirects), expected, tuple(markup_like), marks)


def _other_content(
    kb: KnowledgeBase, layout: Layout, links: SourceLinks, stamp: Stamp, edition: Edition
) -> tuple[dict[str, tuple[Meta, str, str | None]], dict[str, bytes], set[str], list[str]]:
    """Every page but the entries' (generated and hand-written), the files, the redirect pages, and the
    hand-written pages' values that hold '<' or '>'."""
    markdown_pages, files, redirects = _generated_content(kb, links, stamp, edition)
    docs_files, _links = walk_docs(layout.docs_dir)
    hand_written = {page.as_posix() for page in hand_written_pages(docs_files)}
    markup_like: list[str] = []
    stray: list[str] = []
    for path in docs_files:
        relative = path.as_posix()
        if is_translation_place(path):
            continue  # read by the validator and the model, never published as written
        if path.suffix == ".md":
            if relative in markdown_pages:
                raise SourceError(f"docs/{relative} is generated from the data; delete the hand-written file")
            if relative in hand_written:
                written, raw = _hand_written_page(kb, layout, relative, edition)
                markdown_pages[relative] = written
                markup_like += [value for value in raw if "<" in value or ">" in value]
            # Entries' own files are rendered from the model (generate_source), never copied.
        elif path.suffix.lower() in HTML_SUFFIXES:
            stray.append(relative)
        else:
            files[relative] = (layout.docs_dir / path).read_bytes()
    if stray:
        # The validator refuses them (KB016); this holds even when it is switched off.
        raise SourceError(
            "HTML files would be published as they stand, without the site's policy: "
            + ", ".join(stray)
            + ". Pages are written in Markdown; delete these files from docs/"
        )
    return markdown_pages, files, redirects, markup_like


def _with_alternates(meta: Meta, edition: Edition, src_uri: str) -> Meta:
    """The page's front matter and where it is in every language, for the switcher and ``hreflang``
    (overrides/partials/kb-languages.html, overrides/main.html)."""
    alternates = edition.alternates(dest_uri(src_uri))
    return {**meta, "kb_alternates": alternates} if alternates else meta


def _refuse_shared_pages(sources: Iterable[str]) -> None:
    """Two files an engine would publish as one page: only one would survive (the validator says KB408)."""
    writers: dict[str, list[str]] = {}
    for src_uri in sources:
        writers.setdefault(dest_uri(src_uri).casefold(), []).append(src_uri)
    shared = [
        f"{' and '.join(sorted(names))} are all published as {dest}; only one survives"
        for dest, names in sorted(writers.items())
        if len(names) > 1
    ]
    if shared:
        raise SourceError("content would be lost in the build:\n" + "\n".join(shared))


def regenerate_entry_pages(
    tree: SourceTree, kb: KnowledgeBase, links: SourceLinks, src_uris: Iterable[str], *, secret: str
) -> SourceTree:
    """The tree with only these entries' pages written again: for an edit to their text alone (kb.build.preview).

    Their fields are unchanged, so no other page or file shows anything new.
    """
    writer = _TreeWriter(tree.root)
    pages = dict(tree.pages)
    expected = dict(tree.expected)
    for src_uri in src_uris:
        record = kb.record_for_src(src_uri)
        if record is None:
            raise SourceError(f"docs/{src_uri} is not an entry")
        meta = template_meta(record.title, record.summary)
        markdown = render_entry_page(kb, record)
        pages[src_uri] = _write_page(writer, links, secret, src_uri, meta, markdown, record.source_path, kb.speech)
        expected[src_uri] = Expected(record.title, record.body)
    return dataclasses.replace(tree, pages=pages, expected=expected)


def _write_page(
    writer: _TreeWriter,
    links: SourceLinks,
    secret: str,
    src_uri: str,
    meta: Meta,
    markdown: str,
    source_path: str | None,
    say: Speech,
) -> SourcePage:
    """Write one page of the source, ending with its source line; returns what the post-build step needs of it."""
    held = HeldHtml(markdown + html_block(source_footer(links, src_uri, source_path, say)))
    token = hmac.new(secret.encode(), src_uri.encode(), "sha256").hexdigest()[:16]
    texts, runs = _runs_of_blocks(held)
    blocks = tuple("\n".join(held.blocks[index] for index in run) for run in runs)
    page = SourcePage(src_uri, dest_uri(src_uri), token, blocks, source_path, tuple(held.inlines))
    writer.write(f"docs/{src_uri}", _page_source(meta, page, held, texts).encode("utf-8"))
    return page


def _runs_of_blocks(held: HeldHtml) -> tuple[list[str], list[list[int]]]:
    """The held Markdown's text around its blocks, and its blocks in runs: those with only blank lines
    between them fill one slot.

    Each slot is a raw HTML block, which costs an engine's Markdown a pass of its
    HTML parser, and blank lines a turn of its block parser: on a practice page,
    ten slots in 20 blank lines made a fifth of MkDocs' Markdown time.
    ``texts`` has one more item than ``runs``: the text before each run, then the rest.
    """
    texts: list[str] = []
    runs: list[list[int]] = []
    markdown, start = held.markdown, 0
    for index in range(len(held.blocks)):
        placeholder = held.placeholder(index)
        at = markdown.index(placeholder, start)  # in order: HeldHtml numbers them as they come
        between = markdown[start:at]
        if runs and not between.strip():
            runs[-1].append(index)
        else:
            texts.append(between)
            runs.append([index])
        start = at + len(placeholder)
    texts.append(markdown[start:])
    return texts, runs


def markup_like_values(fields: Mapping[str, Any]) -> list[str]:
    """Text values of an entry's fields holding '<' or '>': only these could leak markup into a page."""
    return [value for _, value, is_key in strings_in(fields) if not is_key and ("<" in value or ">" in value)]


Meta = Mapping[str, Any]


def _records(kb: KnowledgeBase) -> list[Any]:
    return [record for records in kb.records.values() for record in records.values()]


def _generated_content(
    kb: KnowledgeBase, links: SourceLinks, stamp: Stamp, edition: Edition
) -> tuple[dict[str, tuple[Meta, str, str | None]], dict[str, bytes], set[str]]:
    """Generated pages (meta, Markdown, no source), data files and redirect pages.

    Open data and the feed are published once, by the original edition; the others link to them.
    """
    data = open_data_files(kb, stamp)
    rendered = {page.src_uri: page.markdown for page in generate_pages(kb) + contributor_pages(kb, links)}
    rendered[OPEN_DATA_SRC] = render_open_data_page(kb, data, stamp)
    pages = {src: (*_split_generated(src, markdown), None) for src, markdown in rendered.items()}
    texts: dict[str, str] = browse_data_files(kb)
    if edition.is_original:
        texts |= {f.path: f.content for f in data}
    texts[SCRIPT_WORDS_PATH] = script_words(kb.speech)  # in every edition, in its language
    redirects = redirect_files(kb, texts)
    texts |= {
        # Redirect pages are published whole, not through the theme: their policy goes in here.
        path: add_policy(content, InlineCode()) if path.endswith(".html") else content
        for path, content in redirects.items()
    }
    elsewhere = sorted(path for path in [*pages, *texts] if not is_build_place(path))
    if elsewhere:
        # The validator keeps hand-written files out of the places kb.checks.site_files lists, and only those.
        raise SourceError(f"the build generates {elsewhere[0]}, which kb/checks/site_files.py does not reserve for it")
    files = {path: content.encode("utf-8") for path, content in texts.items()}
    return pages, files, {path for path in redirects if path.endswith(".html")}  # type: ignore[return-value]


def _split_generated(src_uri: str, markdown: str) -> tuple[Meta, str]:
    """A generated page's own front matter (its title and how it is laid out) and its Markdown."""
    match = _FRONT_MATTER.match(markdown)
    meta: dict[str, Any] = dict(yaml.safe_load(match[1]) or {}) if match else {}
    body = markdown[match.end() :] if match else markdown
    unknown = sorted(set(meta) - {"title", *GENERATED_META})
    if unknown:
        raise SourceError(f"the generated page {src_uri} sets {', '.join(unknown)} in its front matter")
    title = meta.get("title") or _first_heading(body) or ""
    # Generated titles are built from escaped text already (kb.render.fragments.html_text).
    return {**meta, "title": title}, body


def _hand_written_page(
    kb: KnowledgeBase, layout: Layout, src_uri: str, edition: Edition
) -> tuple[tuple[Meta, str, str], list[str]]:
    """A hand-written page: its schema's fields escaped for the theme, markers replaced, and its raw values.

    Hand-written pages are written in English only: another edition shows the English text under a
    notice, in the reader's language, that says so.
    """
    path = layout.docs_dir / src_uri
    loaded = load_page(path, layout.display(path))
    data = loaded.data or {}
    fields = page_fields(kb.schemas[PAGE_SCHEMA])
    raw = [value for name in fields if isinstance(value := data.get(name), str)]
    meta = theme_meta(data, fields)
    body = loaded.body
    # A page that is nothing but generated parts speaks every language; one with words of its own is English.
    own_words = _without_markers(body).strip()
    for marker, render in MARKERS.items():
        body = body.replace(marker, render(kb, src_uri)) if marker in body else body
    if "title" not in meta:
        meta["title"] = theme_meta({"title": _first_heading(body) or ""}, ["title"])["title"]
    if not edition.is_original and own_words:
        body = _after_first_heading(body, untranslated_page_notice(kb, src_uri))
    return (meta, body, layout.display(path)), raw


def _without_markers(markdown: str) -> str:
    for marker in MARKERS:
        markdown = markdown.replace(marker, "")
    return markdown


def _after_first_heading(markdown: str, block: str) -> str:
    """``block`` below the page's title, or at its top when it has none."""
    match = _FIRST_HEADING.search(markdown)
    if match is None:
        return f"{block}\n\n{markdown}"
    return f"{markdown[: match.end()]}\n\n{block}\n{markdown[match.end() :]}"


def _first_heading(markdown: str) -> str | None:
    """The page's first level-one heading as text, where MkDocs would take the title from."""
    match = _FIRST_HEADING.search(markdown)
    return _INLINE_MARKUP.sub("", match[1]).strip() if match else None


def _page_source(meta: Meta, page: SourcePage, held: HeldHtml, texts: list[str]) -> str:
    """The page as the engine reads it: front matter, then the fenced Markdown with a slot for each
    run of blocks between ``texts`` (``_runs_of_blocks``), one blank line either side."""
    slots = [f"\n\n{page.slot(index)}\n\n" for index in range(len(page.blocks))]
    # Only line breaks are taken from the text's ends: spaces may start an indented code block.
    markdown = "".join(text.strip("\n") + slot for text, slot in zip(texts, [*slots, ""], strict=True))
    for index in range(len(page.inlines)):
        markdown = markdown.replace(held.inline_placeholder(index), inline_slot(page.inline_token, index), 1)
    # Each value as JSON, which YAML reads as it is, at a fraction of yaml.safe_dump's cost.
    front = "".join(f"{name}: {json.dumps(value, ensure_ascii=False)}\n" for name, value in meta.items())
    return f"---\n{front}---\n\n{page.slot('begin')}\n\n{markdown.strip()}\n\n{page.slot('end')}\n"


def _write_marked_templates(writer: _TreeWriter, marks: TemplateMarks, theme: Path, overrides: Path) -> None:
    """The theme's templates and ours, each element they write marked (kb.build.theme_markup).

    The engine renders these in place of the theme's own, so the post-build
    step knows every script, style and head element a template wrote, by
    engine-neutral means: no engine runs any code of ours.
    """
    templates: dict[str, Path] = {}
    for folder in (theme, overrides):
        for path in sorted(folder.rglob("*.html")):
            templates[path.relative_to(folder).as_posix()] = path
    for path in sorted(overrides.rglob("*")):
        if path.is_file() and path.suffix != ".html":
            writer.write(f"overrides/{path.relative_to(overrides).as_posix()}", path.read_bytes())
    for relative, path in templates.items():
        writer.write(f"overrides/{relative}", marks.mark_template_file(path.read_text(encoding="utf-8")).encode())


class _TreeWriter:
    """Writes files whose bytes changed, and removes those no longer written (kept mtimes make --dirty fast)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.written: set[str] = set()

    def write(self, relative: str, content: bytes) -> None:
        path = self.root / relative
        self.written.add(relative)
        try:
            if path.read_bytes() == content:
                return
        except (FileNotFoundError, IsADirectoryError):
            pass
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)

    def remove_the_rest(self, folders: Iterable[str]) -> None:
        for folder in folders:
            base = self.root / folder
            for path in sorted(base.rglob("*"), reverse=True):
                relative = path.relative_to(self.root).as_posix()
                if path.is_dir() and not path.is_symlink():
                    if not any(path.iterdir()):
                        path.rmdir()
                elif relative not in self.written:
                    path.unlink()
            if base.is_dir() and not any(base.iterdir()):
                shutil.rmtree(base)
