"""Haberdar: a data warehouse of Turkey's industry and technology news, built by Airflow DAGs.

    haberdar run [--source PATH|URL ...] [--warehouse FILE.duckdb] [--data-dir DIR]
    haberdar report [--warehouse FILE.duckdb] [--out DIR]
    haberdar serve [--warehouse FILE.duckdb] [--host H] [--port P]
    haberdar prepare [--data-dir DIR]
    haberdar airflow [AIRFLOW ARGS ...]

`run` executes the same Airflow DAGs the scheduler runs, in-process, and exits
non-zero if any step or data-quality gate fails."""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import re
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq

from haberdar.config import ConfigError, Settings, duckdb_config
from haberdar.generate import PROFILES
from haberdar.locking import RunLock, RunLockBusy
from haberdar.processes import dies_with_parent


def _settings(args: argparse.Namespace) -> Settings:
    """CLI flags become the environment every stage (and dbt, and Airflow) reads."""
    if args.warehouse:
        warehouse = Path(args.warehouse).expanduser().resolve()
        os.environ["HABERDAR_WAREHOUSE"] = str(warehouse)
        if not args.data_dir and "HABERDAR_DATA_DIR" not in os.environ:
            # each warehouse keeps its own lake and state beside it
            os.environ["HABERDAR_DATA_DIR"] = str(warehouse.with_name(warehouse.stem + ".haberdar"))
    if args.data_dir:
        os.environ["HABERDAR_DATA_DIR"] = str(Path(args.data_dir).expanduser().resolve())
    if getattr(args, "source", None):
        urls = [s for s in args.source if s.startswith(("http://", "https://"))]
        os.environ["HABERDAR_WEB_SOURCES"] = " ".join(urls)
        os.environ["HABERDAR_SOURCES"] = os.pathsep.join(
            str(Path(s).expanduser().resolve()) for s in args.source if s not in urls
        )
    return Settings.from_env()


def _say(message: str) -> None:
    print(f"[haberdar] {message}", file=sys.stderr, flush=True)


def prepare(settings: Settings) -> dict:
    """Everything a run needs before the DAGs are parsed: Airflow's metadata
    database and the dbt manifest Cosmos renders from."""
    from haberdar import runner

    runner.apply_env(settings)
    settings.build_db.parent.mkdir(parents=True, exist_ok=True)
    from haberdar.transform import ensure_manifest

    runner.migrate_metadata_db(settings.airflow_home)
    ensure_manifest(settings)
    return runner.load_dags(settings.project_dir / "dags")


def _summary(settings: Settings, results: list, logical_date: datetime) -> str:
    """What this run did and what the warehouse now holds."""
    from haberdar import lake, serve
    from haberdar.runner import GATE_TASKS

    def rows(base: Path) -> int:
        return sum(pq.ParquetFile(part).metadata.num_rows for part in lake.run_parts(base, logical_date))

    states = [state for r in results for task, state in r.tasks.items() if task in GATE_TASKS]
    rebuilt = any(r.dag_id == WAREHOUSE for r in results)
    totals = {}
    with serve.connect(settings.warehouse) as con:
        for table in (
            "dim_article",
            "fct_quarantine",
            "dim_institution",
            "dim_person",
            "fct_event",
            "fct_agreement",
        ):
            totals[table] = con.table(f"marts.{table}").count("*").fetchone()[0]
    return (
        f"articles landed: {rows(settings.articles_dir)} new this run, {totals['dim_article']} in the warehouse\n"
        f"quarantined: {rows(settings.quarantine_dir)} this run, {totals['fct_quarantine']} in all "
        f"(marts.fct_quarantine says why)\n"
        f"institutions: {totals['dim_institution']}, persons: {totals['dim_person']}, "
        f"events: {totals['fct_event']}, agreements: {totals['fct_agreement']}\n"
        f"data-quality gates passed: {states.count('success')} "
        f"({len(GATE_TASKS) - states.count('success')} not needed: nothing new to check)\n"
        f"warehouse: {settings.warehouse}"
        + ("" if rebuilt else " (up to date: not rebuilt, not republished)")
        + f"\nreport: {settings.report_dir / 'index.html'}"
        + "".join(f"\n{line}" for line in _crawl_lines(settings, logical_date))
    )


