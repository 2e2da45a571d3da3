"""Every file the renderers write for the test content, with the build's date and git dates injected.

Used by tests/test_golden.py, which compares some of them with tests/golden/,
and usable to compare all of them before and after a change to a renderer.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from kb.checks.validation import validate_knowledge_base
from kb.model.knowledge_base import KnowledgeBase, SiteInfo, build_knowledge_base
from kb.render.browse import browse_data_files
from kb.render.contributor_pages import contributor_pages
from kb.render.entry_pages import render_entry_page
from kb.render.overview_pages import generate_pages, render_home_overview
from kb.render.redirect_pages import redirect_page
from kb.render.source_links import SourceLinks, source_footer
from tests.support.repo import fixture_layout, speech

# Fixed, so that the files never change with the day they are written: the freshness
# notices and the review page are rendered as on this day, with this file as changed on it.
TODAY = datetime.date(2029, 1, 10)
LAST_CHANGED = datetime.date(2026, 12, 1)
SITE = SiteInfo("Local Prevention Practice Exchange", "https://kb.example.org/")
LINKS = SourceLinks("https://github.com/example/kb", "main")


def fixture_kb(site: SiteInfo = SITE) -> KnowledgeBase:
    """The test content's model, as a build on ``TODAY`` with a known site address would see it."""
    kb = build_knowledge_base(validate_knowledge_base(fixture_layout()))
    kb.today = TODAY
    kb.site = site
    kb.last_changed = {record.source_path: LAST_CHANGED for kind in kb.records.values() for record in kind.values()}
    return kb


def rendered_files(kb: KnowledgeBase, links: SourceLinks = LINKS) -> dict[str, str]:
    """Name -> text of every page, page part and data file the renderers write for ``kb``."""
    files: dict[str, str] = {}
    for page in generate_pages(kb) + contributor_pages(kb, links):
        files[page.src_uri] = page.markdown
    for records in kb.records.values():
        for record in records.values():
            files[record.src_uri] = render_entry_page(kb, record)
    files["index.md (overview)"] = render_home_overview(kb)
    files.update(browse_data_files(kb))
    files["moved/index.html"] = redirect_page("../practices/180-grad-wende/", "180° Wende <&>", "https://x/?a=1&b=2")
    files |= _footers(links)
    return files


def _footers(links: SourceLinks) -> Mapping[str, str]:
    entry = "practices/180-grad-wende.md"
    return {
        "footer (generated page)": source_footer(links, "countries/de.md", None, speech()),
        "footer (entry, no repository)": source_footer(SourceLinks(), entry, f"docs/{entry}", speech()),
        "footer (entry)": source_footer(links, entry, f"docs/{entry}", speech()),
    }
