"""Browse, search and the scripts' words in another language: the test content seen by a French edition.

The French strings and vocabulary labels here are stand-ins made for the test (a few keys changed
over English), so that the tests hold whatever the real French catalogue says.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import string
import subprocess
from pathlib import Path

import pytest

from kb.content.speech import Speech
from kb.content.strings import LoadedStrings, Strings, Text
from kb.content.vocabularies import Vocabulary
from kb.core.kinds import PRACTICE
from kb.model.knowledge_base import KnowledgeBase
from kb.render.browse import BROWSE_SRC, FACETS, alphabetical, browse_data_files, build_browse_index
from kb.render.contributor_pages import contributor_pages
from kb.render.overview_pages import generate_pages
from kb.render.script_words import script_words
from kb.render.search_index import describe_page, search_document, wrap_for_search
from tests.support.golden import LINKS, fixture_kb
from tests.support.repo import REPOSITORY

DUTCH_PRACTICE = "dutch-multi-agency-case-management"  # in NL; approaches multi-agency-work, exit-and-rehabilitation
FRENCH_TEXTS: dict[str, Text] = {
    "facet.country": "Pays",
    "facet.approach": "Approche",
    "browse.title": "Parcourir les pratiques",
    "browse.intro_all": {"one": "{count} pratique, par titre.", "other": "Les {count} pratiques, par titre."},
    "browse.by_country": "pays",
    "profile.countries": "Pays",
    "kind.practice": "Pratique",
    "kind.country": "Pays",
    "search.keywords": "Mots-clés : {terms}",
    "js.browse.clear": "Tout effacer",
    "js.browse.status_all": {
        "one": "{count} pratique",
        "many": "Les {count} pratiques",
        "other": "Les {count} pratiques",
    },
    "js.search.none": "Aucune page ne correspond à « {query} ».",
}
FRENCH_TERMS = {
    ("approaches", "multi-agency-work"): ("Travail multipartenarial", ("cellule de suivi",)),
    ("approaches", "exit-and-rehabilitation"): ("Sortie et réhabilitation", ("désengagement",)),
}


def _in_french(vocabulary: Vocabulary) -> Vocabulary:
    terms = tuple(
        dataclasses.replace(term, label=found[0], synonyms=found[1])
        if (found := FRENCH_TERMS.get((vocabulary.id, term.id)))
        else term
        for term in vocabulary.terms
    )
    return dataclasses.replace(vocabulary, terms=terms)


@pytest.fixture(scope="module")
def english() -> KnowledgeBase:
    return fixture_kb()


@pytest.fixture(scope="module")
def french(english: KnowledgeBase) -> KnowledgeBase:
    view = english.in_language("fr")
    strings = Strings("fr", FRENCH_TEXTS, english.speech.strings)
    vocabularies = {name: _in_french(vocabulary) for name, vocabulary in english.catalogue.vocabularies.items()}
    view.speech = Speech("fr", strings, vocabularies)  # in place of the catalogue's, a cached property
    return view


def index_of(kb: KnowledgeBase) -> dict[str, dict[str, object]]:
    index, _, _ = build_browse_index(kb)
    return {facet["id"]: facet for facet in index["facets"]}


# --- Browse ----------------------------------------------------------------------------------------


def test_browse_data_names_facets_and_values_in_the_page_language(french: KnowledgeBase) -> None:
    facets = index_of(french)
    assert facets["country"]["label"] == "Pays"
    assert facets["approach"]["label"] == "Approche"
    assert facets["audience"]["label"] == "Audience"  # a string French lacks falls back to English
    assert ["NL", "Pays-Bas"] in facets["country"]["values"]  # type: ignore[operator]
    assert ["multi-agency-work", "Travail multipartenarial"] in facets["approach"]["values"]  # type: ignore[operator]


def test_browse_data_keeps_the_ids_so_an_address_filters_alike_in_every_language(
    english: KnowledgeBase, french: KnowledgeBase
) -> None:
    def ids(kb: KnowledgeBase) -> dict[str, set[str]]:
        return {name: {value[0] for value in facet["values"]} for name, facet in index_of(kb).items()}  # type: ignore[attr-defined]

    assert ids(french) == ids(english)
    assert list(index_of(french)) == [facet.id for facet in FACETS]


def test_browse_countries_are_in_the_order_of_their_names_in_the_page_language(french: KnowledgeBase) -> None:
    labels = [label for _, label in index_of(french)["country"]["values"]]  # type: ignore[attr-defined]
    assert labels == sorted(labels, key=alphabetical)
    assert labels.index("Allemagne") < labels.index("Belgique")  # DE before BE, as French names them


def test_the_static_browse_page_speaks_the_page_language(french: KnowledgeBase) -> None:
    page = next(p.markdown for p in generate_pages(french) if p.src_uri == BROWSE_SRC)
    assert page.startswith('---\ntitle: "Parcourir les pratiques"\n')
    assert "# Parcourir les pratiques" in page
    count = len(french.practices)
    assert f"Les {count} pratiques, par titre." in page
    assert '<a href="../countries/">pays</a>' in page
    assert "<dt>Pays</dt>" in page and "Pays-Bas" in page
    assert "Travail multipartenarial" in page
    assert "Browse practices" not in page


def test_the_browse_files_are_written_for_each_language_at_the_same_paths(
    english: KnowledgeBase, french: KnowledgeBase
) -> None:
    assert browse_data_files(french).keys() == browse_data_files(english).keys()


# --- Search ----------------------------------------------------------------------------------------


def french_document(kb: KnowledgeBase, src: str) -> str:
    description = describe_page(kb, src)
    assert description is not None
    return search_document(wrap_for_search("<h1>T</h1><p>x</p>", description), description.language)


def test_a_practice_is_indexed_in_the_page_language_with_its_english_names_as_extra_words(
    french: KnowledgeBase,
) -> None:
    document = french_document(french, french.get(PRACTICE, DUTCH_PRACTICE).src_uri)
    assert '<html lang="fr">' in document
    assert 'data-pagefind-meta="kind:Pratique"' in document
    assert 'data-pagefind-meta="countries:Pays-Bas"' in document
    assert 'data-pagefind-meta="approaches:Travail multipartenarial, Sortie et réhabilitation"' in document
    keywords = re.search(r'<p class="kb-search-terms"[^>]*>(.*?)</p>', document)
    assert keywords is not None and keywords[1].startswith("Mots-clés : ")
    words = keywords[1].removeprefix("Mots-clés : ").split(" · ")
    # A French query finds it by the French names; an English one still does.
    assert {"Pays-Bas", "Travail multipartenarial", "cellule de suivi", "désengagement"} <= set(words)
    assert {"Netherlands", "NL", "NLD", "Multi-agency work", "case management", "Exit and rehabilitation"} <= set(words)
    assert len(words) == len(set(words))


def test_a_country_page_is_found_by_its_name_in_the_page_language_and_in_english(french: KnowledgeBase) -> None:
    description = describe_page(french, "countries/nl.md")
    assert description is not None
    assert (description.title, description.kind) == ("Pays-Bas", "Pays")
    assert {"Pays-Bas", "Netherlands", "Kingdom of the Netherlands"} <= set(description.extra_terms)


def test_a_term_page_is_found_by_its_english_label(french: KnowledgeBase) -> None:
    description = describe_page(french, "approaches/multi-agency-work.md")
    assert description is not None
    assert description.title == "Travail multipartenarial"
    assert {"cellule de suivi", "Multi-agency work", "safety house"} <= set(description.extra_terms)
    assert "Travail multipartenarial" not in description.extra_terms  # the title is indexed already


def test_english_pages_add_no_other_language(english: KnowledgeBase) -> None:
    document = french_document(english, english.get(PRACTICE, DUTCH_PRACTICE).src_uri)
    assert '<html lang="en">' in document and "Keywords: NL · NLD · Netherlands" in document
    assert "Pays-Bas" not in document


# --- The scripts' words ----------------------------------------------------------------------------

SCRIPT = re.compile(r"\A/\*[^*]*\*/\nwindow\.kbWords = (\{.*\});\n\Z", re.DOTALL)


def words_of(script: str) -> dict[str, object]:
    found = SCRIPT.match(script)
    assert found is not None, script[:200]
    return json.loads(found[1])  # type: ignore[no-any-return]


def test_script_words_set_every_js_string_in_the_page_language(english: KnowledgeBase, french: KnowledgeBase) -> None:
    given = words_of(script_words(french.speech))
    assert given["language"] == "fr"
    words = given["words"]
    assert isinstance(words, dict)
    english_keys = {key.removeprefix("js.") for key in english.speech.strings.texts if key.startswith("js.")}
    assert set(words) == english_keys and english_keys
    assert words["browse.clear"] == "Tout effacer"
    assert words["browse.status_all"] == {
        "one": "{count} pratique",
        "many": "Les {count} pratiques",
        "other": "Les {count} pratiques",
    }
    assert words["browse.sort_label"] == "Sort by"  # not translated yet: English


def test_script_words_cannot_end_the_script_or_break_a_line() -> None:
    english = fixture_kb().speech
    hostile = Strings("fr", {"js.browse.clear": "</script><script>alert(1)</script>&\u2028"}, english.strings)
    script = script_words(Speech("fr", hostile, english.vocabularies))
    assert "<" not in script and ">" not in script.replace("window.kbWords = ", "") and "\u2028" not in script
    assert words_of(script)["words"]["browse.clear"] == "</script><script>alert(1)</script>&\u2028"  # type: ignore[index]


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js to run the scripts")
def test_dom_js_says_and_counts_with_the_words_and_plural_rules_of_the_language(french: KnowledgeBase) -> None:
    dom = (REPOSITORY / "docs" / "assets" / "dom.js").read_text(encoding="utf-8")
    program = (
        "var window = globalThis; var document = {documentElement: {lang: ''}};\n"
        + script_words(french.speech)
        + dom
        + "\nconsole.log(JSON.stringify(["
        "kbCount('browse.status_all', 1), kbCount('browse.status_all', 0), kbCount('browse.status_all', 2),"
        "kbCount('browse.status_all', 1234567), kbSay('search.none', {query: 'x {query}'}),"
        "kbSay('browse.clear'), kbSay('no.such.word'), kbCount('browse.more', 30, {next: 20})]));"
    )
    run = subprocess.run(["node", "-e", program], capture_output=True, text=True, check=True, cwd=Path.cwd())
    one, zero, two, many, none, clear, missing, more = json.loads(run.stdout)
    assert (one, zero, two) == ("1 pratique", "0 pratique", "Les 2 pratiques")  # French counts 0 as one
    assert many.startswith("Les 1") and many.endswith("567 pratiques") and "1234567" not in many
    assert none == "Aucune page ne correspond à « x {query} »."  # a value is never filled in again
    assert (clear, missing, more) == ("Tout effacer", "no.such.word", "Show 20 more of 30")


# --- No English word left ----------------------------------------------------------------------------

# The sections of i18n/en.yaml the pages and files of this module write their words from.
SECTIONS = ("facet", "browse", "search", "kind", "review", "field_reference", "js")


def capitals(text: str) -> str:
    """English text in capitals, its {placeholders} kept: unmistakably not the English original."""
    return "".join(
        literal.upper() + ("{" + name + "}" if name is not None else "")
        for literal, name, _, _ in string.Formatter().parse(text)
    )


def in_capitals(kb: KnowledgeBase) -> KnowledgeBase:
    """A French view whose every string is its English text in capitals."""
    loaded = kb.catalogue.strings
    assert loaded is not None
    english = loaded.of("en")
    texts: dict[str, Text] = {
        key: capitals(text) if isinstance(text, str) else {form: capitals(t) for form, t in text.items()}
        for key, text in english.texts.items()
    }
    strings = LoadedStrings({"en": english, "fr": Strings("fr", texts, english)}, ())
    return dataclasses.replace(kb, catalogue=dataclasses.replace(kb.catalogue, strings=strings)).in_language("fr")


def written(kb: KnowledgeBase) -> dict[str, str]:
    """Browse, the contributor pages, every search document and the scripts' words, by name."""
    found = {page.src_uri: page.markdown for page in generate_pages(kb) + contributor_pages(kb, LINKS)}
    files = {name: text for name, text in found.items() if name.startswith(("practices/", "contributing/"))}
    for src in found | {record.src_uri: "" for record in kb.practices}:
        description = describe_page(kb, src)
        if description is not None:
            files[f"search: {src}"] = search_document(wrap_for_search("<h1>x</h1>", description), kb.language)
    files |= browse_data_files(kb)
    files["assets/kb-words.js"] = script_words(kb.speech)
    return files


def english_words(english: Strings) -> list[str]:
    """The words of these sections' strings between their placeholders, where long enough to be unmistakable."""
    found = set()
    for key, text in english.texts.items():
        if key.split(".")[0] not in SECTIONS:
            continue
        for form in [text] if isinstance(text, str) else text.values():
            for literal, _, _, _ in string.Formatter().parse(form):
                words = literal.strip(" .,:;·()'“”")
                if len(words) >= 18 and " " in words and re.search("[a-z]", words):
                    found.add(words)
    return sorted(found)


def test_no_english_word_of_these_strings_is_left_in_another_language(english: KnowledgeBase) -> None:
    french_files = written(in_capitals(english))
    english_files = "\n".join(written(english).values())
    loaded = english.catalogue.strings
    assert loaded is not None
    # Only words the English files show are evidence; the test content must show enough of them.
    shown = [words for words in english_words(loaded.of("en")) if words in english_files]
    assert len(shown) >= 30, shown
    left = {words: [name for name, text in french_files.items() if words in text] for words in shown}
    assert {words: names for words, names in left.items() if names} == {}
