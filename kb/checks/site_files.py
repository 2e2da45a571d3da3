"""Every file under docs/: what MkDocs would publish, skip, overwrite or follow.

MkDocs copies any file under docs/ into the site as it is: an ``.html`` page,
a script, an SVG image with script in it. It skips dot-files, dot-folders and
docs/templates/ (its default ``exclude_docs``), lets ``x.md`` and
``x/index.md`` (or ``x/README.md``) write the same page with only a warning or
not at all, lets a hand-written file take the place of a page the build
generates, and copies the target of a symbolic link, wherever it points.
This module finds each of these before a build: file types are an allowlist
(KB016), images are what their name says (KB017), and KB407-KB409 cover
collisions, skipped files and links.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kb.checks.family import EXAMPLE_PAGE, EXAMPLE_PNG, Example, Family, Rule, Where
from kb.content.languages import is_edition_folder
from kb.content.translations import is_translation_place
from kb.core.diagnostics import Diagnostic
from kb.core.kinds import KINDS
from kb.core.urls import (
    COUNTRY_FOLDER,
    DATA_DIR,
    FEED_PATH,
    FIELD_REFERENCE_SRC,
    HEADERS_FILE,
    OPEN_DATA_SRC,
    REVIEW_SRC,
    SCRIPT_WORDS_PATH,
    SEARCH_BUNDLE_DIR,
    SEARCH_SRC,
    STATISTICS_SRC,
    TERM_PAGES,
)

# What MkDocs 1.6 leaves out of the site by default (mkdocs/structure/files.py,
# ``_default_exclude``): names starting with a dot, and the top templates/ folder.
EXCLUDED_TOP_FOLDERS = frozenset({"templates"})
INDEX_STEMS = frozenset({"index", "README"})
CONTENT_SUFFIX = ".md"

# Folders the build writes in full (kb.core.urls says where each generator writes):
# a hand-written file there would clash with what it writes.
GENERATED_FOLDERS: dict[str, str] = {
    COUNTRY_FOLDER: "the country pages, generated from the entries",
    **{folder: f"the {folder} pages, generated from the vocabulary and the entries" for folder in TERM_PAGES},
    DATA_DIR: "the open data files, generated from the entries",
    SEARCH_BUNDLE_DIR: "the search index",
}
# Pages the build generates outside those folders and the entry folders.
GENERATED_PAGES = frozenset({STATISTICS_SRC, SEARCH_SRC, OPEN_DATA_SRC, FIELD_REFERENCE_SRC, REVIEW_SRC})
# Scripts the build writes for each language edition (site.yml loads them with the project's own).
GENERATED_ASSETS = frozenset({SCRIPT_WORDS_PATH})
# Files the build writes outside those folders: ours, and those MkDocs and the theme write.
GENERATED_FILES = frozenset({FEED_PATH, HEADERS_FILE, "sitemap.xml", "sitemap.xml.gz", "404.html"}) | GENERATED_ASSETS

# The project's own style sheet and scripts under docs/assets/ (with GENERATED_ASSETS,
# site.yml's extra_css and extra_javascript; a test keeps the lists equal). They are code,
# reviewed as code: no other style sheet or script may be added under docs/.
PROJECT_ASSETS = frozenset({"assets/kb.css", "assets/dom.js", "assets/browse.js", "assets/search.js"})


@dataclass(frozen=True)
class ImageType:
    name: str
    signature: re.Pattern[bytes]  # how the file's first bytes must look


# Images a page may show, each recognised by its first bytes, never by its
# name alone. SVG is not among them: an SVG file is markup and can hold script.
IMAGE_TYPES: dict[str, ImageType] = {
    ".png": ImageType("PNG", re.compile(rb"\x89PNG\r\n\x1a\n")),
    ".jpg": ImageType("JPEG", re.compile(rb"\xff\xd8\xff")),
    ".jpeg": ImageType("JPEG", re.compile(rb"\xff\xd8\xff")),
    ".gif": ImageType("GIF", re.compile(rb"GIF8[79]a")),
    ".webp": ImageType("WebP", re.compile(rb"RIFF.{4}WEBP", re.DOTALL)),
}
SIGNATURE_BYTES = 16
# Why the commonest refused types are refused, for the message.
REFUSED_TYPES = {
    ".html": "an HTML file is published as it is, past every check on pages",
    ".htm": "an HTML file is published as it is, past every check on pages",
    ".js": "a script would run in every reader's browser",
    ".mjs": "a script would run in every reader's browser",
    ".svg": "an SVG image is markup and can hold script",
    ".css": "a style sheet can load fonts and images from other hosts",
    ".xml": "an XML file can be an SVG image or a page with script",
    ".markdown": "MkDocs reads it as a page but the validator reads only '.md' pages",
}


def page_destination(relative: PurePosixPath) -> str:
    """Where MkDocs (with directory URLs) writes a docs/ file in the site."""
    if relative.suffix != CONTENT_SUFFIX:
        return relative.as_posix()
    if relative.stem in INDEX_STEMS:
        return (relative.parent / "index.html").as_posix()
    return (relative.parent / relative.stem / "index.html").as_posix()


def is_build_place(path: str) -> bool:
    """Whether the build may write this site path or page source: an entry folder or a place above.

    The hooks ask this of everything the build generates, so a generator that
    writes somewhere new fails the build until that place is added here, where
    the validator keeps hand-written files out of it.
    """
    top = path.split("/", 1)[0]
    entry_folders = {kind.folder for kind in KINDS}
    return path in GENERATED_PAGES or path in GENERATED_FILES or top in GENERATED_FOLDERS or top in entry_folders


def walk_docs(docs_dir: Path) -> tuple[list[PurePosixPath], list[PurePosixPath]]:
    """Every file under docs/ relative to it, and every symbolic link (never followed).

    Each folder lists its links to folders, then its files and other links, then its folders' contents,
    each in name order. Read with os.scandir, whose entries know whether they are links and folders
    without a system call or a Path for each of thousands of files.
    """
    files: list[PurePosixPath] = []
    links: list[PurePosixPath] = []
    _walk(str(docs_dir), "", files, links)
    return files, links


def _walk(folder: str, prefix: str, files: list[PurePosixPath], links: list[PurePosixPath]) -> None:
    """``prefix``: the folder's path relative to docs/, ending in '/' (empty for docs/ itself)."""
    try:
        with os.scandir(folder) as scanned:
            entries = sorted(scanned, key=lambda entry: entry.name)
    except OSError:
        return  # as os.walk: a folder that cannot be read has nothing to list
    # As os.walk sorts them: a link to a folder among the folders, any other link among the files.
    folders = [entry for entry in entries if _is_folder(entry)]
    links += [PurePosixPath(prefix + entry.name) for entry in folders if entry.is_symlink()]
    for entry in entries:
        if not _is_folder(entry):
            (links if entry.is_symlink() else files).append(PurePosixPath(prefix + entry.name))
    for entry in folders:
        if not entry.is_symlink():
            _walk(entry.path, f"{prefix}{entry.name}/", files, links)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # following a link, as os.walk does
    except OSError:
        return False


