"""Site search: what each page tells the index (kb.build.pagefind_service builds it).

Search runs on Pagefind, which indexes the built HTML and lets a visitor
download only the index chunks a query needs (Material's built-in search
sends the whole index first: megabytes at thousands of practices).

Each searchable page is wrapped in ``data-pagefind-body`` with metadata for
the result list (kind, countries, approaches) and, in a hidden element,
the other names people search with: ISO codes and names of its countries
from pycountry, the EU's own codes, and the synonyms of its vocabulary
terms (schema/vocabularies/). Hidden text is indexed but never shown.
"""

from __future__ import annotations

from dataclasses import dataclass

import pycountry
from markupsafe import Markup

from kb.content.languages import ORIGINAL_LANGUAGE
from kb.content.speech import Speech
from kb.content.vocabularies import Term
from kb.core.codes import country_name
from kb.model.knowledge_base import KnowledgeBase, Record
from kb.render.templating import render

# The EU's interinstitutional style guide writes these two countries differently
# from ISO 3166; people search with both.
EU_COUNTRY_CODES = {"GB": "UK", "GR": "EL"}
TITLE_WEIGHT = 10  # Pagefind weighs an h1 at 7 by default; titles should lead
# Countries and vocabulary terms describe what the whole page is about, so a
# match there outranks a passing mention in another page's text.
TERMS_WEIGHT = 2
TERM_PAGE_KINDS = {"approaches": "approach", "audiences": "audience"}  # the string kind.<kind> names a term's page
TERM_FIELDS = ("approaches", "audiences", "phenomena")


@dataclass(frozen=True)
class SearchDescription:
    """What the index should know about one page beyond its visible text, in the page's language."""

    title: str
    kind: str
    countries: tuple[str, ...] = ()
    approaches: tuple[str, ...] = ()
    extra_terms: tuple[str, ...] = ()
    # The hidden line that holds the extra terms, as the string search.keywords says it.
    keywords_sentence: str = "{terms}"
    language: str = ORIGINAL_LANGUAGE

    @property
    def keywords(self) -> str:
        return self.keywords_sentence.format(terms=" · ".join(self.extra_terms)) if self.extra_terms else ""


def country_search_terms(code: str, say: Speech | None = None) -> list[str]:
    """The names people search a country by: in the page's language, in English, ISO's and the EU's codes."""
    country = pycountry.countries.get(alpha_2=code)
    local = [say.country(code)] if say is not None else []
    names = [code, getattr(country, "alpha_3", ""), *local, country_name(code)]
    names += [getattr(country, attribute, "") for attribute in ("name", "official_name", "common_name")]
    names.append(EU_COUNTRY_CODES.get(code, ""))
    return list(dict.fromkeys(name for name in names if name))


def term_search_terms(term: Term, original: Term) -> list[str]:
    """A term's label and synonyms in the page's language, then in English: a query in either finds it."""
    return list(dict.fromkeys([term.label, *term.synonyms, original.label, *original.synonyms]))


def _description(say: Speech, title: str, kind: str, **parts: tuple[str, ...]) -> SearchDescription:
    return SearchDescription(
        title, say.t(f"kind.{kind}"), **parts, keywords_sentence=say.t("search.keywords"), language=say.language
    )


def describe_record(kb: KnowledgeBase, record: Record) -> SearchDescription:
    say = kb.speech
    terms: list[str] = []
    codes = [str(c) for c in record.values("countries") + record.values("country")]
    for code in codes:
        terms += country_search_terms(code, say)
    for field in TERM_FIELDS:
        for term_id in record.values(field):
            term = kb.vocabulary_of(field, record.kind).term(term_id)
            terms += term_search_terms(term, kb.catalogue.vocabulary_of(field, record.kind).term(term_id))
    return _description(
        say,
        record.title,
        record.kind.name,
        countries=tuple(say.country(c) for c in codes),
        approaches=tuple(_labels(kb, record, "approaches")),
        extra_terms=tuple(dict.fromkeys(terms)),
    )


def describe_country(kb: KnowledgeBase, code: str) -> SearchDescription:
    name = kb.speech.country(code)
    return _description(
        kb.speech, name, "country", countries=(name,), extra_terms=tuple(country_search_terms(code, kb.speech))
    )


def describe_term(kb: KnowledgeBase, vocabulary: str, term_id: str) -> SearchDescription:
    term = kb.vocabularies[vocabulary].term(term_id)
    original = kb.catalogue.vocabularies[vocabulary].term(term_id)
    # The label is the page's title already: only the other words are extra.
    extra = tuple(word for word in term_search_terms(term, original) if word != term.label)
    return _description(kb.speech, term.label, TERM_PAGE_KINDS[vocabulary], extra_terms=extra)


def wrap_for_search(html: str, description: SearchDescription) -> str:
    """The page body marked for the index, with metadata and hidden search terms."""
    # The title outweighs the text: the engine's first heading gets the weight in place.
    weighted = html.replace("<h1", f'<h1 data-pagefind-weight="{TITLE_WEIGHT}"', 1)
    return render(
        "search_body.html",
        body=Markup(weighted),
        description=description,
        terms_weight=TERMS_WEIGHT,
    )


def search_document(wrapped_content: str, language: str = ORIGINAL_LANGUAGE) -> str:
    """A page as the index needs it: its marked content, without the theme around it, in its language."""
    return render("search_document.html", body=Markup(wrapped_content), language=language)


def search_url(dest_uri: str) -> str:
    """The address the index gives a page: from the site's root, as Pagefind's CLI writes it."""
    return "/" + dest_uri.removesuffix("index.html")


def describe_page(kb: KnowledgeBase, src_uri: str) -> SearchDescription | None:
    """The description of a page worth finding by search; None keeps it out of the index.

    Lists (browse, indexes) are left out: they match nearly every query.
    """
    record = kb.record_for_src(src_uri)
    if record is not None:
        return describe_record(kb, record)
    folder, _, name = src_uri.removesuffix(".md").partition("/")
    if not name or name == "index":
        return None
    if folder == "countries":
        return describe_country(kb, name.upper())
    if folder in kb.vocabularies and any(t.id == name for t in kb.vocabularies[folder].terms):
        return describe_term(kb, folder, name)
    return None


def _labels(kb: KnowledgeBase, record: Record, field: str) -> list[str]:
    values = record.values(field)
    return [kb.vocabulary_of(field, record.kind).term(v).label for v in values] if values else []
