"""The checks that read every page, run in a child process while the build goes on.

Two checks look at each page the build makes: the sanitiser (would it take
anything out of the page's HTML? kb.core.html_policy) and nothing lost (does the
finished page show its entry's title and whole text? kb.build.published). Neither
needs anything from the build but the page, so the build hands each page to a
child Python process, which checks it on the other core, and collects the
problems at the end; any problem fails the build there. At 10,000 practices
the two took about 15 s of the build's one busy core.

A plain child process (``python -m kb.build.page_checks``) rather than
multiprocessing, which would run the parent's main script again in the child
and so break any caller that drives MkDocs from a script of its own.

Protocol, on the child's stdin: one JSON line with what each entry's page
must show ({source: [title, body Markdown]}); then, per page, a JSON line
``[kind, source, byte length]`` and the HTML, kind ``content`` (a page's HTML
before the theme) or ``page`` (the finished page); then ``end``. The child
answers with one JSON object: {"unsafe": [...], "lost": [...]}.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from kb.build.priority import giving_way
from kb.build.published import Expected, missing_text
from kb.core.html_policy import unsafe_markup

SHOWN_REMOVALS = 5


class PageCheckError(Exception):
    pass


class PageChecks:
    """A child process checking pages as the build hands them over."""

    def __init__(self, expected: Mapping[str, Expected]) -> None:
        package_root = str(Path(__file__).resolve().parents[2])
        path = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
        # A file, not a pipe: nothing reads it until the end. Closed with this object.
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115
        self._process = subprocess.Popen(
            giving_way([sys.executable, "-m", "kb.build.page_checks"]),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._errors,
            env=os.environ | {"PYTHONPATH": path},
        )
        self._answer = b""
        # The answer comes only at the end, but a thread reads it so the child can never block on a full pipe.
        self._reader = threading.Thread(target=self._read_answer, daemon=True)
        self._reader.start()
        self._send(json.dumps({source: [e.title, e.body] for source, e in expected.items()}).encode() + b"\n")

    def check_content(self, source: str, html: str) -> None:
        """The page's HTML as Markdown made it, before the theme: nothing for the sanitiser to remove."""
        self._frame("content", source, html)

    def check_page(self, source: str, html: str) -> None:
        """The finished page of an entry: it shows the entry's title and whole text."""
        self._frame("page", source, html)

    def problems(self) -> tuple[list[str], list[str]]:
        """Waits for the child; returns (unsafe markup, lost content), one sentence each."""
        self._send(b"end\n")
        assert self._process.stdin is not None
        with contextlib.suppress(BrokenPipeError, OSError, ValueError):
            self._process.stdin.close()  # fails only if the child ended already; its exit status says how
        self._reader.join()
        self._process.wait()
        if self._process.returncode != 0:
            raise PageCheckError(f"the page checks stopped: {self._stderr()}")
        answer = json.loads(self._answer)
        return list(answer["unsafe"]), list(answer["lost"])

    def cancel(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()

    def _frame(self, kind: str, source: str, html: str) -> None:
        data = html.encode("utf-8")
        self._send(json.dumps([kind, source, len(data)]).encode() + b"\n" + data)

    def _send(self, data: bytes) -> None:
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(data)
            self._process.stdin.flush()
        except (BrokenPipeError, OSError, ValueError):
            self._process.wait()
            raise PageCheckError(f"the page checks stopped: {self._stderr()}") from None

    def _read_answer(self) -> None:
        assert self._process.stdout is not None
        self._answer = self._process.stdout.read()

    def _stderr(self) -> str:
        self._errors.seek(0)
        return self._errors.read().decode("utf-8", "replace")[-2000:].strip() or "(no message)"


def _listed(items: list[Any], limit: int = SHOWN_REMOVALS) -> str:
    shown = "; ".join(map(str, items[:limit]))
    return shown + (f"; and {len(items) - limit} more" if len(items) > limit else "")


def run_checks(stream: IO[bytes]) -> dict[str, list[str]]:
    """The child's side: read the frames, check each page, and say what was found."""
    expected = {source: Expected(title, body) for source, (title, body) in json.loads(stream.readline()).items()}
    unsafe: list[str] = []
    lost: list[str] = []
    while (header := stream.readline()) and header != b"end\n":
        kind, source, length = json.loads(header)
        html = stream.read(length).decode("utf-8")
        if kind == "content":
            removals = unsafe_markup(html)
            if removals:
                unsafe.append(
                    f"docs/{source}: the page's HTML holds markup the site does not publish, which the validator "
                    f"should have refused: {_listed(removals)}. Please report this as a bug."
                )
        elif source in expected:
            lost += missing_text(source, html, expected[source].title, expected[source].body)
    return {"unsafe": unsafe, "lost": lost}


if __name__ == "__main__":
    json.dump(run_checks(sys.stdin.buffer), sys.stdout)
