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
import threading
import traceback
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
Beside = TypeVar("Beside")

CHUNK = 64  # items taken at a time: few enough turns at the lock, small enough to end together
MIN_ITEMS = 2 * CHUNK  # below this a fork costs more than it saves


class WorkerFailed(Exception):
    """The forked process stopped with an error; the message holds its traceback."""


def can_fork() -> bool:
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


def on_two_cores(
    items: Sequence[Item], work: Callable[[Item], Result], beside: Callable[[], Beside]
) -> tuple[list[Result], Beside]:
    """``work`` over every item, in the items' order, and ``beside()``, which runs in this process first.

    An exception in ``work`` reaches the caller as it was raised, in either
    process (one that cannot be pickled, as ``WorkerFailed`` with the
    worker's traceback).
    """
    if len(items) < MIN_ITEMS or not can_fork():
        besides = beside()
        return [work(item) for item in items], besides
    context = multiprocessing.get_context("fork")
    taken = context.Value("i", 0)  # chunks handed out so far, by either process
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: do chunks until none is left, send what they gave, and leave
        os.close(reader)
        _work_and_report(items, work, taken, writer)
    os.close(writer)
    try:
        besides = beside()
        done = dict(_take_chunks(items, work, taken))
    except BaseException:
        with taken.get_lock():
            taken.value = len(items)  # no chunk left: the worker stops after the one it is doing
        raise
    finally:
        with os.fdopen(reader, "rb") as answer:
            report = answer.read()  # before waiting: the worker blocks on a full pipe until it is read
        _, status = os.waitpid(pid, 0)
    outcome = pickle.loads(report) if report else None
    if isinstance(outcome, BaseException):
        raise outcome
    if os.waitstatus_to_exitcode(status) != 0 or not isinstance(outcome, dict):
        raise WorkerFailed(outcome if isinstance(outcome, str) else f"the worker process ended with status {status}")
    done |= outcome
    return [done[index] for index in range(len(items))], besides


def _take_chunks(items: Sequence[Item], work: Callable[[Item], Result], taken: Any) -> list[tuple[int, Result]]:
    done: list[tuple[int, Result]] = []
    while True:
        with taken.get_lock():
            chunk = taken.value
            taken.value += 1
        start = chunk * CHUNK
        if start >= len(items):
            return done
        done += [(index, work(items[index])) for index in range(start, min(start + CHUNK, len(items)))]


def _work_and_report(items: Sequence[Item], work: Callable[[Item], Result], taken: Any, writer: int) -> None:
    code = 0
    try:
        report = pickle.dumps(dict(_take_chunks(items, work, taken)), protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException as error:  # every error must reach the parent, which raises it
        code = 1
        try:
            report = pickle.dumps(error)
        except Exception:  # an exception that cannot be pickled: its traceback, as text
            report = pickle.dumps(traceback.format_exc())
    try:
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(report)
    finally:
        os._exit(code)  # never return into the parent's code, its cleanup or its atexit handlers
