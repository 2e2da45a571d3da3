"""Published addresses stay published (KB710 to KB712).

Every path in permalinks.txt is still served, by a page or by a redirect in
redirects.yaml, and every redirect can be followed; both files are read by
kb.content.permalinks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from kb.checks.family import Example, Family, Rule, Where
from kb.content.languages import edition_path
from kb.content.permalinks import REDIRECTS_FILE, Redirects, published_paths
from kb.core.diagnostics import Diagnostic
from kb.core.kinds import COLLECTION, KINDS, Kind
from kb.core.suggestions import closest
from kb.core.urls import entry_url


def check_permalinks(
    manifest: list[tuple[int, str]],
    manifest_display: str,
    ids_by_kind: Mapping[Kind, set[str]],
    schema_files: Iterable[str],
    redirects: Redirects,
    languages: Iterable[str] | None = (),
) -> list[Diagnostic]:
    """Every published path is still served, and every redirect can be followed.

    ``languages``: the editions besides the original (English), whose pages are published too; None
    when site.yml's languages cannot be read, so that no edition's page can be judged gone meanwhile.
    """
    problems = _check_redirects(redirects, ids_by_kind)
    others = tuple(languages or ())
    live = set(published_paths(ids_by_kind, schema_files, others))
    moved = redirects.paths(others)
    published = {path for _, path in manifest}
    reported: set[tuple[str, str]] = set()
    for line, path in manifest:
        if path in live or path in moved or (languages is None and edition_path(path)[0] is not None):
            continue
        owner = _owner(path)
        if owner is None:
            message = (
                f"{path} was published and is gone: the build no longer writes it. "
                "Published addresses are permanent; restore what wrote it"
            )
        else:
            kind, old = owner
            if (kind.folder, old) in reported:
                continue  # one message per entry, not one per derived file
            reported.add((kind.folder, old))
            message = _gone_entry_message(kind, old, ids_by_kind[kind], published)
        problems.append(Diagnostic(manifest_display, line, 1, "KB710", message))
    return problems


def _owner(path: str) -> tuple[Kind, str] | None:
    """The entry a published path belongs to, if it belongs to one (in any language's edition)."""
    _, path = edition_path(path)  # de/practices/<id>/ is practices/<id>/ in German
    for kind in KINDS:
        match = re.fullmatch(rf"{kind.folder}/([a-z0-9-]+)/(?:handout/|compact/)?", path)
        if match and (kind is COLLECTION or path.count("/") == 2):
            return kind, match[1]
    match = re.fullmatch(r"data/collections/([a-z0-9-]+)\.(?:json|csv)", path)
    return (COLLECTION, match[1]) if match else None


def _gone_entry_message(kind: Kind, old: str, live_ids: set[str], published: set[str]) -> str:
    unpublished = sorted(i for i in live_ids if entry_url(kind.folder, i) not in published)
    likely = closest(old, unpublished, cutoff=0.5)
    guess = [likely] if likely else (unpublished if len(unpublished) == 1 else [])
    new = guess[0] if guess else "new-id"
    hint = (
        f" ('{new}' is new and looks like its successor)"
        if guess
        else f", where new-id is the {kind.name} that replaces it"
    )
    return (
        f"{entry_url(kind.folder, old)} was published and is gone: add `{old}: {new}` under `{kind.folder}:` "
        f"in {REDIRECTS_FILE}{hint}, or restore docs/{kind.folder}/{old}.md"
    )


def _check_redirects(redirects: Redirects, ids_by_kind: Mapping[Kind, set[str]]) -> list[Diagnostic]:
    loaded = redirects.loaded
    if loaded is None:
        return []
    problems = []
    for kind, mapping in redirects.by_kind.items():
        for old, new in mapping.items():
            where = loaded.locate_key((kind.folder, old))
            line = max(1, where.line - 1)

            def problem(code: str, message: str, line: int = line, column: int = where.column) -> None:
                problems.append(Diagnostic(loaded.path, line, column, code, message))

            if old in ids_by_kind[kind]:
                problem(
                    "KB711",
                    f"{kind.folder}.{old}: docs/{kind.folder}/{old}.md is still a page, so this redirect "
                    f"would never be followed; remove the redirect, or delete the page if it was merged into '{new}'",
                )
            if new not in ids_by_kind[kind]:
                onward = mapping.get(new)
                if onward is not None:
                    hint = f"'{new}' itself moved to '{onward}'; write `{old}: {onward}`"
                else:
                    match = closest(new, sorted(ids_by_kind[kind]), cutoff=0.6)
                    hint = f"did you mean '{match}'?" if match else f"no docs/{kind.folder}/{new}.md exists"
                problem("KB712", f"{kind.folder}.{old}: the target '{new}' is not a {kind.name} ({hint})")
    return problems


FAMILY = Family(
    name="permalinks",
    title="Permanent addresses",
    about="Every address the site has published keeps working: a page, or a redirect to the page that replaced it.",
    rules=(
        Rule(
            "KB710",
            "A path listed in permalinks.txt was published and no page or redirect serves it any more.",
            fails=Example(
                where=Where.FILES,
                appends={"permalinks.txt": "practices/old-id/\n"},
                shown="practices/old-id/ in permalinks.txt, and no page or redirect",
            ),
            passes=Example(
                where=Where.FILES,
                appends={
                    "permalinks.txt": "practices/old-id/\n",
                    "redirects.yaml": "practices:\n  old-id: police-youngsters-sweden\n",
                },
                shown="redirects.yaml: practices: {old-id: police-youngsters-sweden}",
            ),
        ),
        Rule(
            "KB711",
            "A redirect starts at an id that is still a page, so the redirect could never be reached.",
            fails=Example(
                where=Where.FILES,
                appends={
                    "redirects.yaml": "practices:\n  police-youngsters-sweden: neighbourhood-managers-frankfurt\n"
                },
                shown="practices: {police-youngsters-sweden: ...} while docs/practices/police-youngsters-sweden.md "
                "exists",
            ),
            passes=Example(
                where=Where.FILES,
                appends={"redirects.yaml": "practices:\n  old-id: neighbourhood-managers-frankfurt\n"},
                shown="practices: {old-id: neighbourhood-managers-frankfurt}",
            ),
        ),
        Rule(
            "KB712",
            "A redirect points at an id that is not a page of that kind.",
            fails=Example(
                where=Where.FILES,
                appends={"redirects.yaml": "practices:\n  old-id: no-such-practice\n"},
                shown="practices: {old-id: no-such-practice}",
            ),
            passes=Example(
                where=Where.FILES,
                appends={"redirects.yaml": "practices:\n  old-id: police-youngsters-sweden\n"},
                shown="practices: {old-id: police-youngsters-sweden}",
            ),
        ),
        Rule(
            "KB713",
            "permalinks.txt is missing or holds a line that is not a published path.",
            fails=Example(
                where=Where.FILES, appends={"permalinks.txt": "practices/x\n"}, shown="practices/x (no trailing slash)"
            ),
            passes=Example(
                where=Where.FILES,
                appends={"permalinks.txt": "practices/police-youngsters-sweden/\n"},
                shown="practices/police-youngsters-sweden/",
            ),
        ),
    ),
    checks=(
        "kb.content.permalinks.read_manifest",
        "kb.content.permalinks.load_redirects",
        "kb.checks.permalink_rules.check_permalinks",
    ),
)
