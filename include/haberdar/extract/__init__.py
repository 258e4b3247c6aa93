"""Stage 2: Turkish news text -> institutions, persons, events and agreements.

A pipeline of small steps over one document: sentences and tokens (text),
institution mentions (institutions), persons (persons), events and agreements
(events). Lexicons and gazetteers are data files in haberdar/lexicons."""

from __future__ import annotations

import hashlib
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def behaviour_files() -> list[Path]:
    """Every file whose content decides what the extractor reads from a text: its
    code, the Turkish helpers and the lexicons (their README excepted)."""
    files = [*_PACKAGE.joinpath("extract").glob("*.py"), _PACKAGE / "turkish.py"]
    files += [p for p in _PACKAGE.joinpath("lexicons").iterdir() if p.suffix in {".csv", ".txt"}]
    return sorted(files)


def content_version(files: list[Path]) -> str:
    """A digest of the files' names and bytes: any edit gives a new version."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


# Facts extracted under another version are extracted again (extract.stage.pending_parts).
EXTRACTOR_VERSION = content_version(behaviour_files())