def hand_written_pages(files: Iterable[PurePosixPath]) -> list[PurePosixPath]:
    """The Markdown pages among files under docs/ that are not entries or translations, as MkDocs would publish them."""
    entry_folders = {kind.folder for kind in KINDS}
    return [
        f
        for f in files
        if f.suffix == CONTENT_SUFFIX
        and f.parts[0] not in entry_folders
        and not is_translation_place(f)
        and not any(part.startswith(".") for part in f.parts)
        and f.parts[0] not in EXCLUDED_TOP_FOLDERS
        and _reserved_place(f) is None
    ]


def check_docs_tree(
    docs_dir: Path, display_prefix: str, walked: tuple[list[PurePosixPath], list[PurePosixPath]] | None = None
) -> list[Diagnostic]:
    """KB016 and KB017 file types, KB407 collisions, KB408 skipped files and KB409 links anywhere under docs/.

    ``walked`` is what ``walk_docs`` gives for ``docs_dir``, when the caller has it already.
    """
    files, links = walked or walk_docs(docs_dir)
    problems: list[Diagnostic] = []

    def report(relative: PurePosixPath, code: str, message: str, line: int = 1, column: int = 1) -> None:
        problems.append(Diagnostic(f"{display_prefix}{relative.as_posix()}", line, column, code, message))

    for link in links:
        report(
            link,
            "KB409",
            "this is a symbolic link; the build would publish whatever it points to, even outside the "
            "repository. Replace it with the file itself or delete it",
        )
    entry_folders = {kind.folder for kind in KINDS}
    published = []
    for relative in files:
        if relative.parts[0] in entry_folders and len(relative.parts) > 1:
            continue  # entry folders hold entries only; anything else there is KB013
        if is_translation_place(relative):
            continue  # translations only, never published as they stand; anything else there is KB013 or KB821
        hidden = next((part for part in relative.parts if part.startswith(".")), None)
        reserved = _reserved_place(relative)
        if hidden is not None:
            report(
                relative,
                "KB408",
                f"'{hidden}' starts with a dot, so the site leaves this file out; rename it without the dot "
                "or delete it",
            )
        elif relative.parts[0] in EXCLUDED_TOP_FOLDERS and len(relative.parts) > 1:
            report(
                relative,
                "KB408",
                "docs/templates/ is left out of the site (it is reserved for theme templates); move the file "
                "to another folder",
            )
        elif reserved is not None:
            report(relative, "KB407", reserved)
        else:
            problems += [
                Diagnostic(f"{display_prefix}{relative.as_posix()}", line, column, code, message)
                for line, column, code, message in _file_type_problems(docs_dir, relative)
            ]
            published.append(relative)
    problems += _collisions(published, display_prefix)
    return problems


