"""The extractor as installed (compiled by mypyc, setup.py) reads exactly the
facts its Python source reads; a module edited since the build runs from source."""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

import haberdar.extract.document
from haberdar import compiled
from haberdar.extract.document import extract_facts
from haberdar.extract.rows import facts_to_rows
from haberdar.generate import PROFILES, article

PROJECT = Path(__file__).resolve().parents[2]
DUMP = """
import json, sys
from haberdar.extract.document import extract_facts
from haberdar.extract.rows import facts_to_rows
texts = json.load(sys.stdin)
print(json.dumps([facts_to_rows("x", extract_facts(t)) for t in texts], default=str, sort_keys=True))
"""


def _texts() -> list[str]:
    folders = [PROJECT / "seeds", *sorted((PROJECT / "tests" / "fixtures").glob("*/"))]
    texts = [p.read_text(encoding="utf-8") for f in folders for p in sorted(f.glob("*.txt"))]
    for profile in PROFILES:
        rng = random.Random(11)
        texts += [article(rng, n, profile) for n in range(150)]
    return texts


@pytest.mark.skipif(not compiled.MANIFEST.exists(), reason="installed without compiling (HABERDAR_COMPILE=0)")
def test_the_compiled_extractor_reads_every_fact_the_python_source_reads():
    assert haberdar.extract.document.__file__.endswith(".so")  # the extension runs, not the source
    texts = _texts()
    env = {**os.environ, "HABERDAR_PURE_PYTHON": "1"}
    source = subprocess.run([sys.executable, "-c", DUMP], input=json.dumps(texts), env=env, capture_output=True,
                            text=True, check=True)  # fmt: skip
    ours = json.dumps([facts_to_rows("x", extract_facts(t)) for t in texts], default=str, sort_keys=True)
    assert ours == source.stdout.strip()


def test_a_module_edited_since_the_build_is_named_stale(tmp_path):
    module = tmp_path / "pkg" / "mod.py"
    module.parent.mkdir()
    module.write_text("x = 1\n")
    digests = {"pkg.mod": hashlib.sha256(module.read_bytes()).hexdigest()}
    assert compiled.stale(digests, tmp_path) == []
    module.write_text("x = 2\n")
    assert compiled.stale(digests, tmp_path) == ["pkg.mod"]
