"""The benchmark's serve measurement: a free port, and a failed server says why (without running the benchmark)."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import measure
from benchmarks.measure import ProcessOutput, ServeError, free_port, preview_update_seconds


def child(code: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_a_free_port_is_one_a_server_can_listen_on() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = free_port()
        assert port != taken.getsockname()[1]
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
            server.bind(("127.0.0.1", port))
            server.listen()


def test_waiting_returns_the_line_that_matches() -> None:
    process = child("print('Building'); print('Serving on http://127.0.0.1:1/', flush=True); input()")
    try:
        assert ProcessOutput(process, "server").wait_for("Serving on", 30).startswith("Serving on")
    finally:
        process.kill()
        process.wait()


def test_a_server_that_exits_reports_its_exit_code_and_last_lines() -> None:
    lines = "; ".join(f"print('line {n}')" for n in range(30))
    process = child(f"import sys; {lines}; sys.exit(3)")
    with pytest.raises(ServeError) as error:
        ProcessOutput(process, "mkdocs serve", kept_lines=5).wait_for("Serving on", 30)
    assert str(error.value) == (
        "mkdocs serve exited with code 3 before printing 'Serving on'; its last lines:\n"
        + "\n".join(f"    line {n}" for n in range(25, 30))
    )


def test_a_silent_server_is_given_up_on_at_the_timeout() -> None:
    process = child("import time; time.sleep(60)")
    try:
        with pytest.raises(ServeError, match=r"^server printed no 'Serving on' within 0.5 s, and printed nothing$"):
            ProcessOutput(process, "server").wait_for("Serving on", 0.5)
    finally:
        process.kill()
        process.wait()


def test_serve_listens_on_a_free_port_and_says_why_it_did_not_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A stand-in for `python -m kb serve` that fails as a server does on a taken port.
    fake = tmp_path / "python"
    fake.write_text('#!/bin/sh\necho "args: $*"\necho "OSError: [Errno 98] Address already in use"\nexit 1\n')
    fake.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(fake))
    monkeypatch.setattr(measure, "free_port", lambda: 54321)
    with pytest.raises(ServeError) as error:
        preview_update_seconds(tmp_path, tmp_path / "practice.md", timeout=30)
    message = str(error.value)
    assert message.startswith("python -m kb serve exited with code 1 before printing 'Serving on'; its last lines:\n")
    assert "--port 54321" in message
    assert message.endswith("    OSError: [Errno 98] Address already in use")