def _crawl_lines(settings: Settings, logical_date: datetime) -> list[str]:
    """What this run's crawl did, per web source (the fetch tasks leave it in the crawler's folder)."""
    lines = []
    for path in sorted(settings.crawler_dir.glob("*.last-run.json")):
        report = json.loads(path.read_text(encoding="utf-8"))
        if report["logical_date"] != logical_date.isoformat():
            continue
        for url, c in report["sources"].items():
            if "next" in c:
                lines.append(
                    f"web {c['outlet']} ({url}): not due before {c['next']} (its `every` in the sources file)"
                )
                continue
            lines.append(f"web {c['outlet']} ({url}): {c['fetched']} fetched, {c['not_modified']} not modified, "
                         f"{c['unchanged']} unchanged, {c['articles']} articles, {c['quarantined']} quarantined")  # fmt: skip
        lines += [f"web {problem}" for problem in report["unreachable"]]
    return lines


def run(args: argparse.Namespace) -> int:
    settings = _settings(args)
    started = time.monotonic()
    _say(f"data folder {settings.data_dir}")
    _say("sources " + ", ".join([*map(str, settings.sources), *(w.url for w in settings.web)]))
    for source in settings.sources:
        if not source.exists():
            _say(f"error: source {source} does not exist: pass an existing folder or file with --source")
            return 2
    logical_date = args.logical_date or datetime.now(UTC).replace(microsecond=0)
    if supervised := os.environ.get(SUPERVISED):  # the child: its parent holds the lock
        return _run_locked(settings, logical_date, started, supervised == RERUN, args.full_refresh)
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        settings.lock_file.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _say(f"error: cannot write to the data folder {settings.data_dir} ({exc.strerror}): "
             "pass --data-dir (or HABERDAR_DATA_DIR) with a folder you can write to")  # fmt: skip
        return 2
    try:
        with RunLock(settings.lock_file):
            return _supervise(logical_date, args.logical_date is not None, args.full_refresh)
    except RunLockBusy as exc:
        _say(f"error: {exc}")
        return 3


SUPERVISED = "HABERDAR_SUPERVISED"
RERUN = "rerun"  # a logical date given on the command line: a re-run of that run, done in full


def _supervise(logical_date: datetime, rerun: bool = False, full_refresh: bool = False) -> int:
    """Run the pipeline in a child process and stop it when asked. Airflow's task
    runner swallows SIGTERM inside a task, so `timeout`, systemd and `docker stop`
    could not end a run; here the parent, holding the lock, ends the child's whole
    process group (pool workers included). Publishing is atomic, so a stopped run
    leaves the published warehouse as it was; the lock goes with the parent."""
    child = subprocess.Popen(
        [sys.executable, "-m", "haberdar.cli", "run", "--logical-date", logical_date.isoformat(),
         *(["--full-refresh"] if full_refresh else [])],
        env={**os.environ, SUPERVISED: RERUN if rerun else "1"}, start_new_session=True,
        preexec_fn=dies_with_parent(),
    )  # fmt: skip
    stopped: list[int] = []

    def stop(signum: int, _frame: object) -> None:
        stopped.append(signum)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(child.pid, signal.SIGKILL)

    previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        returncode = child.wait()
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    if stopped:
        name = signal.Signals(stopped[0]).name
        _say(f"stopped by {name}: the run was ended, the published warehouse was left as it was")
        return 128 + stopped[0]
    if returncode < 0:  # killed from outside (the OOM killer, kill -9): say so, as a shell would
        name = signal.Signals(-returncode).name
        _say(f"the run was killed by {name}; the published warehouse was left as it was: run again to finish")
        return 128 - returncode
    return returncode


