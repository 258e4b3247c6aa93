"""Find article files under the configured source roots, and nowhere else."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from haberdar.landing.readers import SUPPORTED_SUFFIXES


class SourceError(ValueError):
    """A configured source does not exist or is not allowed."""


def is_ignored(path: Path) -> bool:
    """Documentation kept beside the articles (README, LICENSE) is not an article."""
    return path.stem.upper() in {"README", "LICENSE", "NOTICE"}


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def discover(roots: tuple[Path, ...] | list[Path]) -> Iterator[tuple[Path, str | None]]:
    """Yield (path, problem) for each candidate file under the roots, sorted so
    runs are deterministic. problem is None for a file to read, or why it is refused
    (a symlink out of the root, say)."""
    for root in roots:
        root = Path(root)
        if not root.exists():
            raise SourceError(f"source {root} does not exist: pass an existing folder or file with --source")
        real_root = root.resolve()
        if real_root.is_file():
            yield real_root, None
            continue
        found: list[Path] = []
        for folder, dirs, files in os.walk(real_root, followlinks=False):
            for d in sorted(dirs):
                link = Path(folder) / d
                if link.is_symlink() and not _inside(link.resolve(), real_root):
                    yield (
                        link,
                        f"folder resolves outside the source folder {real_root} (symlink to {link.resolve()}); refused",
                    )
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [Path(folder) / f for f in files if not f.startswith(".")]
        for path in sorted(found):
            if is_ignored(path):
                continue
            target = path.resolve()
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                supported = " ".join(sorted(SUPPORTED_SUFFIXES))
                yield path, f"unsupported file type '{path.suffix}' (supported: {supported})"
            elif not _inside(target, real_root):
                yield (
                    path,
                    f"path resolves outside the source folder {real_root} (symlink to {target}); refused",
                )
            elif not target.is_file():
                yield path, "not a regular file"
            else:
                yield path, None
