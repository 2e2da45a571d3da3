"""'Cite this practice': plain text and BibTeX from the entry and the site's address.

The citation names the site and the permanent URL (only the path when no
site URL is configured: never a guessed address). The retrieval date is left
as '[date]' for the reader; the only date given is the entry's last review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.content.speech import Speech
from kb.core.markdown import html_block
from kb.core.urls import absolute_url, page_url
from kb.model.knowledge_base import KnowledgeBase, Record, SiteInfo
from kb.render.templating import render

RETRIEVED_PLACEHOLDER = "[date]"
_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}])")


@dataclass(frozen=True)
class Citation:
    text: str
    bibtex: str


def cite(record: Record, site: SiteInfo, say: Speech, path_prefix: str = "") -> Citation:
    """``path_prefix``: where the page's edition lives under the site (``de/``), empty for English."""
    path = path_prefix + page_url(record.src_uri)
    url = absolute_url(site.url, path)
    reviewed = say.date(record.fields["last_reviewed"])
    where = url if url else say.t("cite.path_only", path=path)
    text = say.t(
        "cite.text", title=record.title, site=site.name, date=reviewed, where=where, placeholder=RETRIEVED_PLACEHOLDER
    )
    fields = [
        ("title", "{" + _bibtex(record.title) + "}"),
        ("howpublished", _bibtex(site.name)),
        ("url", url) if url else ("note", _bibtex(say.t("cite.path_note", path=path))),
        ("addendum", _bibtex(say.t("cite.reviewed", date=reviewed))),
        ("urldate", RETRIEVED_PLACEHOLDER),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return Citation(text, f"@misc{{{record.id},\n{body},\n}}")


def _bibtex(value: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", value)


def render_cite_section(kb: KnowledgeBase, record: Record) -> str:
    say = kb.speech
    citation = cite(record, kb.site, say, kb.path_prefix)
    return f"## {say.t(f'heading.cite.{record.kind.name}')}\n" + html_block(
        render("cite.html", citation=citation, placeholder=RETRIEVED_PLACEHOLDER, say=say)
    )
