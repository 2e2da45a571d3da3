"""Site search: what each page tells the index, and building the index.

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

import asyncio
import concurrent.futures
import subprocess
import sys
import threading
from collections.abc import Coroutine
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import pycountry
from pagefind.index import IndexConfig, PagefindIndex

from kb.codes import country_name
from kb.model import KnowledgeBase, Record

# The EU's interinstitutional style guide writes these two countries differently
# from ISO 3166; people search with both.
EU_COUNTRY_CODES = {"GB": "UK", "GR": "EL"}
TITLE_WEIGHT = 10  # Pagefind weighs an h1 at 7 by default; titles should lead
# Countries and vocabulary terms describe what the whole page is about, so a
# match there outranks a passing mention in another page's text.
TERMS_WEIGHT = 2
TERM_PAGE_KINDS = {"approaches": "Approach", "audiences": "Audience"}
TERM_FIELDS = (("approaches", "approaches"), ("audiences", "audiences"), ("phenomena", "phenomena"))


class SearchIndexError(Exception):
    pass


@dataclass(frozen=True)
class SearchDescription:
    """What the index should know about one page beyond its visible text."""

    title: str
    kind: str
    countries: tuple[str, ...] = ()
    approaches: tuple[str, ...] = ()
    extra_terms: tuple[str, ...] = ()


def country_search_terms(code: str) -> list[str]:
    country = pycountry.countries.get(alpha_2=code)
    names = [code, getattr(country, "alpha_3", ""), country_name(code)]
    names += [getattr(country, attribute, "") for attribute in ("name", "official_name", "common_name")]
    names.append(EU_COUNTRY_CODES.get(code, ""))
    return list(dict.fromkeys(name for name in names if name))


def describe_record(kb: KnowledgeBase, record: Record) -> SearchDescription:
    terms: list[str] = []
    codes = [str(c) for c in record.values("countries") + record.values("country")]
    for code in codes:
        terms += country_search_terms(code)
    for vocabulary, field in TERM_FIELDS:
        for term_id in record.values(field):
            term = kb.vocabularies[vocabulary].term(term_id)
            terms += [term.label, *term.synonyms]
    approaches = kb.vocabularies["approaches"]
    return SearchDescription(
        title=record.title,
        kind=record.kind.label,
        countries=tuple(country_name(c) for c in codes),
        approaches=tuple(approaches.term(a).label for a in record.values("approaches")),
        extra_terms=tuple(dict.fromkeys(terms)),
    )


def describe_country(code: str) -> SearchDescription:
    name = country_name(code)
    return SearchDescription(name, "Country", (name,), (), tuple(country_search_terms(code)))


def describe_term(kb: KnowledgeBase, vocabulary: str, term_id: str) -> SearchDescription:
    term = kb.vocabularies[vocabulary].term(term_id)
    kind = TERM_PAGE_KINDS[vocabulary]
    return SearchDescription(term.label, kind, (), (), term.synonyms)


def wrap_for_search(html: str, description: SearchDescription) -> str:
    """The page body marked for the index, with metadata and hidden search terms."""
    meta = [
        f'<span data-pagefind-meta="title:{escape(description.title)}" hidden></span>',
        f'<span data-pagefind-meta="kind:{escape(description.kind)}" hidden></span>',
    ]
    if description.countries:
        meta.append(f'<span data-pagefind-meta="countries:{escape(", ".join(description.countries))}" hidden></span>')
    if description.approaches:
        meta.append(f'<span data-pagefind-meta="approaches:{escape(", ".join(description.approaches))}" hidden></span>')
    terms = (
        f'<p class="kb-search-terms" data-pagefind-weight="{TERMS_WEIGHT}" hidden>'
        f"Keywords: {escape(' · '.join(description.extra_terms))}</p>"
    )
    weighted = html.replace("<h1", f'<h1 data-pagefind-weight="{TITLE_WEIGHT}"', 1)
    return f"<div data-pagefind-body>{weighted}{''.join(meta)}{terms if description.extra_terms else ''}</div>"


PAGEFIND_CONFIG = {
    "force_language": "en",
    # Heading permalinks ("¶") are not words of the page.
    "exclude_selectors": [".headerlink"],
}


class StreamingSearchIndex:
    """Pagefind fed page by page while the site builds, so it indexes on the other core.

    Running Pagefind over the finished site adds its whole indexing time to
    the build; here each searchable page goes to a Pagefind service as soon
    as it is rendered, and only writing the index waits for the build's end.
    The service runs in its own process; an event loop in a thread talks to it.
    """

    def __init__(self, site_dir: Path) -> None:
        self._site_dir = site_dir
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="pagefind", daemon=True)
        self._thread.start()
        self._pending: list[concurrent.futures.Future[Any]] = []
        config = IndexConfig(output_path=str(site_dir / "pagefind"), **PAGEFIND_CONFIG)  # type: ignore[typeddict-item]
        self._index = PagefindIndex(config=config)
        self._call(self._index.__aenter__())

    def _call(self, coroutine: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    def add(self, html: str, url: str) -> None:
        """Queue one built page; ``url`` is its path from the site root, such as /practices/x/."""
        coroutine = self._index.add_html_file(content=html, url=url)
        self._pending.append(asyncio.run_coroutine_threadsafe(coroutine, self._loop))

    def finish(self) -> str:
        """Wait for every page, write the index into the site and stop the service."""
        try:
            pages = sum(1 for future in self._pending if future.result().get("page_word_count") is not None)
            self._call(self._index.__aexit__(None, None, None))
        except Exception as error:  # the service reports its own failures as exceptions
            raise SearchIndexError(f"Pagefind could not index {self._site_dir}: {error}") from error
        finally:
            self._stop()
        return f"Indexed {pages} pages"

    def abort(self) -> None:
        try:
            self._call(self._index.__aexit__(SearchIndexError, SearchIndexError("build failed"), None))
        finally:
            self._stop()

    def _stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=30)
        self._loop.close()


def build_search_index(site_dir: Path) -> str:
    """Run Pagefind over a finished site, for callers that did not stream; returns its summary."""
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--force-language",
        "en",
        "--exclude-selectors",
        ".headerlink",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind could not index {site_dir}:\n{result.stdout}{result.stderr}")
    return next((line.strip() for line in result.stdout.splitlines() if "Indexed" in line and "page" in line), "")


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
        return describe_country(name.upper())
    if folder in kb.vocabularies and any(t.id == name for t in kb.vocabularies[folder].terms):
        return describe_term(kb, folder, name)
    return None
