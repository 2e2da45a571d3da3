"""MkDocs hooks: wiring only. Validation, the model, every page's Markdown,
sanitising, the security policy and the completeness check live in plain
modules, so they are tested without building a site and would move unchanged
to another engine.
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
from kb.csp import add_policy, headers_file
from kb.diagnostics import Severity, format_text
from kb.entry_pages import render_entry_page
from kb.model import KnowledgeBase, build_knowledge_base
from kb.overview_pages import HOME_OVERVIEW_MARKER, generate_pages, render_home_overview
from kb.published import Expected, check_nothing_lost
from kb.sanitise import leaked_text, template_meta, unsafe_markup
from kb.search_index import SearchIndexError, build_search_index, describe_page, wrap_for_search
from kb.site_files import walk_docs
from kb.validation import Layout, validate_knowledge_base

# Under "mkdocs.plugins" so that MkDocs counts our warnings: --strict fails on them.
log = logging.getLogger("mkdocs.plugins.kb")
HEADERS_FILE = "_headers"

_built: dict[str, Any] = {}


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
    for diagnostic in result.diagnostics:
        if diagnostic.severity is Severity.WARNING:
            log.warning(format_text([diagnostic]))
    _built["kb"] = build_knowledge_base(result)
    _built["contributor_text"] = contributor_text(_built["kb"])


def contributor_text(kb: KnowledgeBase) -> list[str]:
    """Every text value of every entry's fields."""
    found: list[str] = []

    def collect(value: Any) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    for records in kb.records.values():
        for record in records.values():
            collect(record.fields)
    return found


def on_files(files: Files, config: MkDocsConfig, **_: Any) -> Files:
    kb: KnowledgeBase = _built["kb"]
    for page in generate_pages(kb):
        if files.get_file_from_path(page.src_uri) is not None:
            raise PluginError(f"docs/{page.src_uri} is generated from the data; delete the hand-written file")
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    for path, content in browse_data_files(kb).items():
        files.append(File.generated(config, path, content=content))
    _built["published"] = {
        f.src_uri: f.dest_uri
        for f in files
        if f.is_documentation_page() and f.inclusion.is_included()  # type: ignore[no-untyped-call]
    }
    return files


def on_page_markdown(markdown: str, page: Page, **_: Any) -> str:
    kb: KnowledgeBase = _built["kb"]
    record = kb.record_for_src(page.file.src_uri)
    if record is not None:
        page.meta.clear()  # the theme reads page.meta; it gets two escaped values and nothing else
        page.meta.update(template_meta(record.title, record.summary))
        return render_entry_page(kb, record)
    if HOME_OVERVIEW_MARKER in markdown:
        return markdown.replace(HOME_OVERVIEW_MARKER, render_home_overview(kb, page.file.src_uri))
    return markdown


def on_page_content(html: str, page: Page, **_: Any) -> str:
    removals = unsafe_markup(html)
    if removals:
        raise PluginError(
            f"docs/{page.file.src_uri}: the page's HTML holds markup the site does not publish, which the "
            f"validator should have refused: {_listed(removals)}. Please report this as a bug."
        )
    # Sanitised first: the search wrapper is our own markup, added after.
    description = describe_page(_built["kb"], page.file.src_uri)
    return wrap_for_search(html, description) if description else html


def _listed(items: list[Any], limit: int = 5) -> str:
    shown = "; ".join(map(str, items[:limit]))
    return shown + (f"; and {len(items) - limit} more" if len(items) > limit else "")


def on_post_page(output: str, page: Page, **_: Any) -> str:
    leaks = leaked_text(output, _built["contributor_text"])
    if leaks:
        raise PluginError(
            f"docs/{page.file.src_uri}: the finished page shows contributor text unescaped, so the theme "
            f"let markup through: {leaks[0]!r}. Please report this as a bug."
        )
    # Only now, with every inline script known to be the theme's own, are their hashes allowed.
    return add_policy(output)


def on_post_template(output_content: str, template_name: str, **_: Any) -> str:
    return add_policy(output_content) if template_name.endswith(".html") else output_content


def on_post_build(config: MkDocsConfig, **_: Any) -> None:
    kb: KnowledgeBase = _built["kb"]
    site = Path(config.site_dir)
    files, _links = walk_docs(Path(config.docs_dir))
    sources = [f.as_posix() for f in files if f.suffix == ".md"]
    expected = {
        record.src_uri: Expected(record.title, record.body)
        for records in kb.records.values()
        for record in records.values()
    }
    problems = check_nothing_lost(sources, _built["published"], site, expected)
    if problems:
        raise PluginError("content was lost in the build:\n" + "\n".join(problems))
    try:
        summary = build_search_index(site)
    except SearchIndexError as error:
        raise PluginError(str(error)) from None
    log.info("Search index: %s", summary)
    pages = [path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html"))]
    (site / HEADERS_FILE).write_text(headers_file(pages), encoding="utf-8")
