"""kb.core.two_cores: work shared with a forked process gives what the same work gives in one."""

from __future__ import annotations

import os
import time

import pytest

from kb.core import two_cores
from kb.core.two_cores import CHUNK, MIN_CHUNKS, WorkerFailed, on_two_cores

MIN_ITEMS = MIN_CHUNKS * CHUNK
ITEMS = list(range(MIN_ITEMS * 5 + 7))


def square_and_pid(item: int) -> tuple[int, int]:
    time.sleep(0.001)  # long enough that the forked process starts before this one has taken every chunk
    return item * item, os.getpid()


def test_every_item_is_done_once_in_order_and_both_processes_take_part() -> None:
    results, beside = on_two_cores(ITEMS, square_and_pid, lambda: "beside")
    assert beside == "beside"
    assert [value for value, _ in results] == [item * item for item in ITEMS]
    if two_cores.can_fork():
        assert {pid for _, pid in results} - {os.getpid()}, "the forked process did none of the work"


def test_few_items_are_done_here() -> None:
    results, _ = on_two_cores(ITEMS[:3], square_and_pid, lambda: None)
    assert results == [(item * item, os.getpid()) for item in ITEMS[:3]]


class Refused(Exception):
    pass


def refuse_the_last(item: int) -> int:
    if item == ITEMS[-1]:
        raise Refused(f"item {item}")
    return item


def test_an_error_in_either_process_reaches_the_caller_as_raised() -> None:
    # The last chunk is taken by whichever process is free: the error must come out either way.
    with pytest.raises(Refused, match=f"item {ITEMS[-1]}"):
        on_two_cores(ITEMS, refuse_the_last, lambda: None)


def test_an_error_beside_the_work_stops_the_worker_and_is_raised() -> None:
    def fail() -> None:
        raise Refused("beside")

    with pytest.raises(Refused, match="beside"):
        on_two_cores(ITEMS, square_and_pid, fail)


class Unpicklable(Exception):
    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("cannot be pickled")


def test_an_error_that_cannot_be_pickled_comes_back_as_its_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()

    def fail_in_worker(item: int) -> int:
        if os.getpid() != parent:
            raise Unpicklable("in the worker")
        return item

    if not two_cores.can_fork():
        pytest.skip("no fork here: the work is done in one process")
    monkeypatch.setattr(two_cores, "CHUNK", 1)  # many small chunks: the worker surely takes one
    with pytest.raises(WorkerFailed, match="Unpicklable: in the worker"):
        on_two_cores(list(range(MIN_ITEMS * 20)), fail_in_worker, lambda: time.sleep(0.2))
