"""Work spread over the cores of one worker: landing and extraction map a
function over batches in a pool of processes, keeping the batches' order so the
output is the same whatever the number of processes."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def processes() -> int:
    """HABERDAR_PROCESSES, else one per usable core. A daemonic process (some
    worker pools run tasks in one) may not start children: it works alone."""
    if multiprocessing.current_process().daemon:
        return 1
    configured = os.environ.get("HABERDAR_PROCESSES")
    return max(1, int(configured)) if configured else len(os.sched_getaffinity(0))


def map_batches(fn: Callable[[T], R], batches: list[T]) -> Iterator[R]:
    """fn(batch) for each batch, in order; in worker processes when there are
    several batches and cores. fn must be a module-level function."""
    workers = min(processes(), len(batches))
    if workers <= 1:
        yield from map(fn, batches)
        return
    # forkserver: workers start from a clean process that imported fn's module
    # once, not from a copy of this (threaded) Airflow process
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([fn.__module__])
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield from pool.map(fn, batches)
