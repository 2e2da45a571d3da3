"""Generated pages for contributors and maintainers: the field reference and the review list.

Both speak the knowledge base's language (the ``review`` and ``field_reference`` strings).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from kb.core.markdown import html_block
from kb.core.urls import FIELD_REFERENCE_SRC, REVIEW_SRC
from kb.model.freshness import REVIEW_AFTER_MONTHS, REVIEW_SOON_MONTHS, months_before, parse_date, review_due_date
from kb.model.knowledge_base import KnowledgeBase, Record
from kb.render import inline
from kb.render.entry_pages import CONTRIBUTING_SRC
from kb.render.field_reference import render_field_reference, render_sections, render_terms
from kb.render.fragments import record_value
from kb.render.inline import Inline, Piece
from kb.render.markup import fill_markdown, heading, relative
from kb.render.overview_pages import GeneratedPage
from kb.render.source_links import SourceLinks
from kb.render.templating import render

MAX_NEXT_DUE = 10  # practices listed as next due when none is overdue soon
EVIDENCE_LEVELS_MARKER = "<!-- kb:evidence-levels -->"
BODY_SECTIONS_MARKER = "<!-- kb:body-sections -->"


def contributor_pages(kb: KnowledgeBase, links: SourceLinks) -> list[GeneratedPage]:
    return [
        GeneratedPage(
            FIELD_REFERENCE_SRC,
            render_field_reference(
                kb.schemas, kb.vocabularies, relative(FIELD_REFERENCE_SRC, CONTRIBUTING_SRC), kb.speech
            ),
        ),
        GeneratedPage(REVIEW_SRC, render_review_page(kb, links)),
    ]


def render_review_page(kb: KnowledgeBase, links: SourceLinks) -> str:
    """Practices due for review, oldest first, then those due soon."""
    dated = sorted(
        ((day, p) for p in kb.practices if (day := parse_date(p.fields.get("last_reviewed"))) is not None),
        key=lambda item: (item[0], item[1].title.casefold()),
    )
    due = [(day, p) for day, p in dated if review_due_date(day) <= kb.today]
    soon_limit = months_before(kb.today, -REVIEW_SOON_MONTHS)
    soon = [(day, p) for day, p in dated if kb.today < review_due_date(day) <= soon_limit]
    say = kb.speech
    intro = say.count("review.intro", REVIEW_AFTER_MONTHS, date=say.date(kb.today))
    parts = [
        heading(1, say.t("review.title")),
        f"\n{fill_markdown(intro, field='`last_reviewed`')}\n",
        "\n" + heading(2, say.t("review.due")),
    ]
    if due:
        parts.append(_review_list(kb, links, due))
    else:
        parts.append(f"\n{fill_markdown(say.count('review.none_due', REVIEW_AFTER_MONTHS))}\n")
    parts.append("\n" + heading(2, say.count("review.soon", REVIEW_SOON_MONTHS)))
    if soon:
        parts.append(_review_list(kb, links, soon))
    else:
        parts.append(f"\n{fill_markdown(say.t('review.none_soon'))}\n")
        upcoming = [(day, p) for day, p in dated if review_due_date(day) > soon_limit][:MAX_NEXT_DUE]
        if upcoming:
            parts.append("\n" + heading(2, say.t("review.next")) + _review_list(kb, links, upcoming))
    return "".join(parts)


@dataclass(frozen=True)
class ReviewItem:
    link: Inline
    countries: Inline
    facts: str  # "Reviewed ..., due ..., file changed ..."
    source: Inline  # the source file's path, a link to edit it when the repository is known


def _review_list(kb: KnowledgeBase, links: SourceLinks, items: list[tuple[datetime.date, Record]]) -> str:
    """Practices with their review dates, as one HTML block (the list can hold every practice)."""
    return html_block(render("review_list.html", items=[_review_item(kb, links, p, day) for day, p in items]))


def _review_item(kb: KnowledgeBase, links: SourceLinks, practice: Record, day: datetime.date) -> ReviewItem:
    say = kb.speech
    changed = kb.last_changed.get(practice.source_path)
    dates = {"reviewed": say.date(day), "due": say.date(review_due_date(day))}
    facts = (
        say.t("review.facts_changed", **dates, changed=say.date(changed)) if changed else say.t("review.facts", **dates)
    )
    edit_url = links.edit_url(practice.source_path)
    path = inline.code(inline.text(practice.source_path))
    return ReviewItem(
        link=record_value(practice, REVIEW_SRC),
        countries=inline.join((inline.country(c, kb.speech) for c in practice.values("countries")), ", "),
        facts=facts,
        source=(Piece("link", href=edit_url, inner=path),) if edit_url else path,
    )


def render_evidence_levels(kb: KnowledgeBase, src: str = CONTRIBUTING_SRC) -> str:
    """The evidence levels for the contributor guide, from their vocabulary."""
    return render_terms(kb.vocabularies["evidence"])


def render_body_sections(kb: KnowledgeBase, src: str = CONTRIBUTING_SRC) -> str:
    """A practice's recommended sections for the contributor guide, from kb.model.knowledge_base."""
    return render_sections(kb.speech)
