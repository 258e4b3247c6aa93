"""The benchmark: the full pipeline (`haberdar run`, the real DAGs) on generated
articles at several sizes, then an incremental run with 1% new articles, then
the extractor alone (and akana's extract_entities on the same texts, when the
bench extra is installed). Writes bench/results/results.json and results.md.

    make bench                              # 1k, 10k and 100k articles
    .venv/bin/python bench/run.py --sizes 1000 10000
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from extract_speed import SEEDS, folder_texts, speeds  # bench/, beside this script

from haberdar.generate import PROFILES, article, generate
from haberdar.landing.normalise import normalise_text

HERE = Path(__file__).resolve().parent
STAGES = {  # task ids of the DAGs, grouped as the benchmark reports them
    "land": re.compile(r"^land$"),
    "extract": re.compile(r"^(pending_parts|extract_part)"),
    "dbt build": re.compile(r"^dbt[._]"),
    "quality gates": re.compile(r"^check_"),
    "publish": re.compile(r"^publish$"),
    "report": re.compile(r"^report$"),
}


def run_pipeline(inbox: Path, warehouse: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "HABERDAR"))}
    env["HABERDAR_TIMINGS"] = str(warehouse.with_suffix(".timings.json"))
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "haberdar.cli", "run", "--source", str(inbox), "--warehouse", str(warehouse)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"the pipeline failed on {inbox}:\n{proc.stderr[-3000:]}")
    timings = json.loads(Path(env["HABERDAR_TIMINGS"]).read_text())
    seconds, peaks = timings["seconds"], timings["peak_rss_mib"]
    landed = int(re.search(r"articles landed: (\d+) new", proc.stdout).group(1))  # this run only
    stages = {
        name: round(sum(s for t, s in seconds.items() if pattern.search(t)), 2)
        for name, pattern in STAGES.items()
    }
    return {
        "wall_s": round(wall, 2),
        "stages_s": stages,
        "stages_articles_per_s": {
            name: round(landed / s) if s and landed else None for name, s in stages.items()
        },
        # each stage's own peak: the largest resident set of its tasks (haberdar.runner)
        "stages_peak_rss_mib": {
            name: max((m for t, m in peaks.items() if pattern.search(t)), default=None)
            for name, pattern in STAGES.items()
        },
        "landed": landed,
        "peak_rss_mib": max(peaks.values()),
        "warehouse_mib": round(warehouse.stat().st_size / 2**20, 1),
    }


def query_times(warehouse: Path, repeat: int = 5) -> dict[str, float]:
    """Median milliseconds of each analyst query, on a new read-only connection."""
    import duckdb

    queries = re.split(r"^-- name: ", (HERE / "analyst_queries.sql").read_text(), flags=re.M)[1:]
    timings = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        for query in queries:
            name, sql = query.split("\n", 1)
            seconds = []
            for _ in range(repeat):
                started = time.perf_counter()
                con.execute(sql).fetchall()
                seconds.append(time.perf_counter() - started)
            timings[name.strip()] = round(sorted(seconds)[repeat // 2] * 1000, 1)
    return timings


def dag_parse_seconds() -> dict[str, float]:
    """Seconds to parse each DAG file the way the DAG processor does."""
    report = Path("/tmp/haberdar-bench-dags.json")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "HABERDAR"))}
    env["HABERDAR_DATA_DIR"] = "/tmp/haberdar-bench-dags"
    subprocess.run([sys.executable, str(HERE.parent / "tests" / "integration" / "dag_report.py"), str(report)],
                   env=env, check=True, capture_output=True)  # fmt: skip
    return {name: round(s, 3) for name, s in json.loads(report.read_text())["parse_seconds"].items()}


def markdown(results: dict) -> str:
    lines = ["| articles | run | wall s | articles/s | land | extract | dbt | gates | publish | report | peak RSS MiB | warehouse MiB |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for size, runs in results["pipeline"].items():
        for label, r in runs.items():
            s = r["stages_s"]
            rate = round(r["landed"] / r["wall_s"]) if r["landed"] else 0
            lines.append(f"| {size} | {label} | {r['wall_s']} | {rate} | {s['land']} | {s['extract']} | "
                         f"{s['dbt build']} | {s['quality gates']} | {s['publish']} | {s['report']} | {r['peak_rss_mib']} | "
                         f"{r['warehouse_mib']} |")  # fmt: skip
    lines += ["", "Per stage, full runs: articles/s, and the stage's peak memory (MiB, the largest of its tasks)",
              "", "| articles | " + " | ".join(STAGES) + " |", "|---|" + "---|" * len(STAGES)]  # fmt: skip
    for size, runs in results["pipeline"].items():
        full = runs["full"]
        cells = [
            f"{full['stages_articles_per_s'][n]} /s, {full['stages_peak_rss_mib'][n]} MiB" for n in STAGES
        ]
        lines.append(f"| {size} | " + " | ".join(cells) + " |")
    speed = results["extractor"]
    lines += ["", f"Extractor alone, one core: {speed}", "",
              f"Analyst queries on the {results['queries_on']}-article warehouse, median ms: {results['queries_ms']}", "",
              f"DAG parse seconds: {results['dag_parse_s']}"]  # fmt: skip
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--work", default="/tmp/haberdar-bench", help="where inboxes and warehouses go")
    parser.add_argument("--profile", choices=PROFILES, default=PROFILES[0], help="the generator's profile")
    args = parser.parse_args()

    work = Path(args.work)
    results: dict = {"profile": args.profile, "pipeline": {}}
    for size in args.sizes:
        folder = work / str(size)
        shutil.rmtree(folder, ignore_errors=True)
        inbox = folder / "inbox"
        started = time.perf_counter()
        generate(size, inbox, profile=args.profile)
        print(f"[bench] generated {size} articles in {time.perf_counter() - started:.1f}s", flush=True)
        full = run_pipeline(inbox, folder / "warehouse.duckdb")
        print(f"[bench] {size}: full run {full}", flush=True)
        generate(max(size // 100, 1), inbox / "new", seed=size + 1, profile=args.profile)  # 1% new articles
        incremental = run_pipeline(inbox, folder / "warehouse.duckdb")
        print(f"[bench] {size}: incremental run {incremental}", flush=True)
        results["pipeline"][size] = {"full": full, "+1%": incremental}
    results["queries_on"] = args.sizes[-1]
    results["queries_ms"] = query_times(work / str(args.sizes[-1]) / "warehouse.duckdb")
    results["dag_parse_s"] = dag_parse_seconds()
    import random

    rng = random.Random(7)
    texts = [normalise_text(article(rng, n, args.profile)) for n in range(2000)]
    results["extractor"] = {f"generated ({args.profile})": speeds(texts),
                            "sample_repeated": speeds(folder_texts(SEEDS) * 40)}  # fmt: skip
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2))
    (out / "results.md").write_text(markdown(results))
    print(markdown(results))


if __name__ == "__main__":
    main()
