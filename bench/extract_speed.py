"""Extractor speed on one core: articles per second over the sample articles
repeated, extraction only (no I/O).

    .venv/bin/python bench/extract_speed.py [--repeat 200] [--source seeds]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from haberdar.extract.document import extract_facts
from haberdar.extract.rows import facts_to_rows
from haberdar.landing.normalise import normalise_text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--source", default=str(Path(__file__).resolve().parents[1] / "seeds"))
    args = parser.parse_args()
    texts = [normalise_text(p.read_text(encoding="utf-8")) for p in sorted(Path(args.source).glob("*.txt"))]
    extract_facts(texts[0])  # load the lexicons outside the timing
    started = time.perf_counter()
    for _ in range(args.repeat):
        for text in texts:
            facts_to_rows("x", extract_facts(text))
    seconds = time.perf_counter() - started
    n = args.repeat * len(texts)
    chars = args.repeat * sum(map(len, texts))
    print(
        f"{n} articles in {seconds:.2f}s: {n / seconds:.0f} articles/s, {chars / seconds / 1e6:.2f} M chars/s (one core)"
    )


if __name__ == "__main__":
    main()
