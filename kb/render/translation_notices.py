"""What a page in another language says about its own translation.

In the German edition, an entry with a German translation names who
translated it and when, and warns when the original changed afterwards; an
entry without one shows its original text under a notice, in German, that
it is not yet translated and how to help. A hand-written page (written in
English only) says the same. Each notice is left out of the search index:
it reads the same on hundreds of pages.
"""

from __future__ import annotations

from kb.content.translations import TRANSLATED_KINDS
from kb.core.markdown import html_block
from kb.core.urls import page_link, page_url
from kb.model.knowledge_base import KnowledgeBase, Record
from kb.render import inline
from kb.render.fragments import admonition_html
from kb.render.templating import render

CONTRIBUTING_SRC = "contributing.md"
TRANSLATING_ANCHOR = "translating-an-entry"  # the guide's section on translating (docs/contributing.md)


def entry_language_notice(kb: KnowledgeBase, record: Record) -> str:
    """The notice an entry's page shows in another language's edition; nothing in the original's."""
    say = kb.speech
    if say.is_original or record.kind not in TRANSLATED_KINDS:
        return ""
    translation = record.translation
    if translation is None:
        return _untranslated(kb, record.src_uri, "translation.entry_untranslated")
    credit = say.t("translation.credit", name=translation.translated_by, date=say.date(translation.translated_on))
    if not translation.outdated:
        return _credit(credit)
    message = inline.fill(
        say.t("translation.outdated.text"),
        link=inline.link(say.t("translation.outdated.link"), _original_url(kb, record.src_uri)),
    )
    return admonition_html(
        "warning", say.t("translation.outdated.title"), inline.concat(message, inline.text(f" {credit}"))
    )


def untranslated_page_notice(kb: KnowledgeBase, src_uri: str) -> str:
    """The notice a hand-written page (English only) shows in another language's edition."""
    return _untranslated(kb, src_uri, "translation.page_untranslated")


def _untranslated(kb: KnowledgeBase, src_uri: str, key: str) -> str:
    say = kb.speech
    language = say.language_in_sentence(say.language)
    help_link = inline.link(
        say.t("translation.help_link"), f"{page_link(src_uri, CONTRIBUTING_SRC)}#{TRANSLATING_ANCHOR}"
    )
    message = inline.fill(
        say.t(f"{key}.text", language=language),
        original=inline.link(say.t("translation.original_link"), _original_url(kb, src_uri)),
        help=help_link,
    )
    return admonition_html("info", say.t(f"{key}.title", language=language), message, searchable=False)


def _original_url(kb: KnowledgeBase, src_uri: str) -> str:
    """The same page in the original edition."""
    return kb.shared_url(src_uri, page_url(src_uri))


def _credit(text: str) -> str:
    return html_block(render("paragraph.html", value=inline.text(text), css="kb-translation-credit"))
