"""``python -m kb serve``: a live preview that rebuilds what an edit changed, with any engine.

The same pipeline as ``python -m kb build`` (kb.build.pipeline), kept up to
date while a contributor edits:

1. the repository's content is watched (docs/, schema/, overrides/, site.yml,
   redirects.yaml, permalinks.txt), by polling, which works on every system;
2. on a change, the knowledge base is validated and the changed files'
   problems are printed as ``path:line:col: CODE message``; an invalid
   knowledge base keeps the last good site on screen;
3. the source is generated again with the session's secret, so only the
   files an edit changed are written (kb.build.source_tree);
4. the engine rebuilds incrementally (MkDocs' and ProperDocs' ``--dirty``,
   Zensical's cache), and only the pages it rewrote are filled and checked;
5. an open page reloads itself: a small script file, served by the preview
   alone, asks for the build number each second.

The search index is built once, when the preview starts; pages changed
later are found by their old text until the next ``make build``.
"""

from __future__ import annotations

import dataclasses
import functools
import http.server
import os
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kb.build.engines import ENGINES
from kb.build.engines.base import CONFIG_FILE, Engine
from kb.build.pipeline import BuildFailed, checked, model
from kb.build.postbuild import PostBuildError, finish_site
from kb.build.site_config import SETTINGS_FILE, engine_settings, read_settings
from kb.build.site_url import resolve_site_url
from kb.build.source_tree import HTML_SUFFIXES, SourceTree, generate_source, regenerate_entry_pages
from kb.checks.validation import ValidationResult, validate_knowledge_base
from kb.content.discovery import Entry, Layout
from kb.core.diagnostics import format_text
from kb.model.knowledge_base import KnowledgeBase, SiteInfo
from kb.render.open_data import generated_today
from kb.render.source_links import SourceLinks, source_links_for
from kb.render.templating import render

WATCHED = ("docs", "schema", "overrides", SETTINGS_FILE, "redirects.yaml", "permalinks.txt")
RELOAD_SCRIPT = ".kb-preview.js"
BUILD_NUMBER = ".kb-preview-build"
POLL_SECONDS = 0.2
# Asks for the build number each second and reloads when it changes; a file, so script-src 'self' allows it.
_RELOAD_JS = f"""(function () {{
  var seen = null;
  function ask() {{
    fetch("/{BUILD_NUMBER}", {{cache: "no-store"}}).then(function (r) {{ return r.text(); }}).then(function (n) {{
      if (seen !== null && n !== seen) {{ location.reload(); }}
      seen = n;
    }}).catch(function () {{}}).finally(function () {{ setTimeout(ask, 1000); }});
  }}
  ask();
}})();
"""
BODY_END = "</body>"  # the reload script goes just before it, in every page the preview serves

Say = Callable[[str], None]


@dataclass(frozen=True)
class _Built:
    """What the last good build of a session made, for the next one to start from."""

    result: ValidationResult
    kb: KnowledgeBase
    tree: SourceTree
    links: SourceLinks


