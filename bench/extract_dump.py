"""Every fact the extractor reads, as one JSON file, to check that a change meant
to be faster changes nothing: dump before, dump after, compare.

    .venv/bin/python bench/extract_dump.py OUT.json [--source FOLDER ...] [--generated 500]
    cmp BEFORE.json AFTER.json
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from haberdar.extract.document import extract_facts
from haberdar.extract.rows import facts_to_rows
from haberdar.generate import PROFILES, article

PROJECT = Path(__file__).resolve().parents[1]


def facts(text: str) -> dict:
    rows = facts_to_rows("x", extract_facts(text))
    return {table: [{c: str(v) for c, v in row.items() if c != "extractor_version"} for row in table_rows]
            for table, table_rows in rows.items()}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--source", action="append", default=[], type=Path, help="a folder of .txt articles")
    parser.add_argument("--generated", type=int, default=500, help="generated articles of each profile")
    args = parser.parse_args()
    folders = [PROJECT / "seeds", *sorted((PROJECT / "tests" / "fixtures").glob("*/")), *args.source]
    out = {str(p): facts(p.read_text(encoding="utf-8")) for f in folders for p in sorted(f.glob("*.txt"))}
    for profile in PROFILES:
        rng = random.Random(3)
        out |= {f"{profile}-{n}": facts(article(rng, n, profile)) for n in range(args.generated)}
    args.out.write_text(json.dumps(out, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    print(f"{len(out)} articles, {sum(len(r) for a in out.values() for r in a.values())} rows -> {args.out}")


if __name__ == "__main__":
    main()
