"""The extractor's compiled modules (setup.py builds them with mypyc) are used
only while they match their sources: a module edited since the build, or every
module when HABERDAR_PURE_PYTHON=1, is imported from its Python source, so an
edit takes effect at once and a stale extension never runs. Decided once, in
haberdar/__init__.py, before any of those modules is imported."""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.util
import json
import logging
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the folder that holds the haberdar package
MANIFEST = Path(__file__).with_name("compiled.json")


def source(module: str, root: Path = ROOT) -> Path:
    return root.joinpath(*module.split(".")).with_suffix(".py")


def stale(digests: dict[str, str], root: Path = ROOT) -> list[str]:
    """Modules whose source no longer has the hash it was compiled from."""
    return [m for m, digest in digests.items()
            if hashlib.sha256(source(m, root).read_bytes()).hexdigest() != digest]  # fmt: skip


class _FromSource(importlib.abc.MetaPathFinder):
    """Imports the named modules from their .py files, not their extensions."""

    def __init__(self, modules: set[str]) -> None:
        self.modules = modules

    def find_spec(self, fullname: str, path: object = None, target: object = None):
        if fullname in self.modules:
            return importlib.util.spec_from_file_location(fullname, source(fullname))
        return None


def use_source_where_stale() -> None:
    if not MANIFEST.exists():
        return  # built without compiling: plain Python everywhere
    digests = json.loads(MANIFEST.read_text(encoding="utf-8"))
    if os.environ.get("HABERDAR_PURE_PYTHON") != "1":
        changed = stale(digests)
        if not changed:
            return
        logging.getLogger(__name__).warning(
            "%s changed since the extractor was compiled: running its Python source (slower); "
            "`make env` compiles it again", ", ".join(changed))  # fmt: skip
    # all of them, not only the changed: compiled modules call each other directly
    sys.meta_path.insert(0, _FromSource(set(digests)))
