"""Measurements in one process: validation against its floor, and builds against the baseline."""

from __future__ import annotations

import collections
import contextlib
import gzip
import os
import queue
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import yaml

from kb.checks.validation import validate_knowledge_base
from kb.content.discovery import Layout
from kb.core.kinds import KINDS

SERVE_LOG_LINES = 20  # of a server's output, shown when it fails


def seconds(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    return statistics.median(seconds(action) for _ in range(repeat))


def parse_floor(files: list[Path]) -> None:
    """The least any validator must do: read every file and parse its front matter with the C loader."""
    for path in files:
        text = path.read_text(encoding="utf-8")
        yaml.load(text.split("---\n", 2)[1], Loader=yaml.CSafeLoader)


def content_files(root: Path) -> list[Path]:
    return sorted(path for kind in KINDS for path in (root / "docs" / kind.folder).glob("*.md"))


@dataclass(frozen=True)
class ValidationTimes:
    floor: float
    full: float
    ratio: float  # of each full run to the floor run just before it: the median
    one_file: float
    valid: bool


def measure_validation(root: Path, one: Path, repeat: int) -> ValidationTimes:
    """Each full validation timed right after a run of the parse floor, so the two are compared on a
    machine in the same state: on a shared machine the speed of both drifts by a third within a minute."""
    layout = Layout.for_root(root)
    files = content_files(root)
    valid = validate_knowledge_base(layout).ok  # also warms file caches for both sides
    pairs = [
        (seconds(lambda: parse_floor(files)), seconds(lambda: validate_knowledge_base(layout))) for _ in range(repeat)
    ]
    floor = statistics.median(floor for floor, _ in pairs)
    full = statistics.median(full for _, full in pairs)
    ratio = statistics.median(full / floor for floor, full in pairs)
    one_file = median_seconds(lambda: validate_knowledge_base(layout, only=[one]), repeat)
    return ValidationTimes(floor, full, ratio, one_file, valid)


@dataclass(frozen=True)
class BuildResult:
    seconds: float
    cpu_seconds: float  # user + system, of the build and every process it waited for
    peak_rss_mb: float
    site_mb: float
    pages: int
    log: str


def run_build(root: Path, site: Path, *, ours: bool = True, languages: str | None = "en") -> BuildResult:
    """``python -m kb build`` (or, for the baseline, plain ``mkdocs build``) in a child process,
    timed, with its peak memory from wait4 (the largest of it and every process it waited for).

    ``languages``: the editions ours builds, English alone unless asked (None: every language of site.yml),
    so the build compared with the baseline is the same site as the baseline's."""
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    command = (
        [sys.executable, "-m", "kb", "build", "--root", str(root), "--site-dir", str(site)]
        + (["--languages", languages] if languages else [])
        if ours
        else [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"), "-d", str(site)]
    )
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    log = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"build of {root} failed:\n{log[-3000:]}")
    size = sum(path.stat().st_size for path in site.rglob("*") if path.is_file())
    pages = sum(1 for _ in site.rglob("index.html"))
    return BuildResult(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, size / 1e6, pages, log)


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


class ServeError(RuntimeError):
    """``mkdocs serve`` did not do what the measurement waited for; the message says why."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now, chosen by the system.

    Another process could take it before the server binds it; the server then
    exits, and ``ServeError`` shows its "Address already in use".
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def preview_update_seconds(root: Path, practice: Path, port: int | None = None, timeout: float = 600) -> float:
    """Start ``python -m kb serve``, edit one practice, and time until the served page shows the edit."""
    env = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
    port = port or free_port()
    command = [sys.executable, "-m", "kb", "serve", "--root", str(root), "--port", str(port)]
    process = subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = ProcessOutput(process, "python -m kb serve")
    url = f"http://127.0.0.1:{port}/practices/{practice.stem}/"
    marker = f"edited{time.time_ns()}"
    try:
        output.wait_for(r"Serving on", timeout)
        time.sleep(1)
        text = practice.read_text(encoding="utf-8")
        start = time.perf_counter()
        practice.write_text(text.replace("## How it works", f"## How it works\n\nPage {marker}.", 1))
        while time.perf_counter() - start < timeout:
            if process.poll() is not None:
                raise ServeError(output.report(f"exited with code {process.returncode} before showing the edit"))
            with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=5) as response:
                if marker in response.read().decode("utf-8", "replace"):
                    return time.perf_counter() - start
            time.sleep(0.05)
        raise ServeError(output.report(f"did not show the edit within {timeout:g} s"))
    finally:
        process.terminate()
        process.wait(timeout=30)


class ProcessOutput:
    """A child's output lines, read in a thread so waiting for one can time out and notice the child exit."""

    def __init__(self, process: subprocess.Popen[str], name: str, kept_lines: int = SERVE_LOG_LINES) -> None:
        assert process.stdout is not None
        self.process, self.name = process, name
        self.last_lines: collections.deque[str] = collections.deque(maxlen=kept_lines)
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, args=(process.stdout,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self._lines.put(line)
        self._lines.put(None)  # the child closed its output: it has exited

    def wait_for(self, pattern: str, timeout: float) -> str:
        """The first line matching ``pattern``; ServeError with the exit code and last lines if none comes."""
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self._lines.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                code = self.process.wait()
                raise ServeError(self.report(f"exited with code {code} before printing {pattern!r}"))
            self.last_lines.append(line.rstrip("\n"))
            if re.search(pattern, line):
                return line
        raise ServeError(self.report(f"printed no {pattern!r} within {timeout:g} s"))

    def report(self, what: str) -> str:
        if not self.last_lines:
            return f"{self.name} {what}, and printed nothing"
        tail = "\n".join(f"    {line}" for line in self.last_lines)
        return f"{self.name} {what}; its last lines:\n{tail}"


_EDITION_STAGE = re.compile(
    r"(?:generate|engine, then check and index) \((?P<language>[a-z]{2})\) (?P<seconds>[0-9.]+) s"
)


def seconds_per_language(log: str) -> dict[str, float]:
    """Each edition's time, from the build's "Time:" line: generating its source, then its engine run with
    the checks and index that overlap it."""
    found: dict[str, float] = {}
    for match in _EDITION_STAGE.finditer(log):
        found[match["language"]] = found.get(match["language"], 0.0) + float(match["seconds"])
    return found
