"""MkDocs hooks: wiring only. Validation, the model, every page's Markdown,
sanitising, the security policy and the completeness check live in plain
modules, so they are tested without building a site and would move unchanged
to another engine.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kb.build.csp import InlineCode, add_policy, headers_file_for
from kb.build.page_checks import PageCheckError, PageChecks
from kb.build.pagefind_service import PagefindError, PagefindService, start_search_index
from kb.build.published import Expected, unpublished
from kb.build.site_url import SiteUrlError, resolve_site_url
from kb.build.theme_markup import TemplateMarks, check_page, install_marks, listed
from kb.build.theme_meta import leaked_text, template_meta, theme_meta
from kb.build.tooltips import text_only_titles
from kb.checks.body_rules import strings_in
from kb.checks.site_files import is_build_place, walk_docs
from kb.checks.validation import validate_knowledge_base
from kb.content.discovery import Layout
from kb.content.pages import PAGE_SCHEMA, page_fields
from kb.core.diagnostics import Severity, format_text
from kb.core.markdown import HeldHtml, html_block
from kb.core.urls import HEADERS_FILE, OPEN_DATA_SRC, SEARCH_BUNDLE_DIR
from kb.model.freshness import last_changed_dates
from kb.model.knowledge_base import KnowledgeBase, SiteInfo, build_knowledge_base
from kb.render.browse import browse_data_files
from kb.render.contributor_pages import (
    BODY_SECTIONS_MARKER,
    EVIDENCE_LEVELS_MARKER,
    contributor_pages,
    render_body_sections,
    render_evidence_levels,
)
from kb.render.entry_pages import render_entry_page
from kb.render.open_data import generated_today, open_data_files, render_open_data_page
from kb.render.overview_pages import HOME_OVERVIEW_MARKER, generate_pages, render_home_overview
from kb.render.redirect_pages import redirect_files
from kb.render.search_index import describe_page, search_document, search_url, wrap_for_search
from kb.render.source_links import source_footer, source_links_for

# Under "mkdocs.plugins" so that MkDocs counts our warnings: --strict fails on them.
log = logging.getLogger("mkdocs.plugins.kb")
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xht", ".shtml"})  # what a host serves as a page

_built: dict[str, Any] = {}
# Generated parts of hand-written pages, each in place of its marker comment.
MARKERS = {
    HOME_OVERVIEW_MARKER: render_home_overview,
    EVIDENCE_LEVELS_MARKER: render_evidence_levels,
    BODY_SECTIONS_MARKER: render_body_sections,
}


def on_config(config: MkDocsConfig, **_: Any) -> MkDocsConfig:
    try:
        site_url = resolve_site_url(config.site_url, os.environ)
    except SiteUrlError as error:
        raise PluginError(str(error)) from None
    _built["site"] = SiteInfo(config.site_name, site_url)
    if site_url:
        config.site_url = site_url  # MkDocs' canonical links and sitemap use the same address
    return config


def on_pre_build(config: MkDocsConfig, **_: Any) -> None:
    root = Path(config.config_file_path).resolve().parent
    layout = Layout(root, Path(config.docs_dir), root / "schema")
    result = validate_knowledge_base(layout)
    if not result.ok:
        raise PluginError(
            "the knowledge base is invalid, so the site was not built. "
            "Fix these and build again (python scripts/validate.py shows the same list):\n"
            + format_text(result.diagnostics)
        )
    warnings = [d for d in result.diagnostics if d.severity is Severity.WARNING]
    if warnings:
        # Logged as information: a warning would fail the strict build, and these do not block it.
        log.info("The knowledge base has warnings:\n%s", format_text(warnings))
    kb = build_knowledge_base(result)
    kb.site = _built["site"]
    kb.last_changed = last_changed_dates(root, [entry.loaded.path for entry in result.entries])
    _built["kb"], _built["layout"], _built["links"] = kb, layout, source_links_for(root)
    _built["markup_like_text"] = markup_like_text(kb)
    _built["held"] = {}
    _built["inline_code"] = InlineCode()
    _built["with_policy"] = set()
    _built["foreign"] = []
    _stop_helpers()  # any left by a build that ended early (mkdocs serve rebuilds in one process)
    # The sanitiser and nothing-lost checks read every page and need nothing else from
    # the build: a child process does them on the second core while this one builds.
    _built["checks"] = PageChecks(
        {
            # The body as written: the check reads its words by its own means, not through visible_body.
            record.src_uri: Expected(record.title, record.body)
            for records in kb.records.values()
            for record in records.values()
        }
    )


def markup_like_text(kb: KnowledgeBase) -> list[str]:
    """Every text value of every entry's fields that holds '<' or '>'.

    Only these could leak markup, and every finished page is searched for
    each of them, so the list stays as short as the content allows.
    """
    return [
        value
        for records in kb.records.values()
        for record in records.values()
        for value in markup_like_values(record.fields)
    ]


def markup_like_values(fields: Mapping[str, Any]) -> list[str]:
    return [value for _, value, is_key in strings_in(fields) if not is_key and ("<" in value or ">" in value)]


def on_files(files: Files, config: MkDocsConfig, **_: Any) -> Files:
    kb: KnowledgeBase = _built["kb"]
    stamp = generated_today()
    data = open_data_files(kb, stamp)
    pages = generate_pages(kb) + contributor_pages(kb, _built["links"])
    pages_markdown = {page.src_uri: page.markdown for page in pages}
    pages_markdown[OPEN_DATA_SRC] = render_open_data_page(kb, data, stamp)
    _built["generated"] = set(pages_markdown)
    generated = browse_data_files(kb) | {f.path: f.content for f in data}
    generated |= redirect_files(kb, generated)
    elsewhere = sorted(path for path in [*pages_markdown, *generated] if not is_build_place(path))
    if elsewhere:
        # The validator keeps hand-written files out of the places kb.checks.site_files lists, and only those.
        raise PluginError(f"the build generates {elsewhere[0]}, which kb/checks/site_files.py does not reserve for it")
    for src_uri, markdown in pages_markdown.items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri} is generated from the data; delete the hand-written file")
        files.append(File.generated(config, src_uri, content=markdown))
    for path, content in generated.items():
        # Redirect pages are written whole, not through the theme: their policy is added here.
        files.append(
            File.generated(config, path, content=_with_policy(path, content) if path.endswith(".html") else content)
        )
    _built["published"] = {
        f.src_uri: f.dest_uri
        for f in files
        if f.is_documentation_page() and f.inclusion.is_included()  # type: ignore[no-untyped-call]
    }
    return files


def on_page_markdown(markdown: str, page: Page, **_: Any) -> str:
    kb, src = _built["kb"], page.file.src_uri
    record = kb.record_for_src(src)
    if record is not None:
        page.meta.clear()  # the theme reads page.meta; it gets two escaped values and nothing else
        page.meta.update(template_meta(record.title, record.summary))
        markdown = render_entry_page(kb, record)
    else:
        if src not in _built["generated"]:
            _hand_written_meta(page)
        for marker, render in MARKERS.items():
            markdown = markdown.replace(marker, render(kb, src)) if marker in markdown else markdown
    if src in _built["generated"]:
        source = None
    else:
        layout: Layout = _built["layout"]
        source = record.source_path if record else layout.display(layout.docs_dir / src)
    held = HeldHtml(markdown + html_block(source_footer(_built["links"], src, source)))
    _built["held"][src] = held
    return held.markdown


def _hand_written_meta(page: Page) -> None:
    """The theme gets a hand-written page's title and description escaped, and nothing else (kb.build.theme_meta)."""
    kb: KnowledgeBase = _built["kb"]
    fields = page_fields(kb.schemas[PAGE_SCHEMA])
    raw = [value for name in fields if isinstance(value := page.meta.get(name), str)]
    # Every page is made ready before any is written, so the leak check sees these on every page.
    _built["markup_like_text"] += [value for value in raw if "<" in value or ">" in value]
    meta = theme_meta(page.meta, fields)
    page.meta.clear()
    page.meta.update(meta)


