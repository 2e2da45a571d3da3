"""The generated pages speak the page's language: overview pages, countries, approaches, statistics, the map,
collections' handouts and compact views, the open data page and the reasons of related practices.

The test content is rendered in a French view (``in_language("fr")``) whose catalogue of strings is a
pseudo-translation: every English string in capitals, its placeholders kept, and a few in real French.
A word a renderer still writes in English is then found on the French pages as it is in i18n/en.yaml;
country names, dates and lists come from CLDR's French. The English pages are tests/test_golden.py's.
"""

from __future__ import annotations

import dataclasses
import re
import string
from collections.abc import Mapping

import pytest

from kb.content.strings import LoadedStrings, Strings, Text
from kb.core.kinds import COLLECTION, PRACTICE
from kb.model.knowledge_base import KnowledgeBase
from kb.model.related import Shared, reason, related_practices
from kb.render.entry_pages import render_entry_page
from kb.render.open_data import Stamp, open_data_files, render_open_data_page
from kb.render.overview_pages import generate_pages, render_home_overview
from tests.support.golden import fixture_kb

# The sections of i18n/en.yaml these pages' own words are in.
SECTIONS = (
    "overview",
    "country_page",
    "term_page",
    "search_page",
    "statistics",
    "chart",
    "map",
    "count",
    "collection_list",
    "handout",
    "compact",
    "open_data",
    "related",
)
# A few strings in real French, to read the pages by.
FRENCH: Mapping[str, Text] = {
    "statistics.title": "Statistiques",
    "map.tile_none": "{country} : aucune pratique pour l'instant",
    "count.practices": {"one": "{count} pratique", "many": "{count} pratiques", "other": "{count} pratiques"},
    "country_page.lead": {
        "one": "{count} pratique de la base de connaissances est menée dans ce pays : {country}.",
        "many": "{count} pratiques de la base de connaissances sont menées dans ce pays : {country}.",
        "other": "{count} pratiques de la base de connaissances sont menées dans ce pays : {country}.",
    },
    "related.countries": "en {countries}",
    "handout.title": "Document : {collection}",
}
STAMP = Stamp("2029-01-10")
FIXTURE_EVENT_DATE_IN_FRENCH = "1 février 2016"  # the test content's event starts on 2016-02-01


def capitals(text: str) -> str:
    """English text in capitals with its {placeholders} as they are: unmistakably not the English original."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(text):
        parts.append(literal.upper() + ("{" + name + "}" if name is not None else ""))
    return "".join(parts)


def pseudo_french(english: Strings) -> Strings:
    texts: dict[str, Text] = {}
    for key, text in english.texts.items():
        texts[key] = capitals(text) if isinstance(text, str) else {form: capitals(t) for form, t in text.items()}
    return Strings("fr", {**texts, **FRENCH}, english)


def in_pseudo_french(kb: KnowledgeBase) -> KnowledgeBase:
    loaded = kb.catalogue.strings
    assert loaded is not None
    english = loaded.of("en")
    strings = LoadedStrings({"en": english, "fr": pseudo_french(english)}, ())
    catalogue = dataclasses.replace(kb.catalogue, strings=strings)
    return dataclasses.replace(kb, catalogue=catalogue).in_language("fr")


def pages(kb: KnowledgeBase) -> dict[str, str]:
    """The pages these renderers write, and the practices' pages (for the reasons of related practices)."""
    rendered = {page.src_uri: page.markdown for page in generate_pages(kb)}
    rendered["index.md (overview)"] = render_home_overview(kb)
    rendered["data/index.md"] = render_open_data_page(kb, open_data_files(kb, STAMP), STAMP)
    rendered |= {practice.src_uri: render_entry_page(kb, practice) for practice in kb.practices}
    return rendered