def _run_locked(
    settings: Settings,
    logical_date: datetime,
    started: float,
    rerun: bool = False,
    full_refresh: bool = False,
) -> int:
    from haberdar import pipeline
    from haberdar.runner import DAG_ORDER, run_dag

    # asked once: it scans the sources; a re-run of a logical date lands in full
    land_idle = not rerun and pipeline.nothing_to_land(settings)
    if (
        land_idle
        and not full_refresh
        and all(_nothing_to_do(settings, dag_id, []) for dag_id in DAG_ORDER[1:])
    ):
        # nothing new: Airflow is not even started
        _say(f"nothing new under the sources and the published warehouse is up to date: done in "
             f"{time.monotonic() - started:.1f}s")  # fmt: skip
        print(_summary(settings, [], logical_date))
        return 0
    try:
        dags = prepare(settings)
    except RuntimeError as exc:
        _say(f"error: {exc}")
        return 2
    results = []
    for dag_id in DAG_ORDER:
        if reason := _skip_reason(settings, dag_id, results, land_idle, full_refresh):
            _say(f"skipping DAG {dag_id}: {reason}")
            continue
        _say(f"running DAG {dag_id} for {logical_date.isoformat()} …")
        conf = {"full_refresh": True} if full_refresh and dag_id == WAREHOUSE else None
        result = run_dag(dags[dag_id], logical_date, conf)
        results.append(result)
        done = ", ".join(f"{t}={s}" for t, s in result.tasks.items() if not t.startswith("dbt."))
        _say(f"  {dag_id}: {result.state} in {result.seconds:.1f}s ({done})")
        if result.state != "success":
            for error in result.errors or ["see the task log above"]:
                _say(f"  failed: {error}")
                for test in re.findall(r"(\w+): Got \d+ results?", error):
                    _say(_failing_rows(settings, test))
            if result.tasks.get("publish") == "success":
                _say(f"the warehouse {settings.warehouse} was published; fix the failed step and run again")
            else:
                _say(f"the published warehouse {settings.warehouse} was left as it was")
            return 1
    _say(f"done in {time.monotonic() - started:.1f}s")
    if timings := os.environ.get("HABERDAR_TIMINGS"):  # for bench/run.py: seconds and memory per task
        Path(timings).write_text(json.dumps({
            "seconds": {t: s for r in results for t, s in r.task_seconds.items()},
            "peak_rss_mib": {t: m for r in results for t, m in r.task_peak_mib.items()},
        }))  # fmt: skip
    print(_summary(settings, results, logical_date))
    return 0


WAREHOUSE = "haberdar_warehouse"


def _skip_reason(
    settings: Settings, dag_id: str, results: list, land_idle: bool, full_refresh: bool
) -> str | None:
    """Why this run skips the DAG, or nothing to run it."""
    if dag_id == "haberdar_land":
        return NOTHING_TO_LAND if land_idle else None
    return None if full_refresh and dag_id == WAREHOUSE else _nothing_to_do(settings, dag_id, results)


NOTHING_TO_LAND = "no web source, no new or changed file under the sources"


def _nothing_to_do(settings: Settings, dag_id: str, results: list) -> str | None:
    """Why the extraction or warehouse DAG need not run, as its asset schedule
    decides in a deployment: the extraction runs on new landed articles (or parts
    a failed run left), the warehouse on new extracted facts (or a warehouse
    older than them)."""
    gate = {
        r.dag_id: r.tasks.get(g) for r in results for g in ("check_landed", "check_extracted") if g in r.tasks
    }
    from haberdar import pipeline

    if (dag_id == "haberdar_extract" and gate.get("haberdar_land") != "success"
            and not pipeline.list_pending(settings) and not pipeline.unchecked_extracted(settings)):  # fmt: skip
        return "no new articles landed"
    if dag_id == WAREHOUSE and gate.get("haberdar_extract") != "success":
        newest = max((p.stat().st_mtime for d in (settings.extracted_dir, settings.quarantine_dir)
                      for p in d.rglob("*.parquet")), default=0.0)  # fmt: skip
        report = settings.report_dir / "index.html"
        if settings.warehouse.exists() and settings.warehouse.stat().st_mtime >= newest and report.exists() \
                and report.stat().st_mtime >= settings.warehouse.stat().st_mtime:  # fmt: skip
            return "nothing new extracted; the published warehouse and its report are up to date"
    return None


