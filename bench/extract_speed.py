"""The extractor alone on one core: articles per second of CPU time (best of 5),
on the bundled sample, on folders of real articles and on generated news, with
akana's extract_entities on the same texts beside it when it is installed
(`make bench` installs it).

    .venv/bin/python bench/extract_speed.py [--source FOLDER ...] [--generated 2000] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable
from pathlib import Path

from haberdar.extract.document import extract_facts
from haberdar.extract.rows import facts_to_rows
from haberdar.generate import article
from haberdar.landing.normalise import normalise_text

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def rate(extract: Callable[[str], object], texts: list[str], tries: int = 5) -> float:
    """Articles per second of this process's CPU time, the best of `tries` passes."""
    extract(texts[0])  # lexicons and caches loaded outside the timing
    best = float("inf")
    for _ in range(tries):
        started = time.process_time()
        for text in texts:
            extract(text)
        best = min(best, time.process_time() - started)
    return len(texts) / best


def ours(text: str) -> object:
    return facts_to_rows("x", extract_facts(text))


def speeds(texts: list[str], tries: int = 5) -> dict:
    result = {"articles": len(texts), "chars_mean": round(sum(map(len, texts)) / len(texts)),
              "haberdar_articles_per_s": round(rate(ours, texts, tries))}  # fmt: skip
    try:
        import akana
    except ImportError:
        return result | {"akana": "not installed (pip install akana==0.8.0)"}
    theirs = rate(akana.extract_entities, texts, tries)
    return result | {"akana_articles_per_s": round(theirs),
                     "ratio": round(result["haberdar_articles_per_s"] / theirs, 3)}  # fmt: skip


def folder_texts(folder: Path) -> list[str]:
    return [normalise_text(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source", action="append", default=[], type=Path, help="a folder of real .txt articles"
    )
    parser.add_argument("--generated", type=int, default=2000, help="generated articles (news profile)")
    parser.add_argument("--repeat", type=int, default=40, help="passes over each real folder per try")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    sets = {"sample": folder_texts(SEEDS) * args.repeat}
    for folder in args.source:
        sets[folder.name] = folder_texts(folder) * args.repeat
    rng = random.Random(7)
    sets["generated (news)"] = [normalise_text(article(rng, n)) for n in range(args.generated)]
    results = {name: speeds(texts) for name, texts in sets.items()}
    for name, row in results.items():
        print(f"{name}: {row}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
