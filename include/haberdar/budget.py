"""Budgets that keep one article from stalling a run: a size past which it is not
extracted, and a time after which its extraction is abandoned. Either way the
article is quarantined with the reason and the others go on."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from haberdar.config import env_int

# An article over this many characters is not extracted (a real news article has
# a few thousand; a 250 KB "article" is a dump or an attack).
MAX_ARTICLE_CHARS = env_int("HABERDAR_MAX_ARTICLE_CHARS", 200_000)
# Seconds one article may take (a real one takes milliseconds).
ARTICLE_SECONDS = env_int("HABERDAR_ARTICLE_SECONDS", 30)


class OverBudget(Exception):
    """An article took longer than its budget."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise OverBudget in the block once `seconds` have passed (SIGALRM: only in
    a process's main thread, where extraction runs; elsewhere, no budget).

    Python runs a signal handler at the next bytecode it evaluates, which in
    compiled code can be a weakref callback or a `__del__` whose exceptions are
    ignored, or after the block; so its end checks the clock as well."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    message = f"extraction took over {seconds:g}s"

    def expire(_signum: int, _frame: object) -> None:
        raise OverBudget(message)

    previous = signal.signal(signal.SIGALRM, expire)
    started = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if time.monotonic() - started >= seconds:
        raise OverBudget(message)
