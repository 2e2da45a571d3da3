"""MkDocs hooks: wiring only. Validation, the model and every page's Markdown
live in plain modules, so they are tested without building a site and would
move unchanged to another engine.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kb.browse import browse_data_files
from kb.contributor_pages import EVIDENCE_LEVELS_MARKER, contributor_pages, render_evidence_levels
from kb.diagnostics import format_text
from kb.entry_pages import render_entry_page
from kb.freshness import last_changed_dates
from kb.model import KnowledgeBase, build_knowledge_base
from kb.overview_pages import HOME_OVERVIEW_MARKER, generate_pages, render_home_overview
from kb.search_index import SearchIndexError, build_search_index, describe_page, wrap_for_search
from kb.source_links import SourceLinks, source_footer, source_links_for
from kb.validation import Layout, validate_knowledge_base

log = logging.getLogger("mkdocs.plugins.kb")


class _Build:
    kb: KnowledgeBase
    layout: Layout
    links: SourceLinks
    generated: set[str]


_built = _Build()
# Generated parts of hand-written pages, each in place of its marker comment.
MARKERS = {HOME_OVERVIEW_MARKER: render_home_overview, EVIDENCE_LEVELS_MARKER: render_evidence_levels}


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
    kb = build_knowledge_base(result)
    kb.last_changed = last_changed_dates(root, [entry.loaded.path for entry in result.entries])
    _built.kb, _built.layout, _built.links = kb, layout, source_links_for(root)


def on_files(files: Files, config: MkDocsConfig, **_: Any) -> Files:
    pages = generate_pages(_built.kb) + contributor_pages(_built.kb, _built.links)
    _built.generated = {page.src_uri for page in pages}
    for page in pages:
        if files.get_file_from_path(page.src_uri) is not None:
            raise PluginError(f"docs/{page.src_uri} is generated from the data; delete the hand-written file")
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    for path, content in browse_data_files(_built.kb).items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown: str, page: Page, **_: Any) -> str:
    kb, src = _built.kb, page.file.src_uri
    record = kb.record_for_src(src)
    if record is not None:
        page.meta["description"] = record.summary
        markdown = render_entry_page(kb, record)
    else:
        for marker, render in MARKERS.items():
            markdown = markdown.replace(marker, render(kb, src)) if marker in markdown else markdown
    if src in _built.generated:
        source = None
    else:
        source = record.source_path if record else _built.layout.display(_built.layout.docs_dir / src)
    return markdown + source_footer(_built.links, src, source)


def on_page_content(html: str, page: Page, **_: Any) -> str:
    description = describe_page(_built.kb, page.file.src_uri)
    return wrap_for_search(html, description) if description else html


def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    try:
        summary = build_search_index(Path(config.site_dir))
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
    log.info("Search index: %s", summary)
