"""Child processes that must not outlive the process that started them."""

from __future__ import annotations

import contextlib
import ctypes
import signal
from collections.abc import Callable


def dies_with_parent(sig: int = signal.SIGKILL) -> Callable[[], None]:
    """A preexec_fn: when the parent dies (even SIGKILLed: the OOM killer, kill -9),
    the child gets `sig` (Linux prctl PR_SET_PDEATHSIG), so no run goes on without
    its lock and no server keeps its port and data folder."""

    def set_death_signal() -> None:
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, sig)  # PR_SET_PDEATHSIG

    return set_death_signal
