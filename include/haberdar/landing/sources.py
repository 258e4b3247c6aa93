"""Find article files under the configured source roots, and nowhere else."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from haberdar.landing.readers import SUPPORTED_SUFFIXES


class SourceError(ValueError):
    """A configured source does not exist or is not allowed."""


def is_ignored(name: str) -> bool:
    """Documentation kept beside the articles (README, LICENSE) is not an article."""
    return os.path.splitext(name)[0].upper() in {"README", "LICENSE", "NOTICE"}


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _entries(folder: str, root: Path) -> Iterator[tuple[os.DirEntry, str | None]]:
    """Every file under folder, and every folder symlink that leads out of the root
    (with why it is refused). Hidden entries are skipped; folder symlinks inside
    the root are not followed: their files are found through the real folder."""
    try:
        with os.scandir(folder) as scan:
            entries = [e for e in scan if not e.name.startswith(".")]
    except OSError as exc:  # an unreadable sub-folder costs its files, not the scan
        yield _FolderEntry(folder), f"unreadable folder: {exc.strerror or exc}; check its permissions"
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _entries(entry.path, root)
        elif entry.is_symlink() and (broken := _broken_link(entry)):
            yield entry, f"unreadable link: {broken}; fix or remove it"
        elif entry.is_symlink() and entry.is_dir():
            if not _inside(target := Path(entry.path).resolve(), root):
                yield (
                    entry,
                    f"folder resolves outside the source folder {root} (symlink to {target}); refused",
                )
        else:
            yield entry, None


class _FolderEntry:
    """What a refused folder is reported as (os.DirEntry cannot be made by hand)."""

    def __init__(self, path: str) -> None:
        self.path, self.name = path, os.path.basename(path)


def _printable(path: str) -> str:
    """The path with bytes that are not UTF-8 (kept by Python as lone surrogates) shown as U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _broken_link(entry: os.DirEntry) -> str | None:
    """Why a symlink cannot be followed (a loop, say), or None."""
    try:
        os.stat(entry.path)
    except FileNotFoundError:
        return None  # dangling: _check reports it as not a regular file
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def _check(entry: os.DirEntry, root: Path) -> str | None:
    """Why a file cannot be read, or None. Only symlinks need resolving: a plain
    file found by walking the root is inside it."""
    suffix = os.path.splitext(entry.name)[1]
    if suffix.lower() not in SUPPORTED_SUFFIXES:
        return f"unsupported file type '{suffix}' (supported: {' '.join(sorted(SUPPORTED_SUFFIXES))})"
    if not entry.is_symlink():
        return None if entry.is_file(follow_symlinks=False) else "not a regular file"
    if not _inside(target := Path(entry.path).resolve(), root):
        return f"path resolves outside the source folder {root} (symlink to {target}); refused"
    return None if target.is_file() else "not a regular file"


def discover(roots: tuple[Path, ...] | list[Path]) -> Iterator[tuple[str, str | None]]:
    """Yield (path, problem) for each candidate file under the roots, sorted so
    runs are deterministic. problem is None for a file to read, or why it is refused
    (a symlink out of the root, say). Paths are strings: a scan of 100,000 files
    spends more on making Path objects than on the file system."""
    for root in roots:
        root = Path(root)
        if not root.exists():
            raise SourceError(f"source {root} does not exist: pass an existing folder or file with --source")
        real_root = root.resolve()
        if real_root.is_file():
            yield str(real_root), None
            continue
        # sorted as a tree listing is: by path components (folder "a" before file "a-b")
        for entry, problem in sorted(
            _entries(str(real_root), real_root), key=lambda e: e[0].path.split(os.sep)
        ):
            if problem or not is_ignored(entry.name):
                printable = _printable(entry.path)
                if printable != entry.path:
                    yield (
                        printable,
                        "file name is not valid UTF-8; rename the file (e.g. convmv -f cp1254 -t utf8)",
                    )
                else:
                    yield entry.path, problem or _check(entry, real_root)
