"""Per-article extraction report: each article's precision and recall, and every
false positive and miss next to the gold, so a failure is one look away.

It scores with the project's scorer (`../shared/eval/score.py`), so its totals
are the scorer's; the per-article detail uses the scorer's own matching.

    .venv/bin/python bench/evaluate.py --gold GOLD.json --source DIR      # build, then report
    .venv/bin/python bench/evaluate.py --gold GOLD.json --warehouse W.duckdb [--only FILE]
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def load_scorer(path: Path) -> ModuleType:
    if not path.exists():
        raise SystemExit(f"no scorer at {path}: pass --scorer PATH to ../shared/eval/score.py")
    spec = importlib.util.spec_from_file_location("haberdar_scorer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(sources: list[str], warehouse: Path) -> None:
    """Land, extract and build the marts with the quick development build."""
    cmd = [sys.executable, str(ROOT / "bench" / "quick_build.py"), "--warehouse", str(warehouse)]
    for source in sources:
        cmd += ["--source", source]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def _rows(con, sql: str, params: list) -> list[tuple]:
    return con.execute(sql, params).fetchall()


def _pair_names(pair: tuple[str, str], names: dict[str, str]) -> str:
    return " + ".join(names.get(p, p) for p in pair)


class ArticleReport:
    """The scorer's view of one article, with names instead of keys."""

    def __init__(self, scorer: ModuleType, con, gold: dict, article_key: str) -> None:
        self.scorer, self.con, self.gold, self.key = scorer, con, gold, article_key
        self.lines: list[str] = []
        self.counts: dict[str, list[int]] = {}

    def _count(self, kind: str, tp: int, fp: int, fn: int) -> None:
        self.counts[kind] = [tp, fp, fn]

    def institutions(self) -> dict:
        s, gold = self.scorer, self.gold
        linked = s.load(
            self.con,
            "dim_institution",
            "where institution_key in (select institution_key from marts.bridge_article_institution "
            "where article_key=?) order by institution_key",
            [self.key],
        )
        mapping = s.match_institutions(linked, gold["institutions"])
        optional = {g["id"] for g in gold["institutions"] if g.get("optional")}
        hits = {v for v in mapping.values() if v}
        by_key = {p["institution_key"]: p for p in linked}
        fps = [by_key[k] for k, v in mapping.items() if v is None]
        misses = [g for g in gold["institutions"] if g["id"] not in hits | optional]
        self._count("institutions", len(hits - optional), len(fps), len(misses))
        self.lines += [f"    + {p['canonical_name']} ({p['institution_type']}, {p['acronym']})" for p in fps]
        self.lines += [f"    - {g['name']} ({g['type']}, {g.get('acronym')})" for g in misses]
        for key, gid in mapping.items():
            g, p = next(x for x in gold["institutions"] if x["id"] == gid) if gid else None, by_key[key]
            if g and p["institution_type"] != g["type"]:
                self.lines.append(
                    f"    ~ type {p['canonical_name']}: {p['institution_type']} (gold {g['type']})"
                )
        return mapping

    def persons(self, mapping: dict) -> None:
        s, norm = self.scorer, self.scorer.norm
        plinked = s.load(
            self.con,
            "dim_person",
            "where person_key in (select person_key from marts.bridge_article_person where article_key=?) "
            "order by person_key",
            [self.key],
        )
        gold = {norm(p["name"]): p for p in self.gold["persons"]}
        names = {g["id"]: g["name"] for g in self.gold["institutions"]}
        names.update({k[1:]: v for k, v in self._unmatched_names().items()})
        seen, fp = set(), 0
        for p in plinked:
            n = norm(p["full_name"])
            if n not in gold or n in seen:
                fp += 1
                self.lines.append(f"    + person {p['full_name']} ({p['title']})")
                continue
            seen.add(n)
            want, got = gold[n]["institution"], mapping.get(p["institution_key"])
            if (got != want) if want else p["institution_key"] is not None:
                self.lines.append(
                    f"    ~ {p['full_name']}: {names.get(got or p['institution_key'])} (gold {names.get(want)})"
                )
        self.lines += [f"    - person {gold[n]['name']} ({gold[n]['title']})" for n in set(gold) - seen]
        self._count("persons", len(seen), fp, len(set(gold) - seen))

    def event_pairs(self, mapping: dict) -> None:
        s = self.scorer
        optional = {g["id"] for g in self.gold["institutions"] if g.get("optional")}
        predicted = set()
        for (event_key,) in _rows(
            self.con, "select event_key from marts.fct_event where article_key=? order by 1", [self.key]
        ):
            members = [
                mapping.get(k) or f"?{k}"
                for (k,) in _rows(
                    self.con,
                    "select institution_key from marts.bridge_event_institution where event_key=?",
                    [event_key],
                )
            ]
            predicted |= s.pairs(members)
        required, optional_pairs = set(), set()
        for ev in self.gold["events"]:
            req = [p for p in ev["participants"] if p not in optional]
            opt = list(ev.get("optional_participants", [])) + [p for p in ev["participants"] if p in optional]
            required |= s.pairs(req)
            optional_pairs |= s.pairs(req + opt) - s.pairs(req)
        names = {g["id"]: g["name"] for g in self.gold["institutions"]}
        names.update(self._unmatched_names())
        wrong = predicted - required - optional_pairs
        self.lines += [f"    + pair {_pair_names(p, names)}" for p in sorted(wrong)]
        self.lines += [f"    - pair {_pair_names(p, names)}" for p in sorted(required - predicted)]
        self._count("event_pairs", len(predicted & required), len(wrong), len(required - predicted))

    def _unmatched_names(self) -> dict[str, str]:
        rows = _rows(
            self.con,
            "select institution_key, canonical_name from marts.dim_institution where institution_key in "
            "(select institution_key from marts.bridge_article_institution where article_key=?)",
            [self.key],
        )
        return {f"?{k}": f"{n}?" for k, n in rows}

    def agreements(self) -> None:
        rows = _rows(
            self.con,
            "select agreement_type, title from marts.fct_agreement where article_key=? order by 1, 2",
            [self.key],
        )
        gold = self.gold["agreements"]
        if rows or gold:
            self.lines.append(f"    agreements: {len(rows)} found {rows}, {len(gold)} in gold")


