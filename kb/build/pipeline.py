"""The whole build, the same for every engine: validate, model, generate, render, check, index.

1. validate the knowledge base: an invalid one never builds, whatever the engine;
2. model it (kb.model);
3. generate the complete site source: every page, data file and redirect (kb.build.source_tree);
4. let the engine render it, as a child process (kb.build.engines);
5. fill and check every page it wrote, with the security policy and ``_headers`` (kb.build.postbuild);
6. index the pages with Pagefind.

Nothing here outlives a call: what one build learns is passed along, never kept.
"""

from __future__ import annotations

import os
import secrets
import shutil
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.build.arrivals import Arrivals
from kb.build.csp import InlineCode
from kb.build.editions import Edition, UnknownLanguage, editions
from kb.build.engines import DEFAULT_ENGINE, ENGINES
from kb.build.engines.base import Engine, EngineMissing, Run
from kb.build.postbuild import THEME_PAGES, Finished, PostBuildError, WholeSite, finish_site, write_headers
from kb.build.site_config import SettingsError, engine_settings, read_settings
from kb.build.site_url import SiteUrlError, resolve_site_url
from kb.build.source_tree import SourceError, SourceTree, generate_source
from kb.checks.validation import ValidationResult, validate_knowledge_base
from kb.content.discovery import Layout
from kb.core.diagnostics import Severity, format_text
from kb.core.heap import cycles_collected_after
from kb.model.freshness import last_changed_dates
from kb.model.knowledge_base import KnowledgeBase, SiteInfo, build_knowledge_base
from kb.render.open_data import generated_today
from kb.render.source_links import source_links_for

WORK_DIR = "build"  # under the repository; the generated source goes in build/src/
SOURCE_DIR = "src"
LANGUAGES_DIR = "languages"  # build/languages/<code>/src/: another language's edition


class BuildFailed(Exception):
    """The site was not built; the message says why and what to do."""


@dataclass(frozen=True)
class BuildRequest:
    root: Path
    site_dir: Path | None = None  # default: <root>/site
    engine: str = DEFAULT_ENGINE
    work_dir: Path | None = None  # default: <root>/build
    environ: Mapping[str, str] | None = None  # default: this process's environment
    languages: tuple[str, ...] | None = None  # default: every language of site.yml

    @property
    def source_root(self) -> Path:
        """The original edition's generated source."""
        return (self.work_dir or self.root / WORK_DIR) / SOURCE_DIR

    def source_root_of(self, edition: Edition) -> Path:
        """An edition's generated source: build/src for the original, build/languages/<code>/src for another."""
        if edition.is_original:
            return self.source_root
        return (self.work_dir or self.root / WORK_DIR) / LANGUAGES_DIR / edition.language / SOURCE_DIR

    @property
    def output(self) -> Path:
        return self.site_dir or self.root / "site"


@dataclass(frozen=True)
class BuildReport:
    site: Path
    engine: str
    pages: int
    search_pages: int
    seconds: dict[str, float]


Say = Callable[[str], None]


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@cycles_collected_after()  # the knowledge base, its pages and the finished site hold no cycles (kb.core.heap)
def build_site(request: BuildRequest, say: Say = _say) -> BuildReport:
    """Build the site for ``request``, one edition per language; raises BuildFailed with every problem found."""
    environ = os.environ if request.environ is None else request.environ
    if request.engine not in ENGINES:
        raise BuildFailed(f"unknown engine '{request.engine}'; known: {', '.join(sorted(ENGINES))}")
    engine = ENGINES[request.engine]()
    seconds: dict[str, float] = {}
    clock = time.perf_counter()
    try:
        settings = read_settings(request.root)
        site_url = resolve_site_url(settings.get("site_url"), environ)
    except (SettingsError, SiteUrlError) as error:
        raise BuildFailed(str(error)) from None
    layout = Layout.for_root(request.root)
    result = checked(layout, say)
    kb = model(result, layout, SiteInfo(str(settings.get("site_name", "")), site_url))
    try:
        to_build = editions(kb.catalogue.languages, site_url, request.languages)
    except UnknownLanguage as error:
        raise BuildFailed(str(error)) from None
    seconds["validate and model"] = time.perf_counter() - clock
    secret = secrets.token_hex(16)
    inline = InlineCode()
    pages = search_pages = 0
    sites: dict[str, Path] = {}
    for edition in to_build:
        finished, written = _build_edition(request, engine, settings, kb, edition, sites, secret, seconds, environ)
        inline |= finished.inline
        pages += written
        search_pages += finished.search_pages
    original = sites[to_build[0].language]
    write_headers(original, inline)  # one file for the whole site, every edition's inline code allowed
    _publish(original, request.output)
    for edition in to_build[1:]:
        shutil.move(str(sites[edition.language]), str(request.output / edition.prefix))
    timing = ", ".join(f"{stage} {spent:.1f} s" for stage, spent in seconds.items())
    languages = ", ".join(edition.language for edition in to_build)
    say(
        f"Built {pages} pages in {len(to_build)} language(s) ({languages}) with {engine.name} into "
        f"{request.output}; search index: {search_pages} pages"
    )
    say(f"Time: {timing}")
    return BuildReport(request.output, engine.name, pages, search_pages, seconds)