def _reserved_place(relative: PurePosixPath) -> str | None:
    """Why a hand-written file may not be where it is, if the build writes that place itself."""
    destination = page_destination(relative).casefold()
    top, _, rest = destination.partition("/")
    entry_folders = {kind.folder for kind in KINDS}
    if rest and top in GENERATED_FOLDERS and rest != "index.html":
        return (
            f"docs/{top}/ is where the build writes {GENERATED_FOLDERS[top]}; this file would clash with "
            "them. Delete it (put the facts in the entries) or move it to another folder"
        )
    if rest and top in entry_folders and rest != "index.html" and relative.parts[0] != top:
        return (
            f"this file would be published inside {top}/, where the pages of the entries in docs/{top}/ go; "
            "rename the folder"
        )
    if rest and is_edition_folder(top):
        return (
            f"a folder of two letters at the top of the site, {top}/, is where a language's edition of the "
            "site goes (site.yml's languages); rename it with a longer name"
        )
    parents = PurePosixPath(destination).parents
    for generated in GENERATED_FILES:
        if PurePosixPath(generated) in parents:
            return f"the build writes the file {generated}, so no folder of that name can be published; rename it"
    return None


def _file_type_problems(docs_dir: Path, relative: PurePosixPath) -> list[tuple[int, int, str, str]]:
    """(line, column, code, message) for a file whose type is not allowed, or not what its name says."""
    suffix = relative.suffix
    if suffix == CONTENT_SUFFIX:
        return []  # pages are read by kb.content.pages
    if relative.as_posix() in PROJECT_ASSETS:
        return _not_utf8(docs_dir / relative)
    image = IMAGE_TYPES.get(suffix)
    if image is None:
        why = REFUSED_TYPES.get(suffix.lower()) or (
            f"'{suffix}' is not a type the site publishes" if suffix else "a file without a type is not published"
        )
        return [
            (
                1,
                1,
                "KB016",
                f"{why}; only pages ({CONTENT_SUFFIX}) and images ({', '.join(IMAGE_TYPES)}), named in lowercase, "
                "may be added under docs/. Write the content as a page, or ask a maintainer",
            )
        ]
    try:
        with open(docs_dir / relative, "rb") as file:
            head = file.read(SIGNATURE_BYTES)
    except OSError as error:
        return [(1, 1, "KB001", f"cannot read the file: {error.strerror}")]
    if image.signature.match(head):
        return []
    actual = next((other.name for other in IMAGE_TYPES.values() if other.signature.match(head)), None)
    what = f"a {actual} image" if actual else f"not an image (it starts {head[:8]!r})"
    fix = f"rename it to the {actual} ending" if actual else f"replace it with a real {image.name} image"
    return [(1, 1, "KB017", f"the file is named as a {image.name} image but is {what}; {fix}")]


def _not_utf8(path: Path) -> list[tuple[int, int, str, str]]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        return [(1, 1, "KB001", f"cannot read the file: {error.strerror}")]
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return [(line, column, "KB001", f"byte 0x{raw[error.start]:02x} is not valid UTF-8; save the file as UTF-8")]
    return []


def _collisions(files: Iterable[PurePosixPath], display_prefix: str) -> list[Diagnostic]:
    """Files that would be written to the same place in the site, or where the build writes a page of its own.

    Entries are checked as ids (KB012).
    """
    by_destination: dict[str, list[PurePosixPath]] = defaultdict(list)
    for relative in files:
        # Case-insensitive, as on the file systems of many hosts and laptops.
        by_destination[page_destination(relative).casefold()].append(relative)
    generated = {
        page_destination(PurePosixPath(src)).casefold(): f"the generated page docs/{src}"
        for src in sorted(GENERATED_PAGES)
    }
    for folder in sorted({kind.folder for kind in KINDS} | set(GENERATED_FOLDERS)):
        generated[f"{folder}/index.html"] = f"the generated list of docs/{folder}/"
    problems = []
    for destination, sources in sorted(by_destination.items()):
        if destination in generated:
            for source in sources:
                problems.append(
                    Diagnostic(
                        f"{display_prefix}{source.as_posix()}",
                        1,
                        1,
                        "KB407",
                        f"this file would be published as {destination}, where {generated[destination]} goes, "
                        "and one would silently replace the other; rename it",
                    )
                )
            continue
        if len(sources) < 2:
            continue
        for source in sources:
            others = ", ".join(f"{display_prefix}{o.as_posix()}" for o in sources if o != source)
            problems.append(
                Diagnostic(
                    f"{display_prefix}{source.as_posix()}",
                    1,
                    1,
                    "KB407",
                    f"this file and {others} would both be published as {destination}, and one would "
                    "silently replace the other; rename or merge them",
                )
            )
    return problems


