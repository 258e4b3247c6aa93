"""One writer: a second run on the same data folder stops at once with a clear
message; a reader holding the published warehouse keeps working while a new
build is published, and the next reader sees the new data."""

from __future__ import annotations

import os
import subprocess
import sys

import duckdb
import pytest

import haberdar
from haberdar import serve
from haberdar.locking import RunLock
from tests.conftest import SEEDS

pytestmark = pytest.mark.integration


def test_a_second_run_on_the_same_data_folder_stops_with_a_clear_message(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    data_dir = tmp_path / "w.haberdar"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "HABERDAR"))}
    with RunLock(data_dir / "haberdar.lock"):  # the first run, still going
        proc = subprocess.run(
            [sys.executable, "-m", "haberdar.cli", "run", "--source", str(SEEDS), "--warehouse", str(warehouse)],
            env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    assert proc.returncode == 3
    assert f"another run (pid {os.getpid()}) is using {data_dir}" in proc.stderr
    assert not warehouse.exists() and not (data_dir / "lake").exists()


def _build(path, rows: int) -> None:
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute(f"create table marts.dim_article as select range as article_key from range({rows})")


def test_a_reader_keeps_its_warehouse_while_a_new_one_is_published(tmp_path):
    warehouse = tmp_path / "published.duckdb"
    _build(tmp_path / "build1.duckdb", 3)
    serve.publish(tmp_path / "build1.duckdb", warehouse)
    reader = serve.connect(warehouse)
    assert reader.execute("select count(*) from marts.dim_article").fetchone() == (3,)

    _build(tmp_path / "build2.duckdb", 5)
    serve.publish(tmp_path / "build2.duckdb", warehouse)  # while the reader holds the old file

    assert reader.execute("select count(*) from marts.dim_article").fetchone() == (3,)
    # the next reader sees the new file, in this same process too (where a plain
    # duckdb.connect(path) would return the database this process has open)
    with haberdar.connect(str(warehouse)) as next_reader:
        assert next_reader.execute("select count(*) from marts.dim_article").fetchone() == (5,)
    reader.close()


def test_readers_cannot_write(tmp_path):
    warehouse = tmp_path / "published.duckdb"
    _build(tmp_path / "build.duckdb", 1)
    serve.publish(tmp_path / "build.duckdb", warehouse)
    with serve.connect(warehouse) as reader, pytest.raises(duckdb.Error, match="read-only"):
        reader.execute("delete from marts.dim_article")


def test_a_publish_killed_half_way_leaves_the_old_warehouse(tmp_path):
    warehouse = tmp_path / "published.duckdb"
    _build(tmp_path / "old.duckdb", 3)
    serve.publish(tmp_path / "old.duckdb", warehouse)
    _build(tmp_path / "new.duckdb", 5)
    code = f"from pathlib import Path; from haberdar import serve; serve.publish(Path({str(tmp_path / 'new.duckdb')!r}), Path({str(warehouse)!r}))"
    env = {**os.environ, "HABERDAR_FAILPOINT": "publish.before_rename"}
    assert subprocess.run([sys.executable, "-c", code], env=env, check=False).returncode == -9  # SIGKILL
    with serve.connect(warehouse) as reader:
        assert reader.execute("select count(*) from marts.dim_article").fetchone() == (3,)
