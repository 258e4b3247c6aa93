"""`haberdar serve`: a real `haberdar serve` process (PostgreSQL underneath) over a
warehouse built by a real run, queried by real clients: psql, psycopg (server-
and client-side parameters), SQLAlchemy's postgresql dialect with pandas. It is
read-only, and a publish while clients query reaches their open connections."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import psycopg
import pytest
import sqlalchemy as sa

from haberdar import connect
from haberdar import endpoint as endpoint_module
from tests.conftest import SEEDS, run_pipeline

pytestmark = pytest.mark.integration
PASSWORD = "okuyucu-parola"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Endpoint:
    def __init__(self, warehouse: Path, port: int, *args: str, env: dict | None = None):
        self.warehouse, self.port = warehouse, port
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "HABERDAR"))} | (env or {})
        env["HABERDAR_SERVE_PASSWORD"] = PASSWORD
        self.log = warehouse.with_name(f"serve-{port}.log")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "haberdar.cli", "serve", "--warehouse", str(warehouse), "--port", str(port), *args],
            env=env, stdout=open(self.log, "w"), stderr=subprocess.STDOUT,  # noqa: SIM115
        )  # fmt: skip

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        assert self.process.wait(timeout=60) == 0, self.log.read_text()[-3000:]

    @property
    def dsn(self) -> str:
        return f"host=127.0.0.1 port={self.port} dbname=haberdar user=haberdar password={PASSWORD}"

    def connect(self, **kwargs) -> psycopg.Connection:
        return psycopg.connect(self.dsn, autocommit=True, **kwargs)

    def wait_until(self, check, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()[-3000:]
            try:
                if check():
                    return
            except psycopg.Error:
                pass
            time.sleep(0.3)
        raise AssertionError(f"not within {timeout}s; serve log:\n{self.log.read_text()[-3000:]}")

    def articles(self, con: psycopg.Connection | None = None) -> int:
        if con is not None:
            return con.execute("select count(*) from marts.dim_article").fetchone()[0]
        with self.connect() as fresh:
            return self.articles(fresh)

    def psql(self, command: str) -> subprocess.CompletedProcess:
        # Debian's psql when there is one, else the one the pgserver wheel ships
        psql = shutil.which("psql") or endpoint_module._bin("psql")
        return subprocess.run(
            [psql, "-h", "127.0.0.1", "-p", str(self.port), "-U", "haberdar", "-d", "haberdar", "-X", "-c", command],
            capture_output=True, text=True, timeout=60, env={**os.environ, "PGPASSWORD": PASSWORD}, check=False,
        )  # fmt: skip


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("endpoint")
    inbox = root / "inbox"
    inbox.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for seed in seeds[:3]:
        shutil.copy(seed, inbox)
    build = run_pipeline([inbox], root / "w.duckdb")
    assert build.returncode == 0, build.output[-3000:]
    endpoint = Endpoint(build.warehouse, _free_port())
    endpoint.wait_until(lambda: endpoint.articles() == 3)
    yield endpoint, inbox, seeds
    endpoint.stop()


def test_psql_browses_and_queries_the_marts(served):
    endpoint, _, _ = served
    tables = endpoint.psql(r"\dt marts.*")
    assert tables.returncode == 0, tables.stderr
    assert "fct_event" in tables.stdout and "dim_institution" in tables.stdout
    columns = endpoint.psql(r"\d marts.fct_event")
    assert columns.returncode == 0, columns.stderr
    assert "event_type" in columns.stdout and "evidence" in columns.stdout and "date" in columns.stdout


@pytest.mark.parametrize("cursor_factory", [psycopg.Cursor, psycopg.ClientCursor], ids=["server", "client"])
def test_psycopg_binds_parameters_either_side(served, cursor_factory):
    endpoint, _, _ = served
    with endpoint.connect(cursor_factory=cursor_factory) as con:
        [(events,)] = con.execute(
            "select count(*) from marts.fct_event where event_type = %s", ["visit"]
        ).fetchall()
        [(total,)] = con.execute("select count(*) from marts.fct_event").fetchall()
    assert 0 < events < total


@pytest.mark.parametrize("query", ["teknopark", "İSTANBUL’da", "sanayi odası", "ısparta", "", "zzqx"])
def test_search_over_postgres_answers_as_search_in_duckdb(served, query):
    endpoint, _, _ = served
    sql = "select article_key, title_hits, body_hits, snippet from marts.search_articles({})"
    with connect(endpoint.warehouse) as duck:
        expected = duck.execute(sql.format("?"), [query]).fetchall()
    with endpoint.connect() as con:
        assert [tuple(r) for r in con.execute(sql.format("%s"), [query]).fetchall()] == expected


def test_sqlalchemy_and_pandas_see_schemas_tables_and_rows(served):
    endpoint, _, _ = served
    engine = sa.create_engine(f"postgresql+psycopg://haberdar:{PASSWORD}@127.0.0.1:{endpoint.port}/haberdar")
    try:
        inspector = sa.inspect(engine)
        assert {"marts", "reference"} <= set(inspector.get_schema_names())
        assert "fct_event" in inspector.get_table_names(schema="marts")
        assert "event_type" in {c["name"] for c in inspector.get_columns("fct_event", schema="marts")}
        frame = pd.read_sql("select event_type, count(*) as n from marts.fct_event group by 1", engine)
        assert frame["n"].sum() > 0
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    "statement",
    [
        "insert into marts.dim_article (article_key) values ('x')",
        "create table marts.t (a int)",
        "create temporary table t (a int)",
        "select pg_read_file('/etc/passwd')",
        "copy marts.dim_article to '/tmp/haberdar-leak.csv'",
        "alter system set listen_addresses = '*'",
        "create extension if not exists file_fdw",
        "set default_transaction_read_only = off; create table public.t (a int)",
    ],
)
def test_nothing_can_be_written_read_from_files_or_reconfigured(served, statement):
    endpoint, _, _ = served
    with endpoint.connect() as con, pytest.raises(psycopg.Error):
        for part in statement.split("; "):
            con.execute(part)


def test_a_wrong_password_is_refused(served):
    endpoint, _, _ = served
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(endpoint.dsn.replace(PASSWORD, "yanlis"))


def test_a_publish_reaches_open_connections_and_never_waits_for_a_slow_query(served):
    endpoint, inbox, seeds = served
    with endpoint.connect() as open_con, endpoint.connect() as slow_con:
        before = endpoint.articles(open_con)

        def slow_query() -> None:  # reads the old tables throughout the publish, until cancelled
            with pytest.raises(psycopg.errors.QueryCanceled):
                slow_con.execute("select pg_sleep(600), count(*) from marts.dim_article").fetchall()

        slow = threading.Thread(target=slow_query)
        slow.start()
        shutil.copy(seeds[3], inbox)
        build = run_pipeline([inbox], endpoint.warehouse)
        assert build.returncode == 0, build.output[-3000:]
        endpoint.wait_until(lambda: endpoint.articles(open_con) == before + 1, timeout=60)
        assert slow.is_alive()  # the new data was served while the slow query still ran
        slow_con.cancel()
        slow.join(timeout=60)


def test_with_a_certificate_clients_connect_over_tls(served, tmp_path):
    endpoint, _, _ = served
    # the pgserver wheel's Postgres is built without TLS: Debian's (`make test` installs it) has it
    debian = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"))
    assert debian, "Debian's postgresql is missing: `make test` installs it (apt-get install postgresql)"
    with_tls = {"HABERDAR_POSTGRES_BIN": str(debian[-1].parent)}
    cert, key = tmp_path / "server.crt", tmp_path / "server.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    warehouse = tmp_path / "w.duckdb"
    shutil.copy(endpoint.warehouse, warehouse)
    secure = Endpoint(warehouse, _free_port(), "--tls-cert", str(cert), "--tls-key", str(key), env=with_tls)
    try:
        secure.wait_until(lambda: secure.articles() > 0)
        with psycopg.connect(secure.dsn + " sslmode=require") as con:
            assert con.pgconn.ssl_in_use
            assert con.execute("select count(*) from marts.dim_article").fetchone()[0] > 0
    finally:
        secure.stop()


def _postgres_of(data_dir: Path) -> list[int]:
    """Postgres server processes running on a data folder."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if args and args[0].endswith(b"postgres") and str(data_dir).encode() in b" ".join(args):
            found.append(int(cmdline.parent.name))
    return found


def test_a_killed_endpoint_leaves_no_server_behind_and_starts_again(served, tmp_path):
    endpoint, _, _ = served
    warehouse = tmp_path / "w.duckdb"
    shutil.copy(endpoint.warehouse, warehouse)
    first = Endpoint(warehouse, _free_port())
    first.wait_until(lambda: first.articles() > 0)
    pgdata = warehouse.with_name("w.haberdar") / "serve" / "postgres"
    assert _postgres_of(pgdata)
    first.process.kill()  # SIGKILL: no chance to stop its server
    first.process.wait(timeout=30)
    deadline = time.monotonic() + 30
    while _postgres_of(pgdata) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _postgres_of(pgdata), "the Postgres server outlived haberdar serve"
    again = Endpoint(warehouse, first.port)  # same folder, same port: both were freed
    try:
        again.wait_until(lambda: again.articles() > 0)
    finally:
        again.stop()
