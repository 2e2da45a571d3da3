"""The site's URL scheme, in one place: a page's URL from its source path.

URLs are permanent (organisers print them), so the scheme is ours rather than
an engine default: ``practices/x.md`` is published at ``practices/x/``. The
MkDocs config (``use_directory_urls``, the default) produces the same; a
build test checks that they agree.
"""

from __future__ import annotations


def page_url(src_uri: str) -> str:
    """``practices/x.md`` -> ``practices/x/``; ``index.md`` -> ``""``."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/"


def relative_url(from_src: str, to: str) -> str:
    """A link from the page built from ``from_src`` to the site path ``to``."""
    base = page_url(from_src)
    target = _relative_path(to, base) if base else to or "."
    if (to == "" or to.endswith("/")) and not target.endswith("/") and target != ".":
        target += "/"
    return "./" if target == "." else target


def _relative_path(to: str, base: str) -> str:
    """``posixpath.relpath("/" + to, "/" + base)`` for site paths (no '.' or '..' parts).

    Every generated link goes through here, tens of thousands per build, and
    relpath normalises both paths first, which took most of the time.
    """
    to_parts = [part for part in to.split("/") if part]
    base_parts = [part for part in base.split("/") if part]
    common = 0
    for mine, theirs in zip(to_parts, base_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    parts = [".."] * (len(base_parts) - common) + to_parts[common:]
    return "/".join(parts) or "."


def page_link(from_src: str, to_src: str) -> str:
    return relative_url(from_src, page_url(to_src))


# Pages and files derived from entries. Each is a permanent path: permalinks.txt
# lists them, and kb.checks.permalink_rules fails the build when one disappears.
DATA_DIR = "data"
SCHEMA_DATA_DIR = f"{DATA_DIR}/schema"
FEED_PATH = "feed.xml"
DATA_INDEX_PATH = f"{DATA_DIR}/index.json"
COLLECTION_FOLDER = "collections"

# Where the build writes pages and files of its own outside the entry folders.
# The generators take their paths from here and kb.checks.site_files refuses a
# hand-written file in any of these places (KB407), so the two cannot drift.
STATISTICS_SRC = "statistics.md"
SEARCH_SRC = "search.md"
OPEN_DATA_SRC = f"{DATA_DIR}/index.md"
FIELD_REFERENCE_SRC = "contributing/fields.md"
REVIEW_SRC = "contributing/review.md"
COUNTRY_FOLDER = "countries"
TERM_PAGES = ("approaches", "audiences")  # vocabularies that have a page per term
SEARCH_BUNDLE_DIR = "pagefind"  # Pagefind's index, written after the pages
HEADERS_FILE = "_headers"  # the security headers for hosts that read them (kb.build.csp)
SCRIPT_WORDS_PATH = "assets/kb-words.js"  # the words the site's scripts show, in the edition's language

# The environment variable that sets the site's public address (kb.build.site_url);
# pages that need the address and lack it name the variable.
SITE_URL_VARIABLE = "KB_SITE_URL"


def entry_url(folder: str, entry_id: str) -> str:
    return f"{folder}/{entry_id}/"


def handout_url(collection_id: str) -> str:
    return f"{COLLECTION_FOLDER}/{collection_id}/handout/"


def compact_url(collection_id: str) -> str:
    return f"{COLLECTION_FOLDER}/{collection_id}/compact/"


def collection_data_path(collection_id: str, extension: str) -> str:
    return f"{DATA_DIR}/{COLLECTION_FOLDER}/{collection_id}.{extension}"


def kind_data_path(folder: str, extension: str) -> str:
    return f"{DATA_DIR}/{folder}.{extension}"


def schema_data_path(schema_file: str) -> str:
    return f"{SCHEMA_DATA_DIR}/{schema_file}"


def export_schema_file(folder: str) -> str:
    return f"export-{folder}.schema.json"


def absolute_url(site_url: str | None, path: str) -> str | None:
    """The permanent address of a site path, or None when no site URL is configured."""
    if not site_url:
        return None
    return site_url.rstrip("/") + "/" + path
