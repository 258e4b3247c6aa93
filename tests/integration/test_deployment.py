"""The deployment, run the way docker-compose.yml runs it: a real scheduler, DAG
processor, triggerer and API server as separate processes on a Postgres metadata
database, with the environment read from the compose file. The test drives it as
an operator does, through the REST API: it logs in, triggers runs with no logical
date (the UI's default in Airflow 3), waits for the asset-triggered DAGs and reads
what they published and logged; web sources are fetched by mapped tasks from
local news sites, one of them down until Airflow retries it. Everything it
starts, it stops."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import httpx
import psycopg
import pytest
from pytest_httpserver import HTTPServer

from tests.integration import deployment
from tests.integration.news_site import NewsSite

pytestmark = pytest.mark.integration
SEEDS = deployment.PROJECT_DIR / "seeds"
DAGS = ("haberdar_land", "haberdar_extract", "haberdar_warehouse")
USER, PASSWORD = "operator", "operator-password"


@pytest.fixture(scope="module")
def airflow(tmp_path_factory):
    os.environ.setdefault("XDG_RUNTIME_DIR", str(tmp_path_factory.mktemp("runtime")))
    import pgserver  # a Postgres that a PyPI wheel ships: no server to install by hand

    root = tmp_path_factory.mktemp("deployment")
    # "delete": cleanup() stops it and unregisters pgserver's exit hook, which would
    # otherwise run again at exit and log to pytest's closed output
    postgres = pgserver.get_server(root / "postgres", cleanup_mode="delete")
    postgres.psql("create database airflow;")
    db_uri = postgres.get_uri("airflow").replace("postgresql://", "postgresql+psycopg2://")
    inbox = root / "inbox"
    inbox.mkdir()
    port = deployment.free_port()
    sources_file = root / "sources.toml"  # as compose mounts one; a test adds web sources to it
    sources_file.write_text('[[source]]\npath = "inbox"\n', encoding="utf-8")
    env = deployment.local_environment(
        deployment.compose_environment(), db_uri=db_uri, api_port=port, data_dir=root / "data",
        sources_file=sources_file, airflow_home=root / "airflow",
    )  # fmt: skip
    deploy = deployment.Deployment(env, root, port)
    # what the compose file's airflow-init does: migrate, render the dbt manifest, add a user
    deploy.run(str(Path(deployment.AIRFLOW).with_name("haberdar")), "prepare")
    deploy.run(deployment.AIRFLOW, "users", "create", "--username", USER, "--password", PASSWORD,
               "--role", "Admin", "--email", "operator@example.org", "--firstname", "O", "--lastname", "P")  # fmt: skip
    deploy.start()
    # the BI endpoint as compose runs it (its command and environment), on a free port of this machine
    serve_port = deployment.free_port()
    serve_env = deployment.local_environment(
        deployment.compose_environment("haberdar-serve"), db_uri=db_uri, api_port=port, data_dir=root / "data",
        sources_file=sources_file, airflow_home=root / "airflow",
    )  # fmt: skip
    command = [a.replace("0.0.0.0", "127.0.0.1").replace("5433", str(serve_port))
               for a in deployment.compose_command("haberdar-serve")]  # fmt: skip
    command[0] = str(Path(deployment.AIRFLOW).with_name(command[0]))
    serve_log = (root / "serve.log").open("w")
    serve = subprocess.Popen(command, env=serve_env, stdout=serve_log, stderr=subprocess.STDOUT)
    serve_dsn = (f"host=127.0.0.1 port={serve_port} dbname=haberdar user=haberdar "
                 f"password={serve_env['HABERDAR_SERVE_PASSWORD']}")  # fmt: skip
    try:
        deploy.login(USER, PASSWORD)
        deploy.wait_for(
            "the DAG processor to parse the DAGs", lambda: deploy.api("GET", "/dags")["total_entries"] == 3
        )
        for dag_id in DAGS:
            deploy.api("PATCH", f"/dags/{dag_id}", json={"is_paused": False})
        # unpausing starts the hourly DAG's latest interval at once: nothing in the inbox yet
        deploy.wait_for("the first scheduled landing", lambda: _finished(deploy, "haberdar_land", 1))
        yield (
            deploy,
            inbox,
            root / "data" / "warehouse" / "haberdar.duckdb",  # the default under the data folder
            serve_dsn,
            sources_file,
        )
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=60)
        serve_log.close()
        deploy.stop()
        postgres.cleanup()


def _finished(deploy, dag_id: str, count: int) -> list[dict]:
    runs = [r for r in deploy.runs(dag_id) if r["state"] in ("success", "failed")]
    return runs if len(runs) >= count else []


def _trigger_and_wait(deploy, warehouse_runs: int) -> tuple[dict, float]:
    """Trigger the landing DAG as the UI does (no logical date); wait for the warehouse run it leads to."""
    started = time.monotonic()
    run = deploy.api("POST", "/dags/haberdar_land/dagRuns", json={"logical_date": None})
    assert run["logical_date"] is None
    deploy.wait_for(
        "the landing run",
        lambda: (
            deploy.api("GET", f"/dags/haberdar_land/dagRuns/{run['dag_run_id']}")["state"]
            in ("success", "failed")
        ),
    )
    if warehouse_runs:
        deploy.wait_for(
            "the warehouse run", lambda: _finished(deploy, "haberdar_warehouse", warehouse_runs), timeout=600
        )
    return run, time.monotonic() - started


def _landing(deploy, run: dict) -> dict:
    path = f"/dags/haberdar_land/dagRuns/{run['dag_run_id']}/taskInstances/land/xcomEntries/return_value"
    return deploy.api("GET", path, params={"deserialize": True})["value"]


def _articles(warehouse: Path) -> int:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("select count(*) from marts.dim_article").fetchone()[0]


def _served_articles(con: psycopg.Connection, expected: int) -> bool:
    """Whether the endpoint serves `expected` articles yet (it mirrors a publish within seconds)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if con.execute("select count(*) from marts.dim_article").fetchone()[0] == expected:
                return True
        except psycopg.errors.UndefinedTable:  # nothing mirrored yet
            pass
        time.sleep(0.5)
    return False