def _failing_rows(settings: Settings, test: str) -> str:
    """Where a failed dbt test left its rows (dbt stores them as a view in schema
    `audit`, its name cut to 30 characters and a hash), and the first few."""
    import duckdb

    with duckdb.connect(str(settings.build_db), config=duckdb_config()) as con:
        views = [row[0] for row in con.execute(
            "select table_name from information_schema.tables where table_schema = 'audit' "
            "and (table_name = ? or starts_with(table_name, ?))", [test, test[:30] + "_"]).fetchall()]  # fmt: skip
        if not views:
            return f"    the failing rows are in schema audit of {settings.build_db}"
        rows = con.execute(f'select * from audit."{views[0]}" limit 3').fetchall()
    return f"    failing rows (audit.{views[0]} in {settings.build_db}), e.g. {rows}"


EXIT_CODES = """exit codes:
  0  the warehouse was built, checked and published
  1  a step or a data-quality gate failed; the published warehouse was left as it was
  2  bad configuration or arguments (a missing source, an unreadable setting)
  3  another run holds this data folder's lock
  128+N  stopped by signal N: 143 SIGTERM, 130 SIGINT, 137 SIGKILL (killed from outside)"""


def airflow(args: argparse.Namespace) -> int:
    """The Airflow CLI on the embedded deployment (its AIRFLOW_HOME and metadata DB)."""
    from haberdar import runner

    runner.apply_env(_settings(args))
    os.execvp("airflow", ["airflow", *args.airflow_args])
    return 0  # not reached: execvp replaces this process


def report(args: argparse.Namespace) -> int:
    from haberdar.report.build import build_report

    settings = _settings(args)
    if not settings.warehouse.exists():
        raise ConfigError(
            f"no warehouse at {settings.warehouse}: run `haberdar run` first, or pass --warehouse"
        )
    out = Path(args.out).expanduser().resolve() if args.out else settings.report_dir
    print(
        build_report(settings.warehouse, out, args.article_pages or settings.report_article_pages)["report"]
    )
    return 0


def serve(args: argparse.Namespace) -> int:
    from haberdar import endpoint

    settings = _settings(args)
    password = os.environ.get("HABERDAR_SERVE_PASSWORD", "")
    if not password:
        raise ConfigError("set HABERDAR_SERVE_PASSWORD: the password BI tools log in with")
    if bool(args.tls_cert) != bool(args.tls_key):
        raise ConfigError("--tls-cert and --tls-key go together")
    endpoint.serve_forever(endpoint.EndpointSettings(
        data_dir=settings.data_dir / "serve", warehouse=settings.warehouse, host=args.host, port=args.port,
        user=os.environ.get("HABERDAR_SERVE_USER", endpoint.READER_ROLE), password=password,
        tls_cert=Path(args.tls_cert).resolve() if args.tls_cert else None,
        tls_key=Path(args.tls_key).resolve() if args.tls_key else None,
    ))  # fmt: skip
    return 0