def on_page_content(html: str, page: Page, **_: Any) -> str:
    try:
        html = _built["held"].pop(page.file.src_uri).fill(html)
    except ValueError as error:
        raise PluginError(f"docs/{page.file.src_uri}: {error}") from None
    html = text_only_titles(html)  # the theme's tooltips show titles as HTML: they get them escaped
    # Checked with the generated blocks back in place: they pass the same allowlist.
    # The search wrapper is our own markup, added after.
    _page_checks().check_content(page.file.src_uri, html)
    description = describe_page(_built["kb"], page.file.src_uri)
    if description is None:
        return html
    wrapped = wrap_for_search(html, description)
    # Pagefind reads only what data-pagefind-body marks, so it gets that, not the whole themed page.
    _search_index().add_page(search_url(page.file.dest_uri), search_document(wrapped))
    return wrapped


def on_env(env: Environment, **_: Any) -> Environment:
    # Every <script>, <style> and head element a template writes is marked, so that a
    # page's policy allows only those, whatever else reached the page (kb.build.theme_markup).
    _built["marks"] = install_marks(env)
    return env


def on_post_page(output: str, page: Page, **_: Any) -> str:
    leaks = leaked_text(output, _built["markup_like_text"])
    if leaks:
        raise PluginError(
            f"docs/{page.file.src_uri}: the finished page shows contributor text unescaped, so the theme "
            f"let markup through: {leaks[0]!r}. Please report this as a bug."
        )
    output = _themed(f"docs/{page.file.src_uri}", page.file.dest_uri, output)
    _page_checks().check_page(page.file.src_uri, output)
    return output


