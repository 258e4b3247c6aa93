"""Work spread over the cores of one worker: landing and extraction map a
function over batches in a pool of processes, keeping the batches' order so the
output is the same whatever the number of processes."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from haberdar.config import env_int

T = TypeVar("T")
R = TypeVar("R")


def processes() -> int:
    """HABERDAR_PROCESSES, else one per usable core. A daemonic process (some
    worker pools run tasks in one) may not start children: it works alone."""
    if multiprocessing.current_process().daemon:
        return 1
    return max(1, env_int("HABERDAR_PROCESSES", len(os.sched_getaffinity(0))))


_pool: ProcessPoolExecutor | None = None
_pool_size = 0


def _shared_pool(workers: int) -> ProcessPoolExecutor:
    """One pool per process, kept for the next task: in the embedded runner every
    task of every DAG runs in this process, and starting workers (and importing
    the extractor in each) costs more than a part of articles takes to extract."""
    global _pool, _pool_size
    if _pool is None or _pool_size != workers:
        if _pool is not None:
            _pool.shutdown()
        # forkserver: workers start from a clean process, not from a copy of this
        # (threaded) Airflow process; it imports the modules whose functions run in
        # the pool once, so each worker starts with them loaded
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["haberdar.landing.land", "haberdar.extract.stage"])
        _pool, _pool_size = ProcessPoolExecutor(workers, mp_context=context), workers
    return _pool


def _bounded_map(
    pool: ProcessPoolExecutor, fn: Callable[[T], R], batches: list[T], ahead: int
) -> Iterator[R]:
    """pool.map, but with at most `ahead` batches submitted and not yet taken:
    Executor.map submits them all, and their results pile up in this process
    (a million articles' texts) whenever the caller is slower than the workers."""
    waiting: deque[Future[R]] = deque()
    for batch in batches:
        waiting.append(pool.submit(fn, batch))
        if len(waiting) >= ahead:
            yield waiting.popleft().result()
    while waiting:
        yield waiting.popleft().result()


def worker_pids() -> list[int]:
    """The processes of this process's pool (none before it is started)."""
    return list(_pool._processes) if _pool is not None and _pool._processes else []


def map_batches(fn: Callable[[T], R], batches: list[T]) -> Iterator[R]:
    """fn(batch) for each batch, in order; in worker processes when there are
    several batches and cores. fn must be a module-level function."""
    global _pool
    workers = processes()
    if min(workers, len(batches)) <= 1:
        yield from map(fn, batches)
        return
    try:
        yield from _bounded_map(_shared_pool(workers), fn, batches, ahead=2 * workers)
    except BrokenProcessPool as exc:
        _pool = None  # the next call starts afresh
        raise RuntimeError(
            f"a worker process died running {fn.__name__} (killed, or out of memory?); retry the task "
            "(it starts its work over), with HABERDAR_PROCESSES=1 to work in one process"
        ) from exc
