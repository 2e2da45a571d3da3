"""Work on many items shared between this process and one forked from it, to use both cores.

Used for the two long steps before the engine starts, which nothing else runs
beside: validating the entry files (kb.checks.validation) and generating the
entries' pages (kb.build.source_tree). At 10,000 practices the second core
idled for half a minute while one core wrote the pages. Each item depends only
on what was loaded before, which a forked process has as it is, without
copying or pickling it; only each item's small result comes back.

The two processes take chunks of items from a shared counter, so they share
the work evenly whatever else this process does first (``beside``). Where
fork is missing, or threads are running that a fork would leave half-way
through a lock, the work is done here alone, with the same result.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import struct
import threading
import traceback
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
Beside = TypeVar("Beside")

CHUNK = 64  # items taken at a time: few enough turns at the lock, small enough to end together
MIN_CHUNKS = 2  # below two chunks of items a fork costs more than it saves


class WorkerFailed(Exception):
    """The forked process stopped with an error; the message holds its traceback."""


def can_fork() -> bool:
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


def on_two_cores(
    items: Sequence[Item], work: Callable[[Item], Result], beside: Callable[[], Beside], chunk: int | None = None
) -> tuple[list[Result], Beside]:
    """``work`` over every item, in the items' order, and ``beside()``, which runs in this process first.

    ``chunk``: items taken at a time (default ``CHUNK``); 1 for a few long items.

    An exception in ``work`` reaches the caller as it was raised, in either
    process (one that cannot be pickled, as ``WorkerFailed`` with the
    worker's traceback).
    """
    chunk = chunk or CHUNK
    if len(items) < MIN_CHUNKS * chunk or not can_fork():
        besides = beside()
        return [work(item) for item in items], besides
    context = multiprocessing.get_context("fork")
    taken = context.Value("i", 0)  # chunks handed out so far, by either process
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: do chunks until none is left, sending each one's results, and leave
        os.close(reader)
        _work_and_report(items, work, taken, writer, chunk)
    os.close(writer)
    # The worker's results are read as it sends them, so no pickling is left for the end: a thread
    # that waits on the pipe, taking its turn at the interpreter only when a chunk's results arrive.
    received = _Received(reader)
    receiving = threading.Thread(target=received.read_all, daemon=True)
    receiving.start()
    try:
        besides = beside()
        done = dict(_take_chunks(items, work, taken, chunk))
    except BaseException:
        with taken.get_lock():
            taken.value = len(items)  # no chunk left: the worker stops after the one it is doing
        raise
    finally:
        receiving.join()  # the worker ends its last message, then its end of the pipe closes
        _, status = os.waitpid(pid, 0)
    if received.error is not None:
        raise received.error
    if os.waitstatus_to_exitcode(status) != 0 or not received.finished:
        raise WorkerFailed(received.failure or f"the worker process ended with status {status}")
    done |= received.results
    return [done[index] for index in range(len(items))], besides


# One message of the worker: its length, then its pickled content: ("chunk", [(index, result), ...]),
# ("error", the exception raised), ("failed", a traceback as text) or ("finished", None).
_LENGTH = struct.Struct("<Q")


class _Received:
    """What the worker sent, read from its pipe until it closes."""

    def __init__(self, pipe: int) -> None:
        self._pipe = pipe
        self.results: dict[int, Any] = {}
        self.error: BaseException | None = None
        self.failure: str | None = None
        self.finished = False

    def read_all(self) -> None:
        with os.fdopen(self._pipe, "rb") as stream:
            while header := stream.read(_LENGTH.size):
                kind, content = pickle.loads(stream.read(_LENGTH.unpack(header)[0]))
                if kind == "chunk":
                    self.results.update(content)
                elif kind == "error":
                    self.error = content
                elif kind == "failed":
                    self.failure = content
                else:
                    self.finished = True


def _take_chunks(
    items: Sequence[Item],
    work: Callable[[Item], Result],
    taken: Any,
    chunk_size: int,
    send: Callable[[list[Any]], None] | None = None,
) -> list[tuple[int, Result]]:
    """Chunks of items until none is left: their results, or, with ``send``, each chunk's sent at once."""
    done: list[tuple[int, Result]] = []
    while True:
        with taken.get_lock():
            chunk = taken.value
            taken.value += 1
        start = chunk * chunk_size
        if start >= len(items):
            return done
        results = [(index, work(items[index])) for index in range(start, min(start + chunk_size, len(items)))]
        if send is None:
            done += results
        else:
            send(results)


def _work_and_report(
    items: Sequence[Item], work: Callable[[Item], Result], taken: Any, writer: int, chunk_size: int
) -> None:
    code = 0
    with os.fdopen(writer, "wb") as pipe:

        def send(kind: str, content: Any) -> None:
            message = pickle.dumps((kind, content), protocol=pickle.HIGHEST_PROTOCOL)
            pipe.write(_LENGTH.pack(len(message)) + message)
            pipe.flush()

        try:
            try:
                _take_chunks(items, work, taken, chunk_size, partial(send, "chunk"))
                send("finished", None)
            except BaseException as error:  # every error must reach the parent, which raises it
                code = 1
                try:
                    send("error", error)
                except Exception:  # an exception that cannot be pickled: its traceback, as text
                    send("failed", traceback.format_exc())
        finally:
            os._exit(code)  # never return into the parent's code, its cleanup or its atexit handlers