FAMILY = Family(
    name="site-files",
    title="Files under docs/",
    about="What may be added under docs/, and where: pages and images only, each published at an address of its own.",
    rules=(
        Rule(
            "KB013",
            "A file in a content folder is not an entry the site would publish.",
            fails=Example(where=Where.FILES, files={"docs/practices/notes.txt": "notes"}),
            passes=Example(where=Where.FILES, files={"docs/notes/notes.md": EXAMPLE_PAGE}),
        ),
        Rule(
            "KB015",
            (
                "A hand-written page holds metadata MkDocs would read differently from the validator: 'key: value' "
                "lines at the top of a page without '---' fences (MultiMarkdown metadata), or a front matter fence "
                "MkDocs does not see as one."
            ),
            fails=Example(
                where=Where.FILES,
                files={"docs/about-us.md": "Title: About\n\nText.\n"},
                shown="Title: About (the first line of docs/about-us.md)",
            ),
            passes=Example(
                where=Where.FILES,
                files={"docs/about-us.md": "---\ntitle: About\n---\n\nText.\n"},
                shown="---\\ntitle: About\\n---",
            ),
        ),
        Rule(
            "KB016",
            (
                "A file under docs/ is of a type the site does not publish: only pages (.md) and images (.png, .jpg, "
                ".jpeg, .gif, .webp) may be added. An HTML file or script would run in readers' browsers past every "
                "check, an SVG image can hold script, a style sheet can load from other hosts. The project's own style "
                "sheet and scripts in docs/assets/ are listed by name."
            ),
            fails=Example(where=Where.FILES, files={"docs/about.html": "<p>About</p>"}),
            passes=Example(where=Where.FILES, files={"docs/about-us.md": EXAMPLE_PAGE}),
        ),
        Rule(
            "KB017",
            "An image's content is not the type its name says (read from its first bytes).",
            fails=Example(
                where=Where.FILES,
                files={"docs/assets/logo.png": "<svg onload=alert(1)>"},
                shown="docs/assets/logo.png holding HTML or SVG",
            ),
            passes=Example(
                where=Where.FILES,
                files={"docs/assets/logo.png": EXAMPLE_PNG},
                shown="docs/assets/logo.png holding a PNG image",
            ),
        ),
        Rule(
            "KB407",
            (
                "Two files under docs/ would be published at the same address (x.md and x/index.md, a README.md beside "
                "an index.md, names differing only in case), or a file is where the build writes a page or file of its "
                "own (docs/search.md, docs/statistics/index.md, docs/countries/, docs/data/), so one silently replaces "
                "the other or the build fails."
            ),
            fails=Example(
                where=Where.FILES,
                files={"docs/notes.md": EXAMPLE_PAGE, "docs/notes/index.md": EXAMPLE_PAGE},
                also=frozenset(),
                note="both files are named",
            ),
            passes=Example(where=Where.FILES, files={"docs/notes.md": EXAMPLE_PAGE}),
        ),
        Rule(
            "KB408",
            (
                "A file under docs/ would be silently left out of the site: its name or a folder starts with a dot, or "
                "it is in docs/templates/."
            ),
            fails=Example(where=Where.FILES, files={"docs/.drafts/note.md": EXAMPLE_PAGE}),
            passes=Example(where=Where.FILES, files={"docs/notes/note.md": EXAMPLE_PAGE}),
        ),
        Rule(
            "KB409",
            "A file or folder under docs/ is a symbolic link; the build would publish whatever it points to.",
            fails=Example(
                where=Where.FILES,
                links={"docs/assets/config.txt": "../../.env"},
                shown="docs/assets/config.txt -> ../../.env",
            ),
            passes=Example(where=Where.FILES, files={"docs/notes/note.md": EXAMPLE_PAGE}, shown="a real file"),
        ),
    ),
    checks=(
        "kb.content.discovery.discover_content_files",
        "kb.content.translations.discover_translations",
        "kb.content.pages.load_page",
        "kb.checks.site_files.check_docs_tree",
    ),
)
