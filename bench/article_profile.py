"""How articles look to the extractor: length, and sentences, institutions,
persons and events per 1,000 characters, for folders of real articles and for
the generator's profiles side by side (the generator is meant to match real
news, so the speed figures quoted on it hold on real news).

    .venv/bin/python bench/article_profile.py --source ../shared/seeds --source DEV_SET_FOLDER \
        [--generated 300] [--json bench/results/article_profile.json]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
from pathlib import Path

from haberdar.extract.document import extract_facts
from haberdar.generate import PROFILES, article
from haberdar.landing.normalise import normalise_text

MEASURES = ("chars", "sentences", "institutions", "persons", "events")


def measure(text: str) -> dict[str, float]:
    facts = extract_facts(text)
    return {"chars": len(text), "sentences": len(facts.sentences), "institutions": len(facts.entities),
            "persons": len(facts.persons), "events": len(facts.events)}  # fmt: skip


def summary(rows: list[dict[str, float]]) -> dict[str, float]:
    """Median and quartiles of the length; densities per 1,000 characters over the whole set."""
    chars = sorted(r["chars"] for r in rows)
    total = sum(chars)
    out = {"articles": len(rows), "chars_mean": round(total / len(rows)),
           "chars_p25": round(statistics.quantiles(chars, n=4)[0]), "chars_median": round(statistics.median(chars)),
           "chars_p75": round(statistics.quantiles(chars, n=4)[2])}  # fmt: skip
    for name in MEASURES[1:]:
        out[f"{name}_per_1000_chars"] = round(1000 * sum(r[name] for r in rows) / total, 2)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", action="append", default=[], help="a folder of real .txt articles")
    parser.add_argument("--generated", type=int, default=300, help="articles of each generator profile")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    table = {}
    for folder in args.source:
        texts = [normalise_text(p.read_text(encoding="utf-8")) for p in sorted(Path(folder).glob("*.txt"))]
        table[Path(folder).name] = summary([measure(t) for t in texts])
    for profile in PROFILES:
        rng = random.Random(7)
        texts = [normalise_text(article(rng, n, profile)) for n in range(args.generated)]
        table[f"generated ({profile})"] = summary([measure(t) for t in texts])
    columns = list(next(iter(table.values())))
    print("| set | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    for name, row in table.items():
        print(f"| {name} | " + " | ".join(str(row[c]) for c in columns) + " |")
    if args.json:
        args.json.write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