def report(scorer: ModuleType, warehouse: Path, gold_doc: dict, only: str | None) -> int:
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    problems = scorer.check_contract(con)
    if problems:
        raise SystemExit(f"{warehouse} does not follow CONTRACT.md: {problems}")
    articles = {
        Path(str(r[1])).name: r[0]
        for r in _rows(con, "select article_key, source_uri from marts.dim_article", [])
    }
    for gold in gold_doc["articles"]:
        name = gold["source_file"]
        if only and only not in name:
            continue
        if name not in articles:
            print(f"{name}: NOT IN THE WAREHOUSE")
            continue
        art = ArticleReport(scorer, con, gold, articles[name])
        mapping = art.institutions()
        art.persons(mapping)
        art.event_pairs(mapping)
        art.agreements()
        summary = "  ".join(
            f"{k[:4]} {tp}/{tp + fn} (+{fp})" for k, (tp, fp, fn) in art.counts.items() if tp + fp + fn
        )
        print(f"{name}: {summary}", *art.lines, sep="\n")
    result = scorer.score(con, gold_doc)
    main = ("institutions", "persons", "event_pairs", "agreements")
    print("\n" + "  ".join(f"{k} F1={result[k]['f1']:.3f}" for k in main))
    print(
        f"person_affiliation={result['person_affiliation']['accuracy']}  extraction_f1={result['extraction_f1']:.4f}"
    )
    return 0


def main() -> int:
    import json

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", required=True, help="annotations in the format of shared/gold/seeds.json")
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--warehouse", help="a built warehouse to score")
    target.add_argument("--source", action="append", help="build a warehouse of these articles first")
    parser.add_argument("--only", help="report only articles whose file name contains this")
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    args = parser.parse_args()
    scorer = load_scorer(args.scorer)
    gold_doc = json.loads(Path(args.gold).read_text(encoding="utf-8"))
    if args.source:
        with tempfile.TemporaryDirectory() as tmp:
            warehouse = Path(tmp) / "evaluate.duckdb"
            build(args.source, warehouse)
            return report(scorer, warehouse, gold_doc, args.only)
    return report(scorer, Path(args.warehouse), gold_doc, args.only)


if __name__ == "__main__":
    sys.exit(main())