def test_manual_runs_land_new_files_only_and_publish(airflow):
    deploy, inbox, warehouse, serve_dsn, _ = airflow
    seeds = sorted(SEEDS.glob("*.txt"))
    for path in seeds[:-2]:
        shutil.copy(path, inbox)
    run, seconds = _trigger_and_wait(deploy, warehouse_runs=1)
    print(f"trigger to published warehouse: {seconds:.1f}s")
    assert [r["state"] for r in deploy.runs("haberdar_warehouse")] == ["success"]
    first = _articles(warehouse)
    assert first == len(seeds) - 2
    bi_tool = psycopg.connect(serve_dsn, autocommit=True)  # a BI tool's connection, kept open
    assert _served_articles(bi_tool, first)

    for path in seeds[-2:]:
        shutil.copy(path, inbox)
    run, _ = _trigger_and_wait(deploy, warehouse_runs=2)
    landing = _landing(deploy, run)
    assert (landing["files_read"], landing["landed"]) == (2, 2)
    assert _articles(warehouse) == first + 2
    assert _served_articles(bi_tool, first + 2)  # the same open connection sees the new publish
    bi_tool.close()

    extract_runs = len(deploy.runs("haberdar_extract"))
    run, _ = _trigger_and_wait(deploy, warehouse_runs=0)
    tasks = deploy.api("GET", f"/dags/haberdar_land/dagRuns/{run['dag_run_id']}/taskInstances")
    assert {t["task_id"]: t["state"] for t in tasks["task_instances"]} == {
        "web_hosts": "success",
        "fetch": "success",  # no web source: nothing to fetch
        "land": "success",
        "check_landed": "skipped",
    }
    time.sleep(10)  # an asset event would have started the extraction DAG by now
    assert len(deploy.runs("haberdar_extract")) == extract_runs

    log = deploy.api("GET", f"/dags/haberdar_land/dagRuns/{run['dag_run_id']}/taskInstances/land/logs/1")
    events = [str(line.get("event", "")) for line in log["content"]]
    assert any(e.startswith("landing done: 0 landed") for e in events), events[-10:]


