"""Country and term pages, rendered without building a site: each practice once, links into Browse."""

from __future__ import annotations

import re

from kb.checks.validation import validate_knowledge_base
from kb.model.knowledge_base import KnowledgeBase, build_knowledge_base
from kb.render.overview_pages import render_country_page, render_term_page
from tests.support.repo import fixture_layout


def _kb() -> KnowledgeBase:
    return build_knowledge_base(validate_knowledge_base(fixture_layout()))


def test_a_country_page_lists_each_of_its_practices_once_with_an_index_by_approach() -> None:
    kb = _kb()
    for code in {c for p in kb.practices for c in p.values("countries")}:
        markdown = render_country_page(kb, code)
        listed = markdown.split("## By approach")[0]
        for practice in kb.practices_with("countries", code):
            assert listed.count(f"/{practice.id}/") == 1, (code, practice.id)
        assert "## By approach" in markdown


def test_country_and_term_pages_link_to_browse_with_their_filter_selected() -> None:
    kb = _kb()
    practice = kb.practices[0]
    code = practice.values("countries")[0]
    links = re.findall(r'href="([^"]*practices/\?[^"]*)"', render_country_page(kb, code))
    assert links and links[0].endswith(f"?country={code}")
    approach = next(p for p in kb.practices if p.values("approaches")).values("approaches")[0]
    (term_link,) = re.findall(r'href="([^"]*practices/\?[^"]*)"', render_term_page(kb, "approaches", approach))
    assert term_link.endswith(f"?approach={approach}")
