"""The same text gives the same facts in every process: Python salts string
hashes per process, so any iteration over a set of strings that decides an
outcome would show up here as a difference."""

import os
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SCRIPT = """
import sys
from pathlib import Path
from haberdar.extract.document import extract_facts
from haberdar.extract.rows import facts_to_rows
from haberdar.landing.normalise import normalise_text
for path in sorted(Path(sys.argv[1]).rglob("*.txt")):
    rows = facts_to_rows(path.name, extract_facts(normalise_text(path.read_text(encoding="utf-8"))))
    print(sorted((table, sorted(map(str, values))) for table, values in rows.items()))
"""


def test_extraction_does_not_depend_on_the_hash_seed():
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run([sys.executable, "-c", SCRIPT, str(FIXTURES)], env=env, capture_output=True,
                              text=True, check=True)  # fmt: skip
        outputs.add(proc.stdout)
    assert len(outputs) == 1