def _logical_date(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="haberdar", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run_p = sub.add_parser(
        "run", help="run the pipeline DAGs in-process on a folder or file of articles",
        description="Land, extract, build, check and publish: the three DAGs, in this process.",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    run_p.add_argument(
        "--source",
        action="append",
        help="folder or file of articles, or the URL of a feed, sitemap or page (repeatable); "
        "default: the sources of sources.toml",
    )
    run_p.add_argument("--warehouse", help="DuckDB file the marts end up in")
    run_p.add_argument("--data-dir", help="folder for the lake, build database and Airflow state")
    run_p.add_argument("--full-refresh", action="store_true",
                       help="rebuild dbt's incremental models from scratch (dbt build --full-refresh)")  # fmt: skip
    run_p.add_argument("--logical-date", type=_logical_date,
                       help="run (or re-run, or backfill) this logical date, e.g. 2026-03-01T06:00; default: now")  # fmt: skip
    prep_p = sub.add_parser("prepare", help="create the Airflow metadata DB and the dbt manifest")
    prep_p.add_argument("--data-dir", help="folder for the lake, build database and Airflow state")
    prep_p.add_argument("--warehouse", help=argparse.SUPPRESS)
    gen_p = sub.add_parser(
        "generate", help="write synthetic articles for scale measurements (not for quality)"
    )
    gen_p.add_argument("--articles", type=int, required=True, help="how many articles to write")
    gen_p.add_argument("--out", required=True, help="folder to write them into")
    gen_p.add_argument("--seed", type=int, default=42, help="random seed (same seed, same articles)")
    gen_p.add_argument("--profile", choices=PROFILES, default=PROFILES[0],
                       help="news: real articles' length and name density (default); light: short articles")  # fmt: skip
    air_p = sub.add_parser(
        "airflow", help="the Airflow CLI on the embedded deployment, e.g. `haberdar airflow dags list`",
        description="Runs `airflow ARGS` with the embedded AIRFLOW_HOME and metadata database set.",
    )  # fmt: skip
    air_p.add_argument("--data-dir", help="folder for the lake, build database and Airflow state")
    air_p.add_argument("--warehouse", help=argparse.SUPPRESS)
    air_p.add_argument("airflow_args", nargs=argparse.REMAINDER, help="arguments for the airflow command")
    report_p = sub.add_parser(
        "report", help="write the static HTML report of the published warehouse",
        description="Writes index.html (charts, search, institutions), a page per institution and one per "
        "article into a folder beside the warehouse (FILE-report/), or --out. Opens offline.",
    )  # fmt: skip
    report_p.add_argument("--warehouse", help="the published DuckDB file")
    report_p.add_argument("--data-dir", help=argparse.SUPPRESS)
    report_p.add_argument("--out", help="folder to write the report into (replaced whole)")
    report_p.add_argument("--article-pages", type=int,
                          help="pages for this many of the newest articles (default: HABERDAR_REPORT_ARTICLE_PAGES, 10000)")  # fmt: skip
    serve_p = sub.add_parser(
        "serve", help="a Postgres endpoint for BI tools over the published warehouse (read-only)",
        description="Starts PostgreSQL on HOST:PORT with a read-only mirror of the published warehouse, "
        "refreshed after every publish. Log in as HABERDAR_SERVE_USER (haberdar) with "
        "HABERDAR_SERVE_PASSWORD, database haberdar. Stops on SIGTERM or Ctrl-C.",
    )  # fmt: skip
    serve_p.add_argument("--warehouse", help="the published DuckDB file to serve")
    serve_p.add_argument("--data-dir", help="folder for the lake, build database and Airflow state")
    serve_p.add_argument("--host", default=os.environ.get("HABERDAR_SERVE_HOST", "127.0.0.1"),
                         help="address to listen on (default 127.0.0.1: this machine only)")  # fmt: skip
    serve_p.add_argument("--port", type=int, default=int(os.environ.get("HABERDAR_SERVE_PORT", "5433")))
    serve_p.add_argument("--tls-cert", help="certificate file: clients then connect with TLS")
    serve_p.add_argument("--tls-key", help="the certificate's private key file")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="[haberdar] %(message)s", stream=sys.stderr)
    logging.getLogger("airflow").setLevel(logging.WARNING)  # its start-up notes are no news to a user
    try:
        if args.command == "run":
            return run(args)
        if args.command == "airflow":
            return airflow(args)
        if args.command == "serve":
            return serve(args)
        if args.command == "report":
            return report(args)
        if args.command == "generate":
            from haberdar.generate import generate

            print(generate(args.articles, Path(args.out), seed=args.seed, profile=args.profile))
            return 0
        prepare(_settings(args))
        return 0
    except ConfigError as exc:
        _say(str(exc))
        return 2


if __name__ == "__main__":
    sys.exit(main())