def _themed(source: str, dest_uri: str, output: str) -> str:
    """A page the theme wrote, with its policy: only its templates' scripts and styles are allowed."""
    marks: TemplateMarks = _built["marks"]
    checked = check_page(output, marks)
    if checked.foreign:
        _built["foreign"].append(f"{source} (published as {dest_uri}): {listed(checked.foreign)}")
    return _with_policy(dest_uri, checked.html, checked.code)


def _page_checks() -> PageChecks:
    checks: PageChecks = _built["checks"]
    return checks


def _search_index() -> PagefindService:
    """Started with the first page, so a build that fails validation never starts it."""
    if _built.get("search") is None:
        _built["search"] = start_search_index()
    service: PagefindService = _built["search"]
    return service


def _stop_helpers() -> None:
    """Stop the processes a build started, if it ended before they did."""
    service = _built.pop("search", None)
    if service is not None:
        service.close()
    checks = _built.pop("checks", None)
    if checks is not None:
        checks.cancel()


def on_build_error(**_: Any) -> None:
    _stop_helpers()


def on_post_template(output_content: str, template_name: str, **_: Any) -> str:
    if template_name.endswith(".html"):
        return _themed(f"the theme's template {template_name}", template_name, output_content)
    checked = check_page(output_content, _built["marks"])  # takes the marks out; a sitemap writes none
    if checked.foreign:
        _built["foreign"].append(f"the theme's template {template_name}: {listed(checked.foreign)}")
    return checked.html


def _with_policy(dest_uri: str, page: str, code: InlineCode | None = None) -> str:
    """The page with its security policy, allowing ``code`` (kept for the _headers file) and nothing else inline."""
    code = code or InlineCode()
    _built["inline_code"] |= code
    _built["with_policy"].add(dest_uri)
    return add_policy(page, code)


def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    site = Path(config.site_dir)
    files, _links = walk_docs(Path(config.docs_dir))
    sources = [f.as_posix() for f in files if f.suffix == ".md"]
    try:
        # Pagefind writes its bundle on the other core while this one finishes the checks.
        _search_index().start_writing(site / SEARCH_BUNDLE_DIR)
        unsafe, lost = _built.pop("checks").problems()
        if unsafe:
            raise PluginError("pages hold markup the site does not publish:\n" + "\n".join(unsafe))
        if _built["foreign"]:
            raise PluginError(
                "pages hold scripts, styles or head elements (<meta>, <link>, <base>) that the site's "
                "templates do not write; they were made plain text, and their text must be escaped where "
                "it is written into the page. Please report this as a bug:\n" + "\n".join(_built["foreign"])
            )
        lost = unpublished(sources, _built["published"], site) + lost
        if lost:
            raise PluginError("content was lost in the build:\n" + "\n".join(lost))
        # Every page went through the theme or is one of ours; an HTML file from docs/ is published
        # as it stands, without a policy, so it is refused, and never read for hashes.
        unchecked = sorted(
            relative
            for path in site.rglob("*")
            if path.suffix.lower() in HTML_SUFFIXES
            and (relative := path.relative_to(site).as_posix()) not in _built["with_policy"]
        )
        if unchecked:
            raise PluginError(
                "HTML files would be published as they stand, without the site's policy: "
                + ", ".join(unchecked)
                + ". Pages are written in Markdown; delete these files from docs/"
            )
        code: InlineCode = _built["inline_code"]  # the templates' scripts and styles, from every page
        (site / HEADERS_FILE).write_text(headers_file_for(code), encoding="utf-8")
        log.info("Search index: %d pages", _search_index().finish_writing())
    except PagefindError as error:
        raise PluginError(f"the search index could not be built: {error}") from None
    except PageCheckError as error:
        raise PluginError(str(error)) from None
    finally:
        _stop_helpers()
