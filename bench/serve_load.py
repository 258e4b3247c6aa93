"""Load on the Postgres endpoint: N concurrent clients run the analyst queries
(bench/analyst_queries.sql) through `haberdar serve` for a while, and a pipeline
run adds articles and publishes in the middle of it. Reports errors, latency
percentiles per query and overall, and how soon the new publish was served.

    .venv/bin/python bench/serve_load.py --warehouse /tmp/load/w.duckdb --more /tmp/load/more
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg

HERE = Path(__file__).resolve().parent


def _queries() -> dict[str, str]:
    parts = re.split(r"^-- name: ", (HERE / "analyst_queries.sql").read_text(), flags=re.M)[1:]
    return {name.strip(): sql for name, sql in (p.split("\n", 1) for p in parts)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _articles(dsn: str) -> int | None:
    try:
        with psycopg.connect(dsn) as con:
            return con.execute("select count(*) from marts.dim_article").fetchone()[0]
    except psycopg.Error:
        return None


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def _client(dsn: str, queries: dict[str, str], until: float, latencies: dict, errors: list) -> None:
    with psycopg.connect(dsn, autocommit=True) as con:
        while time.monotonic() < until:
            for name, sql in queries.items():
                started = time.perf_counter()
                try:
                    con.execute(sql).fetchall()
                except psycopg.Error as exc:
                    errors.append(f"{name}: {exc}")
                    continue
                latencies[name].append((time.perf_counter() - started) * 1000)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--warehouse", required=True, help="a published warehouse (its data folder beside it)"
    )
    parser.add_argument(
        "--more", required=True, help="a folder of new articles, landed and published mid-run"
    )
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--json", default=str(HERE / "results" / "serve_load.json"))
    args = parser.parse_args()
    warehouse = Path(args.warehouse).resolve()
    port, password = _free_port(), secrets.token_hex(8)
    env = {**os.environ, "HABERDAR_SERVE_PASSWORD": password}
    dsn = f"host=127.0.0.1 port={port} dbname=haberdar user=haberdar password={password}"
    log = warehouse.with_name("serve-load.log")
    started = time.monotonic()
    with open(log, "w") as out:
        serve = subprocess.Popen([sys.executable, "-m", "haberdar.cli", "serve", "--warehouse", str(warehouse),
                                  "--port", str(port)], env=env, stdout=out, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        while (before := _articles(dsn)) is None:
            if serve.poll() is not None:
                raise SystemExit(f"haberdar serve stopped; see {log}")
            time.sleep(0.5)
        first_mirror = time.monotonic() - started
        print(f"serving {before} articles after {first_mirror:.1f}s (start and first mirror)", flush=True)
        queries = _queries()
        latencies: dict[str, list[float]] = {name: [] for name in queries}
        errors: list[str] = []
        until = time.monotonic() + args.seconds
        clients = [threading.Thread(target=_client, args=(dsn, queries, until, latencies, errors))
                   for _ in range(args.clients)]  # fmt: skip
        for c in clients:
            c.start()
        time.sleep(min(5, args.seconds / 4))
        publish_started = time.monotonic()
        run = subprocess.run([sys.executable, "-m", "haberdar.cli", "run", "--source", str(args.more),
                              "--warehouse", str(warehouse)], capture_output=True, text=True, check=False)  # fmt: skip
        published = time.monotonic() - publish_started
        while (now := _articles(dsn)) == before and time.monotonic() < until + 120:
            time.sleep(0.2)
        served_after = time.monotonic() - publish_started - published
        for c in clients:
            c.join()
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=60)
    every = [ms for values in latencies.values() for ms in values]
    result = {
        "clients": args.clients, "seconds": args.seconds, "queries_run": len(every), "errors": len(errors),
        "first_errors": errors[:5], "run_exit_code": run.returncode, "articles_before": before, "articles_after": now,
        "run_seconds": round(published, 1), "served_seconds_after_publish": round(served_after, 1),
        "latency_ms": {name: {"median": round(statistics.median(v), 1), "p95": round(_percentile(v, 0.95), 1),
                              "runs": len(v)} for name, v in latencies.items() if v},
        "overall_ms": {"median": round(statistics.median(every), 1), "p95": round(_percentile(every, 0.95), 1),
                       "p99": round(_percentile(every, 0.99), 1)},
    }  # fmt: skip
    Path(args.json).write_text(json.dumps(result, indent=1, ensure_ascii=False))
    print(json.dumps(result, indent=1, ensure_ascii=False))
    return 1 if errors or run.returncode else 0


if __name__ == "__main__":
    sys.exit(main())