def _build_edition(
    request: BuildRequest,
    engine: Engine,
    settings: Mapping[str, Any],
    kb: KnowledgeBase,
    edition: Edition,
    sites: dict[str, Path],
    secret: str,
    seconds: dict[str, float],
    environ: Mapping[str, str],
) -> tuple[Finished, int]:
    """Generate, render, finish and index one language's edition; its site is left in ``sites``."""
    clock = time.perf_counter()
    view = kb.in_language(edition.language)
    source_root = request.source_root_of(edition)
    try:
        tree = generate_source(
            view,
            Layout.for_root(request.root),
            source_links_for(request.root, environ),
            generated_today(environ),
            engine.theme_templates(),
            source_root,
            secret=secret,
            edition=edition,
        )
        config = engine_settings(settings, edition.site_url, view.speech)
        config_file = engine.write_config(config, source_root)
    except (SourceError, EngineMissing, SettingsError) as error:
        raise BuildFailed(str(error)) from None
    label = f" ({edition.language})" if len(edition.languages.all) > 1 else ""
    seconds[f"generate{label}"] = time.perf_counter() - clock
    clock = time.perf_counter()
    engine_site = source_root / "site"
    if engine_site.exists():
        shutil.rmtree(engine_site)  # nothing of an earlier build may pass for a page this one wrote
    whole = None if edition.is_original else WholeSite(sites[edition.languages.original], edition.prefix)
    run = engine.start(config_file)
    try:
        arriving = _as_written(run, tree, engine_site, seconds, label)
        finished = finish_site(tree, engine_site, view, arriving=arriving, whole=whole)
    except PostBuildError as error:
        raise BuildFailed(str(error)) from None
    finally:
        run.stop()
    seconds[f"engine, then check and index{label}"] = time.perf_counter() - clock
    sites[edition.language] = engine_site
    return finished, len(tree.pages)


def checked(layout: Layout, say: Say) -> ValidationResult:
    """The validator's result, if the knowledge base may be built at all."""
    result = validate_knowledge_base(layout)
    if not result.ok:
        raise BuildFailed(
            "the knowledge base is invalid, so the site was not built. "
            "Fix these and build again (python scripts/validate.py shows the same list):\n"
            + format_text(result.diagnostics)
        )
    warnings = [d for d in result.diagnostics if d.severity is Severity.WARNING]
    if warnings:
        say("The knowledge base has warnings (they do not stop the build):\n" + format_text(warnings))
    return result


def model(result: ValidationResult, layout: Layout, site: SiteInfo) -> KnowledgeBase:
    kb = build_knowledge_base(result)
    kb.site = site
    kb.last_changed = last_changed_dates(layout.root, [entry.loaded.path for entry in result.entries])
    return kb


def _as_written(run: Run, tree: SourceTree, site: Path, seconds: dict[str, float], label: str = "") -> Iterator[str]:
    """Each page as the engine finishes writing it, while it runs; then, if it failed, why.

    The engine runs on one core and the post-build step on the other, as
    MkDocs' hooks once did, but by reading the files it writes: no engine
    runs logic of ours (MkDocs writes page by page, kb.build.engines.page_by_page).
    A file counts as written once it ends its document (``</html>``); one the
    engine writes again later is caught at the end (kb.build.postbuild).
    """
    arrivals = Arrivals(site, {page.dest_uri for page in tree.pages.values()} | set(THEME_PAGES))
    while run.running():
        ready = arrivals.ready()
        yield from ready
        if not ready:
            time.sleep(POLL_SECONDS)
    result = run.wait()
    seconds[run.engine.name + label] = result.seconds
    if not result.ok:
        raise BuildFailed(
            f"{run.engine.name} could not build the generated source in {site.parent}. The content passed "
            "validation, so this is a bug in the build or an engine limit; please report it with these lines:\n"
            + "\n".join(result.problems)
        )


POLL_SECONDS = 0.1


def _publish(built: Path, output: Path) -> None:
    """Move the finished site where it was asked for: a rename, so a reader never sees half of it."""
    if built.resolve() == output.resolve():
        return
    if output.exists():
        shutil.rmtree(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(built), str(output))
