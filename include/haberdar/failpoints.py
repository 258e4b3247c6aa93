"""Named points where a test can kill a real run: with HABERDAR_FAILPOINT=<name>
the process SIGKILLs itself there. Crash safety is tested by crashing."""

from __future__ import annotations

import os
import signal


def failpoint(name: str) -> None:
    if os.environ.get("HABERDAR_FAILPOINT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
