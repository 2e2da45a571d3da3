"""Pagefind's indexing service, fed each page as the site engine finishes it.

Running the Pagefind CLI after the build reads every page back from disk and
indexes them while nothing else runs: about a sixth of the build at 10,000
practices. The same binary has a service mode (what Pagefind's own Node and
Python wrappers drive): requests in, responses out, each a base64-encoded JSON
message followed by a comma. Fed page by page, it indexes on the second core
while the build goes on, and only writing the bundle is left for the end.

Pagefind's Python wrapper speaks this protocol too, but polls for each response
with a 0.1 s sleep, which makes it slower than the CLI; this module writes
requests without waiting and reads responses on a thread.

Pagefind holds its whole index in memory until it writes the bundle, about
0.3 MB per practice page: 3 GB at 10,000 practices. So the site's index is
written in shards (``SearchIndex``): the first ``SHARD_PAGES`` pages in the
bundle at ``pagefind/``, each next group in a bundle of its own,
``pagefind/shard-2/`` and on, by one service process after another, never two
at once. ``pagefind/kb-shards.json`` lists the other bundles, and the site's
search script merges them into the first with Pagefind's ``mergeIndex``, which
ranks the results of all of them together.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import IO, Any

from kb.build.priority import giving_way

RESPONSE_TIMEOUT_S = 600  # writing the bundle of a large site takes seconds; a stuck service never answers
# Pages per shard. Pagefind's service takes about 0.3 MB per practice page
# (pagefind 1.5.2, the synthetic practices of benchmarks/corpus.py: 962 MB for
# 3,199 pages in one service, 707-721 MB for shards of 2,500 practices), more
# in the first shard, which also holds the long country and approach pages
# (887 MB for the first 2,500 pages, 1,272 MB for the first 3,500, at 10,000
# practices). Every bundle costs a reader its own index chunks per query, so
# shards are as large as the build's memory budget (1.5 GB) allows with room
# for practices longer than the synthetic ones.
SHARD_PAGES = 3000
# Words (counted with each page they are on) per index chunk: Pagefind's default
# is 20,000, so a query for a rare word downloads some 30 KB of other words from
# every bundle. With several bundles, smaller chunks keep "bytes to first
# result" within its budget (scripts/bench.py). Pagefind reads the setting from
# this environment variable, which its own tests use; pagefind is pinned in
# requirements.txt, and a test fails if an upgrade stops reading it.
INDEX_CHUNK_SIZE = 5000
INDEX_CHUNK_VARIABLE = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"
SHARD_PAGES_VARIABLE = "KB_SEARCH_SHARD_PAGES"  # overrides SHARD_PAGES; tests set it small
SHARDS_FILE = "kb-shards.json"  # in the first bundle: the other bundles, for docs/assets/search.js
# Pages the build may finish while the previous shard is being written; then it waits.
WAITING_PAGES = 2000


class PagefindError(Exception):
    pass


class PagefindService:
    """One index, built page by page in a ``pagefind --service`` process."""

    def __init__(self, *, force_language: str, exclude_selectors: Sequence[str]) -> None:
        self._process = subprocess.Popen(
            giving_way([sys.executable, "-m", "pagefind", "--service"]),
            env=os.environ | {INDEX_CHUNK_VARIABLE: str(INDEX_CHUNK_SIZE)},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self._next_id = 0
        self._responses: dict[int, dict[str, Any]] = {}
        self._answered = threading.Condition()
        self._stderr: list[bytes] = []
        self._readers = [
            threading.Thread(target=self._read_responses, daemon=True),
            threading.Thread(target=self._read_stderr, daemon=True),
        ]
        for reader in self._readers:
            reader.start()
        config = {"force_language": force_language, "exclude_selectors": list(exclude_selectors)}
        created = self._wait(self._send({"type": "NewIndex", "config": config}))
        self._index_id = int(created["index_id"])
        self._pages: list[int] = []
        self._indexed = 0
        self._writing: int | None = None

    def add_page(self, url: str, html: str) -> None:
        """Index one finished page; returns at once, and errors are reported by ``write``."""
        request = {"type": "AddFile", "index_id": self._index_id, "file_path": None, "url": url, "file_contents": html}
        self._pages.append(self._send(request))

    def start_writing(self, output_path: Path) -> None:
        """Wait for every page, then have the bundle written to ``output_path`` while the caller goes on."""
        errors = []
        for message_id in self._pages:
            try:
                response = self._wait(message_id)
            except PagefindError as error:
                errors.append(str(error))
                continue
            self._indexed += 1 if response.get("page_url") else 0
        if errors:
            raise PagefindError(f"Pagefind could not index {len(errors)} pages: {'; '.join(errors[:3])}")
        self._writing = self._send({"type": "WriteFiles", "index_id": self._index_id, "output_path": str(output_path)})

    def finish_writing(self) -> int:
        """Wait until the bundle is written; returns how many pages it holds."""
        if self._writing is None:
            raise PagefindError("the search index was never asked to be written")
        self._wait(self._writing)
        return self._indexed

    def close(self) -> None:
        if self._process.poll() is None:
            assert self._process.stdin is not None
            with contextlib.suppress(OSError):
                self._process.stdin.close()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()

    def _send(self, payload: Mapping[str, Any]) -> int:
        self._next_id += 1
        message = json.dumps({"message_id": self._next_id, "payload": payload}).encode("utf-8")
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(base64.b64encode(message) + b",")
            self._process.stdin.flush()
        except (BrokenPipeError, OSError, ValueError):  # ValueError: its pipe was closed here
            raise PagefindError(f"the Pagefind service stopped: {self._stderr_text()}") from None
        return self._next_id

    def _wait(self, message_id: int) -> dict[str, Any]:
        with self._answered:
            answered = self._answered.wait_for(
                lambda: message_id in self._responses or not self._readers[0].is_alive(), timeout=RESPONSE_TIMEOUT_S
            )
            response = self._responses.pop(message_id, None)
        if not answered or response is None:
            raise PagefindError(f"the Pagefind service did not answer: {self._stderr_text()}")
        if response.get("type") == "Error":
            raise PagefindError(str(response.get("message", response)))
        return response

    def _read_responses(self) -> None:
        stream = self._process.stdout
        assert stream is not None
        for message in _messages(stream):
            response = json.loads(base64.b64decode(message))
            payload = response.get("payload") or {}
            message_id = response.get("message_id")
            if message_id is None and payload.get("original_message"):
                message_id = json.loads(payload["original_message"]).get("message_id")
            with self._answered:
                if message_id is not None:
                    self._responses[int(message_id)] = payload
                self._answered.notify_all()
        with self._answered:
            self._answered.notify_all()  # the service ended: nobody should wait any longer

    def _read_stderr(self) -> None:
        assert self._process.stderr is not None
        for line in self._process.stderr:
            self._stderr.append(line)

    def _stderr_text(self) -> str:
        return b"".join(self._stderr[-20:]).decode("utf-8", "replace").strip() or "(no message)"


class SearchIndex:
    """The site's index, in shards of at most ``shard_pages`` pages, each in its own bundle.

    Pages go to one service process until it holds ``shard_pages``; that one
    then waits for its pages and writes its bundle on a thread, while the pages
    the build finishes meanwhile wait here, and the next service starts once
    it has exited. The first bundle is at ``output``, the n-th at
    ``output/shard-n/``.
    """

    def __init__(self, output: Path, shard_pages: int, start_service: Callable[[], PagefindService]) -> None:
        self._output = output
        self._shard_pages = shard_pages
        self._start_service = start_service
        self._service: PagefindService | None = None
        self._in_shard = 0
        self._shards = 0
        self._indexed = 0
        self._retiring: threading.Thread | None = None
        self._retire_error: PagefindError | None = None
        self._waiting: list[tuple[str, str]] = []

    def add_page(self, url: str, html: str) -> None:
        """Index one finished page; returns at once, and errors are reported by the writing."""
        retiring = self._retiring is not None and self._retiring.is_alive()
        if self._service is None and retiring and len(self._waiting) < WAITING_PAGES:
            self._waiting.append((url, html))
        else:
            self._add(url, html)

    def start_writing(self) -> None:
        """Have the last shard written while the caller goes on."""
        if self._waiting or self._shards == 0:  # an empty site still gets its (empty) bundle
            self._start_next()
        if self._service is not None:
            self._service.start_writing(self._bundle(self._shards))

    def finish_writing(self) -> int:
        """Wait until every bundle is written and list the other bundles in the first; returns the pages indexed."""
        if self._service is not None:
            self._indexed += self._service.finish_writing()
            self._service.close()
            self._service = None
        self._join_retiring()
        others = [f"shard-{shard}/" for shard in range(2, self._shards + 1)]
        (self._output / SHARDS_FILE).write_text(json.dumps({"bundles": others}) + "\n", encoding="utf-8")
        return self._indexed

    def close(self) -> None:
        """Stop every service process, whether or not the index was written."""
        if self._service is not None:
            self._service.close()
        if self._retiring is not None:
            self._retiring.join()

    def _add(self, url: str, html: str) -> None:
        while self._service is None:
            self._start_next()
        self._service.add_page(url, html)
        self._in_shard += 1
        if self._in_shard >= self._shard_pages:
            self._retiring = threading.Thread(target=self._retire, args=(self._service, self._bundle(self._shards)))
            self._service = None
            self._retiring.start()

    def _start_next(self) -> None:
        """A service for the next shard, once the last one has exited, fed the pages that waited for it."""
        self._join_retiring()
        self._service = self._start_service()
        self._shards += 1
        self._in_shard = 0
        waiting, self._waiting = self._waiting, []
        for url, html in waiting:
            self._add(url, html)

    def _retire(self, service: PagefindService, bundle: Path) -> None:
        try:
            service.start_writing(bundle)
            self._indexed += service.finish_writing()
        except PagefindError as error:
            self._retire_error = error
        finally:
            service.close()

    def _join_retiring(self) -> None:
        if self._retiring is not None:
            self._retiring.join()
            self._retiring = None
        if self._retire_error is not None:
            raise self._retire_error

    def _bundle(self, shard: int) -> Path:
        return self._output if shard == 1 else self._output / f"shard-{shard}"


def start_search_index(output: Path, environ: Mapping[str, str] = os.environ, language: str = "en") -> SearchIndex:
    """One edition's index, to be written at ``output``, ready to index pages as the build finishes them.

    ``language``: the edition's, whose stemming Pagefind applies to every word of its pages.
    """
    text = environ.get(SHARD_PAGES_VARIABLE, "")
    if text and not (text.isdigit() and int(text) > 0):
        raise PagefindError(f"{SHARD_PAGES_VARIABLE} must be a whole number of pages above 0, not {text!r}")
    return SearchIndex(output, int(text) if text else SHARD_PAGES, partial(start_search_service, language))


def start_search_service(language: str = "en") -> PagefindService:
    """Pagefind with the site's settings, ready for the pages of one shard in ``language``."""
    # Heading permalinks ("¶") are not words of the page.
    return PagefindService(force_language=language, exclude_selectors=[".headerlink"])


def _messages(stream: IO[bytes]) -> Iterator[bytes]:
    """The comma-separated messages of a stream, as they arrive."""
    pending = b""
    while chunk := os.read(stream.fileno(), 1 << 16):
        pending += chunk
        *complete, pending = pending.split(b",")
        yield from (message for message in complete if message)