def _fetches(deploy, run: dict) -> dict[str, dict]:
    """The run's mapped fetch tasks by host (the UI names them by host too, but
    Airflow clears that name while a task waits for its retry)."""
    path = f"/dags/haberdar_land/dagRuns/{run['dag_run_id']}/taskInstances"
    try:
        listed = deploy.api("GET", f"{path}/web_hosts/xcomEntries/return_value", params={"deserialize": True})
    except httpx.HTTPStatusError:  # web_hosts has not run yet
        return {}
    tasks = [t for t in deploy.api("GET", path)["task_instances"] if t["task_id"] == "fetch"]
    return {listed["value"][t["map_index"]]: t for t in tasks if t["map_index"] >= 0}


def test_web_hosts_are_fetched_by_mapped_tasks_and_a_host_that_was_down_is_retried(airflow, httpserver):
    deploy, _, warehouse, _, sources_file = airflow
    up = NewsSite(httpserver, pages=4, seed=1)
    down_port = deployment.free_port()  # nothing listens here until the first try has failed
    down_url = f"http://127.0.0.1:{down_port}/rss"
    with sources_file.open("a", encoding="utf-8") as listed:
        listed.write('\n[crawler]\nseconds_between_requests = 0\nallow_private = ["127.0.0.0/8", "::1/128"]\n\n'
                     f'[[source]]\noutlet = "Açık Haber"\nfeed = "{up.url("/rss")}"\n\n'
                     f'[[source]]\noutlet = "Geç Haber"\nfeed = "{down_url}"\n')  # fmt: skip
    warehouse_runs = len(_finished(deploy, "haberdar_warehouse", 0))
    run = deploy.api("POST", "/dags/haberdar_land/dagRuns", json={"logical_date": None})
    down_host = f"127.0.0.1:{down_port}"
    deploy.wait_for(
        "the fetch of the host that is down to wait for a retry",
        lambda: _fetches(deploy, run).get(down_host, {}).get("state") == "up_for_retry",
        every=0.5,
    )
    late = HTTPServer(host="127.0.0.1", port=down_port)
    late.start()
    try:
        NewsSite(late, pages=4, seed=2)
        deploy.wait_for(
            "the landing run",
            lambda: (
                deploy.api("GET", f"/dags/haberdar_land/dagRuns/{run['dag_run_id']}")["state"]
                in ("success", "failed")
            ),
        )
        deploy.wait_for("the warehouse run", lambda: _finished(deploy, "haberdar_warehouse", warehouse_runs + 1),
                        timeout=600)  # fmt: skip
    finally:
        late.clear()
        late.stop()
    fetches, up_host = _fetches(deploy, run), up.url("/").split("/")[2]
    assert {host: (t["state"], t["try_number"], t["rendered_map_index"]) for host, t in fetches.items()} == {
        up_host: ("success", 1, up_host),
        down_host: ("success", 2, down_host),  # the retry found the host up
    }
    with duckdb.connect(str(warehouse), read_only=True) as con:
        outlets = dict(con.execute("select outlet, count(*) from marts.dim_article where outlet is not null "
                                   "group by outlet").fetchall())  # fmt: skip
        refused = con.execute("select count(*) from marts.fct_quarantine where stage = 'fetch'").fetchone()[0]
    assert outlets == {"Açık Haber": 4, "Geç Haber": 4}
    assert refused == 2  # each feed's link to /arama, which robots.txt disallows
