"""Work spread over processes keeps its order, and a process that may not
start children does the work itself."""

import multiprocessing
import os

import pytest

from haberdar import parallel


def _square_all(batch: list[int]) -> list[int]:
    return [n * n for n in batch]


def test_batches_come_back_in_order_from_worker_processes(monkeypatch):
    monkeypatch.setenv("HABERDAR_PROCESSES", "2")
    batches = [list(range(n, n + 3)) for n in range(0, 30, 3)]
    assert list(parallel.map_batches(_square_all, batches)) == [_square_all(b) for b in batches]


def _report(queue) -> None:
    queue.put(parallel.processes())


def test_a_daemonic_process_works_alone(monkeypatch):
    monkeypatch.setenv("HABERDAR_PROCESSES", "4")
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    worker = context.Process(target=_report, args=(queue,), daemon=True)
    worker.start()
    worker.join(30)
    assert queue.get(timeout=5) == 1
    assert parallel.processes() == 4


def _die(batch: list[int]) -> list[int]:
    os._exit(9)  # a worker killed (the out-of-memory killer, say)


def test_a_dead_worker_fails_the_call_with_the_fix_and_the_next_call_works(monkeypatch):
    monkeypatch.setenv("HABERDAR_PROCESSES", "2")
    with pytest.raises(RuntimeError, match="HABERDAR_PROCESSES=1"):
        list(parallel.map_batches(_die, [[1], [2]]))
    assert list(parallel.map_batches(_square_all, [[1], [2]])) == [[1], [4]]
