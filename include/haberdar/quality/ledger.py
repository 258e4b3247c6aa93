"""Which lake parts a gate has passed. A gate checks every part it has not passed
yet, not only this run's: a part that a failed (or killed) gate left in the lake
is checked again by the next run instead of flowing on unchecked."""

from __future__ import annotations

import json
from pathlib import Path

from haberdar.atomic import replacing


class Ledger:
    """Parts a gate passed, by path relative to a root, with the size and
    modification time they had then: a part rewritten since is unchecked again."""

    def __init__(self, path: Path, root: Path):
        self.path, self.root = path, root
        self.passed: dict[str, list[int]] = json.loads(path.read_text()) if path.exists() else {}

    @staticmethod
    def _fingerprint(part: Path) -> list[int]:
        stat = part.stat()
        return [stat.st_size, stat.st_mtime_ns]

    def unchecked(self, parts: list[Path]) -> list[Path]:
        return [p for p in parts if self.passed.get(str(p.relative_to(self.root))) != self._fingerprint(p)]

    def mark_passed(self, parts: list[Path]) -> None:
        present = {str(p.relative_to(self.root)) for p in parts}
        # parts gone from the lake are forgotten, so the ledger stays as small as the lake
        self.passed = {k: v for k, v in self.passed.items() if (self.root / k).exists() or k in present}
        self.passed.update({str(p.relative_to(self.root)): self._fingerprint(p) for p in parts})
        with replacing(self.path) as tmp:
            tmp.write_text(json.dumps(self.passed, indent=0, sort_keys=True))
