"""Files under docs/ that MkDocs would silently drop, overwrite or follow (KB407-KB409).

MkDocs 1.6 skips dot-files, dot-folders and docs/templates/ (its default
``exclude_docs``), lets ``x.md`` and ``x/index.md`` (or ``x/README.md``) write
the same page with only a warning or not at all, and copies the target of a
symbolic link, wherever it points. Each of these loses content or publishes
what was never meant to be; this module finds them before a build.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from kb.diagnostics import Diagnostic
from kb.kinds import KINDS

# What MkDocs 1.6 leaves out of the site by default (mkdocs/structure/files.py,
# ``_default_exclude``): names starting with a dot, and the top templates/ folder.
EXCLUDED_TOP_FOLDERS = frozenset({"templates"})
INDEX_STEMS = frozenset({"index", "README"})
# Folders whose pages are generated from the data (kb.overview_pages); a file
# written there by hand would be replaced or clash.
GENERATED_FOLDERS = frozenset({"countries", "approaches", "audiences"})
CONTENT_SUFFIX = ".md"


def page_destination(relative: PurePosixPath) -> str:
    """Where MkDocs (with directory URLs) writes a docs/ file in the site."""
    if relative.suffix != CONTENT_SUFFIX:
        return relative.as_posix()
    if relative.stem in INDEX_STEMS:
        return (relative.parent / "index.html").as_posix()
    return (relative.parent / relative.stem / "index.html").as_posix()


def walk_docs(docs_dir: Path) -> tuple[list[PurePosixPath], list[PurePosixPath]]:
    """Every file under docs/ relative to it, and every symbolic link (never followed)."""
    files: list[PurePosixPath] = []
    links: list[PurePosixPath] = []
    for folder, subfolders, names in os.walk(docs_dir, followlinks=False):
        base = Path(folder)
        for name in sorted(subfolders):
            if (base / name).is_symlink():
                links.append(PurePosixPath((base / name).relative_to(docs_dir).as_posix()))
        subfolders[:] = sorted(name for name in subfolders if not (base / name).is_symlink())
        for name in sorted(names):
            relative = PurePosixPath((base / name).relative_to(docs_dir).as_posix())
            (links if (base / name).is_symlink() else files).append(relative)
    return files, links


def check_docs_tree(docs_dir: Path, display_prefix: str) -> list[Diagnostic]:
    """KB407 collisions, KB408 skipped files and KB409 symbolic links anywhere under docs/."""
    files, links = walk_docs(docs_dir)
    problems: list[Diagnostic] = []

    def report(relative: PurePosixPath, code: str, message: str) -> None:
        problems.append(Diagnostic(f"{display_prefix}{relative.as_posix()}", 1, 1, code, message))

    for link in links:
        report(
            link,
            "KB409",
            "this is a symbolic link; the build would publish whatever it points to, even outside the "
            "repository. Replace it with the file itself or delete it",
        )
    content_folders = {kind.folder for kind in KINDS}
    for relative in files:
        in_content_folder = relative.parts[0] in content_folders and len(relative.parts) > 1
        hidden = next((part for part in relative.parts if part.startswith(".")), None)
        if hidden is not None and not in_content_folder:  # content folders report these as KB013
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
        elif relative.parts[0] in GENERATED_FOLDERS and len(relative.parts) > 1:
            report(
                relative,
                "KB407",
                f"pages in docs/{relative.parts[0]}/ are generated from the data; this file would clash with "
                "them. Delete it and put the facts in the entries",
            )
    published = [
        f
        for f in files
        if not any(p.startswith(".") for p in f.parts) and f.parts[0] not in content_folders | GENERATED_FOLDERS
    ]
    problems += _collisions(published, content_folders | GENERATED_FOLDERS, display_prefix)
    return problems


def _collisions(files: Iterable[PurePosixPath], generated: Iterable[str], display_prefix: str) -> list[Diagnostic]:
    """Files that would be written to the same place in the site (entries are checked as ids, KB012)."""
    by_destination: dict[str, list[PurePosixPath]] = defaultdict(list)
    for relative in files:
        # Case-insensitive, as on the file systems of many hosts and laptops.
        by_destination[page_destination(relative).casefold()].append(relative)
    generated_lists = {f"{folder}/index.html": folder for folder in generated}
    problems = []
    for destination, sources in sorted(by_destination.items()):
        if destination in generated_lists:
            for source in sources:
                problems.append(
                    Diagnostic(
                        f"{display_prefix}{source.as_posix()}",
                        1,
                        1,
                        "KB407",
                        f"this file would be published as {destination}, where the generated list of "
                        f"docs/{generated_lists[destination]}/ goes, and one would silently replace the other; "
                        "rename it",
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
