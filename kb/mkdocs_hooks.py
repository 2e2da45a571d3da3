"""MkDocs hooks: wiring only. Validation, the model and every page's Markdown
live in plain modules, so they are tested without building a site and would
move unchanged to another engine.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kb.browse import browse_data_files
from kb.contributor_pages import EVIDENCE_LEVELS_MARKER, contributor_pages, render_evidence_levels
from kb.diagnostics import Severity, format_text
from kb.entry_pages import render_entry_page
from kb.freshness import last_changed_dates
from kb.model import KnowledgeBase, SiteInfo, build_knowledge_base
from kb.open_data import OPEN_DATA_SRC, generated_today, open_data_files, render_open_data_page
from kb.overview_pages import HOME_OVERVIEW_MARKER, generate_pages, render_home_overview
from kb.redirect_pages import redirect_files
from kb.search_index import SearchIndexError, build_search_index, describe_page, wrap_for_search
from kb.site import SiteUrlError, resolve_site_url
from kb.source_links import source_footer, source_links_for
from kb.validation import Layout, validate_knowledge_base

log = logging.getLogger("mkdocs.plugins.kb")

_built: dict[str, Any] = {}
# Generated parts of hand-written pages, each in place of its marker comment.
MARKERS = {HOME_OVERVIEW_MARKER: render_home_overview, EVIDENCE_LEVELS_MARKER: render_evidence_levels}


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


def on_files(files: Files, config: MkDocsConfig, **_: Any) -> Files:
    kb: KnowledgeBase = _built["kb"]
    stamp = generated_today()
    data = open_data_files(kb, stamp)
    pages = generate_pages(kb) + contributor_pages(kb, _built["links"])
    pages_markdown = {page.src_uri: page.markdown for page in pages}
    pages_markdown[OPEN_DATA_SRC] = render_open_data_page(kb, data, stamp)
    _built["generated"] = set(pages_markdown)
    for src_uri, markdown in pages_markdown.items():
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri} is generated from the data; delete the hand-written file")
        files.append(File.generated(config, src_uri, content=markdown))
    generated = browse_data_files(kb) | {f.path: f.content for f in data}
    generated |= redirect_files(kb, generated)
    for path, content in generated.items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown: str, page: Page, **_: Any) -> str:
    kb, src = _built["kb"], page.file.src_uri
    record = kb.record_for_src(src)
    if record is not None:
        page.meta["description"] = record.summary
        markdown = render_entry_page(kb, record)
    else:
        for marker, render in MARKERS.items():
            markdown = markdown.replace(marker, render(kb, src)) if marker in markdown else markdown
    if src in _built["generated"]:
        source = None
    else:
        layout: Layout = _built["layout"]
        source = record.source_path if record else layout.display(layout.docs_dir / src)
    return markdown + source_footer(_built["links"], src, source)


def on_page_content(html: str, page: Page, **_: Any) -> str:
    description = describe_page(_built["kb"], page.file.src_uri)
    return wrap_for_search(html, description) if description else html


def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    try:
        summary = build_search_index(Path(config.site_dir))
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
    log.info("Search index: %s", summary)
