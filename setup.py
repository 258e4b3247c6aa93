"""Builds the extractor's modules with mypyc into C extensions (about twice as
fast; every fact the same: tests/unit/test_compiled.py). pyproject.toml holds
everything else. HABERDAR_COMPILE=0, or no C compiler, installs plain Python.

A manifest (include/haberdar/compiled.json) records the hash of each compiled
source, so that haberdar/compiled.py runs the Python source of a module changed
since the build instead of its stale extension."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

from setuptools import setup

HERE = Path(__file__).resolve().parent
PACKAGE = HERE / "include" / "haberdar"
# the extractor: pure computation on strings, where compiling pays
EXTRACTOR = sorted(p for p in (PACKAGE / "extract").glob("*.py") if p.name not in ("__init__.py", "stage.py"))
COMPILED = [PACKAGE / "turkish.py", *EXTRACTOR]
MANIFEST = PACKAGE / "compiled.json"


def _extensions() -> list:
    MANIFEST.unlink(missing_ok=True)
    if os.environ.get("HABERDAR_COMPILE", "1") == "0":
        return []
    if not shutil.which(os.environ.get("CC", "cc")):
        print("haberdar: no C compiler (cc): the extractor is installed as plain Python", file=sys.stderr)
        return []
    from mypyc.build import mypycify

    sources = [str(p.relative_to(HERE)) for p in COMPILED]
    extensions = mypycify(["--ignore-missing-imports", *sources], opt_level="3")
    module = {p: ".".join(p.relative_to(HERE / "include").with_suffix("").parts) for p in COMPILED}
    digests = {module[p]: hashlib.sha256(p.read_bytes()).hexdigest() for p in COMPILED}
    MANIFEST.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return extensions


setup(ext_modules=_extensions())