@dataclass
class Preview:
    """One preview session: its secret, the engine, and what its last good build made."""

    root: Path
    engine: Engine
    say: Say
    secret: str = field(default_factory=lambda: secrets.token_hex(16))
    build_number: int = 0
    last: _Built | None = None

    @property
    def source_root(self) -> Path:
        return self.root / "build" / "preview"

    @property
    def site(self) -> Path:
        return self.source_root / "site"

    def rebuild(self, changed: list[Path]) -> bool:
        """Bring the site up to date with the repository; False if the content is invalid (the old site stays)."""
        started = time.time()
        layout = Layout.for_root(self.root)
        try:
            texts_only = self._texts_only(layout, changed)
            if texts_only is None:
                self._rebuild_all(layout, changed, started)
            else:
                self._rebuild_texts(texts_only, started)
        except BuildFailed as error:
            self.say(f"Not updated: {error}")
            return False
        self.build_number += 1
        (self.site / BUILD_NUMBER).write_text(str(self.build_number), encoding="utf-8")
        self.say(f"Updated in {time.time() - started:.1f} s")
        return True

    def _texts_only(self, layout: Layout, changed: list[Path]) -> list[Entry] | None:
        """The changed entries, validated, if only their text changed: then only their pages need building.

        Anything else (a new or deleted file, a changed field, a schema, a
        template) makes the whole site again.
        """
        if self.last is None or not changed:
            return None
        before = {entry.path: entry for entry in self.last.result.entries}
        if not all(path in before and path.is_file() for path in changed):
            return None
        result = validate_knowledge_base(layout, changed)
        shown = {layout.display(path) for path in changed}
        problems = [d for d in result.diagnostics if d.path in shown]
        if problems:
            self.say(format_text(problems))
        if not result.ok:
            raise BuildFailed("the edited file has errors (above); the preview shows the last good version")
        entries = result.entries
        if len(entries) != len(changed) or any(entry.data != before[entry.path].data for entry in entries):
            return None
        return entries

    def _rebuild_texts(self, entries: list[Entry], started: float) -> None:
        last = self.last
        assert last is not None
        src_uris = []
        for entry in entries:
            record = last.kb.get(entry.kind, entry.id)
            record.body = entry.loaded.body  # the model keeps its fields: only the text changed
            src_uris.append(record.src_uri)
        tree = regenerate_entry_pages(last.tree, last.kb, last.links, src_uris, secret=self.secret)
        self._engine_and_finish(tree, last.kb, started, first=False)
        self.last = dataclasses.replace(last, tree=tree)

    def _rebuild_all(self, layout: Layout, changed: list[Path], started: float) -> None:
        first = self.last is None
        if not first:
            self._show_problems(layout, changed)
        settings = read_settings(self.root)
        site_url = resolve_site_url(settings.get("site_url"), os.environ)
        result = checked(layout, lambda _: None)
        kb = model(result, layout, SiteInfo(str(settings.get("site_name", "")), site_url))
        links = source_links_for(self.root)
        tree = generate_source(
            kb, layout, links, generated_today(), self.engine.theme_templates(), self.source_root, secret=self.secret
        )
        self.engine.write_config(engine_settings(settings, site_url, kb.speech), self.source_root)
        self._engine_and_finish(tree, kb, started, first=first)
        self.last = _Built(result, kb, tree, links)

    def _engine_and_finish(self, tree: SourceTree, kb: KnowledgeBase, started: float, *, first: bool) -> None:
        built = self.engine.build(self.source_root / CONFIG_FILE, dirty=not first)
        if not built.ok:
            raise BuildFailed("the engine failed:\n" + "\n".join(built.problems))
        rewritten = None if first else _written_since(self.site, started)
        try:
            finish_site(tree, self.site, kb, only=rewritten)
        except PostBuildError as error:
            raise BuildFailed(str(error)) from None
        self._mark_reloadable(tree, rewritten)

    def _show_problems(self, layout: Layout, changed: list[Path]) -> None:
        files = [path for path in changed if path.suffix == ".md" and path.is_file()]
        if files:
            result = validate_knowledge_base(layout, files)
            shown = {layout.display(path) for path in files}
            mine = [d for d in result.diagnostics if d.path in shown]
            if mine:
                self.say(format_text(mine))

    def _mark_reloadable(self, tree: SourceTree, pages: frozenset[str] | None) -> None:
        (self.site / RELOAD_SCRIPT).write_text(_RELOAD_JS, encoding="utf-8")
        reload = render("preview_reload.html", src=f"/{RELOAD_SCRIPT}")
        names = pages if pages is not None else frozenset(page.dest_uri for page in tree.pages.values())
        for name in names:
            path = self.site / name
            if path.is_file():
                text = path.read_text(encoding="utf-8")
                if reload not in text:
                    path.write_text(text.replace(BODY_END, reload + BODY_END, 1), encoding="utf-8")


def _written_since(site: Path, moment: float) -> frozenset[str]:
    return frozenset(
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.suffix.lower() in HTML_SUFFIXES and path.stat().st_mtime >= moment
    )


def snapshot(root: Path) -> dict[Path, float]:
    """Every watched file with its modification time."""
    found: dict[Path, float] = {}
    for name in WATCHED:
        for path in _files(root / name):
            try:
                found[path] = path.stat().st_mtime
            except FileNotFoundError:
                continue
    return found


def _files(path: Path) -> Iterator[Path]:
    if path.is_file():
        yield path
    elif path.is_dir():
        yield from (p for p in path.rglob("*") if p.is_file())


def serve(root: Path, engine_name: str, port: int, say: Say, *, ready: threading.Event | None = None) -> None:
    """Build, serve on 127.0.0.1:``port`` and rebuild on every change, until interrupted."""
    preview = Preview(root, ENGINES[engine_name](), say)
    before = snapshot(root)
    if not preview.rebuild([]):
        raise BuildFailed("the preview could not start; fix the problems above and run it again")
    handler = functools.partial(_QuietHandler, directory=str(preview.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    say(f"Serving on http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C stops)")
    if ready is not None:
        ready.set()
    try:
        while True:
            time.sleep(POLL_SECONDS)
            now = snapshot(root)
            changed = sorted(path for path in now.keys() | before.keys() if now.get(path) != before.get(path))
            if changed:
                before = now
                say("Changed: " + ", ".join(str(path.relative_to(root)) for path in changed[:5]))
                preview.rebuild(changed)
    finally:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