def english_words(english: Strings) -> list[str]:
    """The words of our sections' strings between their placeholders, where long enough to be unmistakable."""
    found = []
    for key, text in english.texts.items():
        if key.split(".")[0] not in SECTIONS:
            continue
        forms = [text] if isinstance(text, str) else list(text.values())
        for form in forms:
            for literal, _, _, _ in string.Formatter().parse(form):
                words = literal.strip(" .,:;·()'")
                if len(words) >= 12 and " " in words and re.search("[a-z]", words):
                    found.append(words)
    return sorted(set(found))


@pytest.fixture(scope="module")
def english_kb() -> KnowledgeBase:
    return fixture_kb()


@pytest.fixture(scope="module")
def french_kb(english_kb: KnowledgeBase) -> KnowledgeBase:
    return in_pseudo_french(english_kb)


@pytest.fixture(scope="module")
def french(french_kb: KnowledgeBase) -> dict[str, str]:
    return pages(french_kb)


@pytest.fixture(scope="module")
def english(english_kb: KnowledgeBase) -> dict[str, str]:
    return pages(english_kb)


def test_no_english_words_of_these_pages_are_left_in_another_language(
    english_kb: KnowledgeBase, english: dict[str, str], french: dict[str, str]
) -> None:
    loaded = english_kb.catalogue.strings
    assert loaded is not None
    words = english_words(loaded.of("en"))
    everything_in_english = "\n".join(english.values())
    # Only words the English pages show are evidence; the test content must show enough of them.
    shown = [w for w in words if w in everything_in_english]
    assert len(shown) >= 30, shown
    left = {w: [src for src, text in french.items() if w in text] for w in shown}
    assert {w: srcs for w, srcs in left.items() if srcs} == {}


def test_titles_and_headings_come_from_the_strings(french: dict[str, str]) -> None:
    assert french["statistics.md"].startswith("# Statistiques\n")
    assert french["countries/index.md"].startswith("# COUNTRIES\n")
    assert french["events/index.md"].startswith("# EVENTS\n")
    assert french["organisations/index.md"].startswith("# ORGANISATIONS\n")
    assert french["workshops/index.md"].startswith("# WORKSHOPS\n")
    assert french["collections/index.md"].startswith("# COLLECTIONS\n")
    assert french["data/index.md"].startswith("# OPEN DATA\n")
    assert french["search.md"].startswith('---\ntitle: "SEARCH"\n')
    handout = french["collections/think-globally-act-locally-2016/handout.md"]
    assert handout.startswith('---\ntitle: "Document : Think globally, act locally')


def test_country_names_are_cldr_french_and_sorted_by_them(french: dict[str, str], english: dict[str, str]) -> None:
    assert french["countries/nl.md"].startswith("# Pays-Bas\n")
    assert "2 pratiques de la base de connaissances sont menées dans ce pays : Pays-Bas." in french["countries/nl.md"]
    assert "1 pratique de la base de connaissances est menée dans ce pays : Belgique." in french["countries/be.md"]
    table = french["countries/index.md"].split("<table>")[1]
    french_order = re.findall(r'<a href="[a-z]{2}/">([^<]+)</a>', table)
    assert french_order == sorted(french_order, key=str.casefold)
    assert french_order[:2] == ["Allemagne", "Belgique"]  # Germany comes first in French
    english_order = re.findall(r'<a href="[a-z]{2}/">([^<]+)</a>', english["countries/index.md"].split("<table>")[1])
    assert english_order[:2] == ["Belgium", "Germany"]
    assert ">Allemagne</a> (2) · " in french["index.md (overview)"]


def test_the_map_and_the_charts_speak_french(french: dict[str, str]) -> None:
    countries = french["countries/index.md"]
    assert 'aria-label="MAP OF EUROPE: NUMBER OF PRACTICES PER COUNTRY"' in countries
    assert 'aria-label="Pays-Bas: 2 pratiques"' in countries  # map.tile in capitals: "{country}: {practices}"
    assert "<title>Islande : aucune pratique pour l&#39;instant</title>" in countries
    assert "<figcaption>PRACTICES PER COUNTRY. SELECT A COUNTRY TO OPEN ITS PAGE.</figcaption>" in countries
    statistics = french["statistics.md"]
    assert "<figcaption>PRACTICES PER COUNTRY</figcaption>" in statistics
    assert "<summary>PRACTICES PER COUNTRY AS A TABLE</summary>" in statistics
    assert '<th scope="col">COUNTRY</th><th scope="col">PRACTICES</th>' in statistics
    assert "Pays-Bas: 2" in statistics  # chart.figure in the SVG's description
    assert ">NOT YET DOCUMENTED</text>" in statistics  # the bar of practices with no approach


def test_counts_dates_and_lists_are_french(french_kb: KnowledgeBase, french: dict[str, str]) -> None:
    assert "THE KNOWLEDGE BASE HOLDS 8 pratiques, 4 WORKSHOPS" in french["index.md (overview)"]
    assert f"{FIXTURE_EVENT_DATE_IN_FRENCH}, Amsterdam, " in french["events/index.md"]
    assert FIXTURE_EVENT_DATE_IN_FRENCH in french["collections/think-globally-act-locally-2016/handout.md"]
    reasons = [r.reason for p in french_kb.practices for r in related_practices(french_kb, p)]
    assert any(reason.startswith("ALSO ") for reason in reasons), reasons
    # CLDR's French list: "a et b", never the English "and".
    assert not [reason for reason in reasons if " and " in reason]


def test_related_reasons_are_data_worded_by_each_language(english_kb: KnowledgeBase, french_kb: KnowledgeBase) -> None:
    practice = english_kb.get(PRACTICE, "180-grad-wende")
    english = related_practices(english_kb, practice)
    french = related_practices(french_kb, french_kb.get(PRACTICE, practice.id))
    assert english and [r.shared for r in english] == [r.shared for r in french]
    assert [r.reason for r in english] != [r.reason for r in french]
    # No practice of the test content shares a country with a related one: a reason with everything in it.
    shared = Shared(True, ("community-engagement", "policing"), ("young-people",), ("DE", "AT", "NL"))
    assert reason(english_kb, shared, english_kb.speech) == (
        "named as related, also community engagement and policing, also works with young people, "
        "in Germany, Austria, and Netherlands"
    )
    say = french_kb.speech
    approaches = [say.in_sentence(french_kb.vocabulary_of("approaches").term(t).label) for t in shared.approaches]
    audience = say.in_sentence(french_kb.vocabulary_of("audiences").term("young-people").label)
    assert reason(french_kb, shared, say) == (
        f"NAMED AS RELATED, ALSO {approaches[0]} et {approaches[1]}, ALSO WORKS WITH {audience}, "
        "en Allemagne, Autriche et Pays-Bas"
    )


def test_the_handout_and_the_compact_view_speak_french(french_kb: KnowledgeBase, french: dict[str, str]) -> None:
    (collection,) = french_kb.of_kind(COLLECTION)
    handout = french[f"collections/{collection.id}/handout.md"]
    assert "<dt>COUNTRIES</dt><dd>" in handout and "Pays-Bas" in handout
    assert "BACK TO THE COLLECTION" in handout
    assert 'aria-label="QR CODE FOR ' in handout
    compact = french[f"collections/{collection.id}/compact.md"]
    assert "THE FULL COLLECTION, WITH A PRINTABLE HANDOUT AND OPEN DATA" in compact
    assert "CURATED BY " in compact


def test_the_open_data_page_describes_its_files_in_french(french: dict[str, str]) -> None:
    page = french["data/index.md"]
    assert "<th>FILE</th><th>FORMAT</th><th>WHAT IT HOLDS</th>" in page
    assert "EVERY PRACTICE (8), WITH ALL FIELDS" in page
    assert "[PRACTICES](../practices/index.md)" in page
    assert "<td>EVERY PRACTICE (8), ONE ROW EACH</td>" in page
