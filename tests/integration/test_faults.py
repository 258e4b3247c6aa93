"""Crashes and failed gates lose nothing and corrupt nothing. Real `haberdar run`
subprocesses are SIGKILLed during landing, extraction and the dbt build, and a
corrupted lake fails a gate; throughout, readers see the last complete
warehouse, and the next run completes with every article exactly once."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from haberdar import lake
from tests.conftest import PROJECT_DIR, SEEDS, run_pipeline

pytestmark = pytest.mark.integration

NEW_ARTICLES = sorted((PROJECT_DIR / "tests" / "fixtures" / "written_a").glob("*.txt"))[:2]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _articles(warehouse: Path) -> list[tuple[str, str]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute("select source_uri, content_hash from marts.dim_article order by all").fetchall()


def _run_until(cmd: list[str], env: dict, happened: Callable[[], bool]) -> int:
    """Start a run and SIGKILL it as soon as something has happened."""
    proc = subprocess.Popen(cmd, env=env, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 600
    while proc.poll() is None and time.monotonic() < deadline:
        if happened():
            proc.send_signal(signal.SIGKILL)
            break
        time.sleep(0.01)
    return proc.wait(timeout=60)


def test_killed_runs_and_a_failed_gate_leave_the_warehouse_whole(tmp_path):
    source = tmp_path / "inbox"
    source.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, source)
    (source / "bos.txt").write_text("")
    warehouse = tmp_path / "w.duckdb"
    first = run_pipeline([source], warehouse)
    assert first.returncode == 0, first.output[-3000:]
    assert "quarantined: 1 this run, 1 in all" in first.output
    with duckdb.connect(str(warehouse), read_only=True) as con:
        [(uri, reason, size)] = con.execute(
            "select source_uri, reason, size_bytes from marts.fct_quarantine"
        ).fetchall()
    assert uri.endswith("bos.txt") and reason.startswith("empty") and size == 0
    published, before = _digest(warehouse), _articles(warehouse)

    for new in NEW_ARTICLES:  # news arrives; the next runs die at chosen points
        shutil.copy(new, source)
    for failpoint in ("land.after_articles", "extract.before_done"):
        killed = run_pipeline([source], warehouse, {"HABERDAR_FAILPOINT": failpoint})
        assert killed.returncode == 128 + signal.SIGKILL, (failpoint, killed.output[-2000:])
        assert "the run was killed by SIGKILL" in killed.output
        assert _digest(warehouse) == published, f"the published warehouse changed after a kill at {failpoint}"

    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "HABERDAR"))}
    cmd = [
        sys.executable,
        "-m",
        "haberdar.cli",
        "run",
        "--source",
        str(source),
        "--warehouse",
        str(warehouse),
    ]
    # in the middle of the dbt build: DuckDB keeps a write-ahead log while dbt writes
    building = first.data_dir / "build" / "warehouse.duckdb.wal"
    assert _run_until(cmd, env, building.exists) == -signal.SIGKILL
    assert _digest(warehouse) == published and _articles(warehouse) == before
    time.sleep(1)
    assert _processes_of(first.data_dir) == []  # dbt (a session of its own) died with the run

    # a part copied into the lake by hand duplicates every article: a gate must stop it
    data_dir = first.data_dir
    [part] = [p for p in lake.parts(data_dir / "lake" / "articles") if "1970" not in str(p)][:1]
    stray = part.with_name("part-99999999T999999.parquet")
    shutil.copy(part, stray)
    blocked = run_pipeline([source], warehouse)
    assert blocked.returncode == 1
    assert "unique_stg_lake__articles_content_hash" in blocked.output
    assert "failing rows (audit.unique_stg_lake__articles_content_hash" in blocked.output  # names the rows
    assert "was left as it was" in blocked.output
    assert _digest(warehouse) == published

    stray.unlink()  # the operator removes the stray file; the pipeline recovers by itself
    corrected = sorted(source.glob("0*.txt"))[0]
    corrected.write_text(corrected.read_text(encoding="utf-8") + "\nDüzeltme: heyet üç kişiden oluşuyordu.\n")
    final = run_pipeline([source], warehouse)
    assert final.returncode == 0, final.output[-3000:]
    rows = _articles(warehouse)
    names = sorted(Path(uri).name for uri, _ in rows)
    assert names == sorted([p.name for p in sorted(SEEDS.glob("*.txt"))[:2]] + [p.name for p in NEW_ARTICLES])
    assert len({h for _, h in rows}) == len(rows)
    with duckdb.connect(
        str(warehouse), read_only=True
    ) as con:  # the correction is the version the marts keep
        [(versions,)] = con.execute(
            "select version_count from marts.dim_article where source_uri = ?", [str(corrected)]
        ).fetchall()
    assert versions == 2


def _processes_of(data_dir: Path) -> list[int]:
    """Processes whose environment names this data folder (a run and its children)."""
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if f"HABERDAR_DATA_DIR={data_dir}".encode() in environ.read_bytes():
                found.append(int(environ.parent.name))
        except OSError:  # gone, or not ours to read
            continue
    return found


def test_sigterm_ends_a_run_cleanly_and_frees_its_lock(tmp_path):
    # Airflow's task runner swallows SIGTERM inside a task; `timeout`, systemd and
    # `docker stop` must still end a run: at once, whole, and without a stale lock
    inbox, warehouse = tmp_path / "inbox", tmp_path / "w.duckdb"
    subprocess.run([sys.executable, "-m", "haberdar.cli", "generate", "--articles", "600", "--out", str(inbox)],
                   check=True, capture_output=True)  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "HABERDAR"))}
    log = tmp_path / "run.log"
    cmd = [sys.executable, "-m", "haberdar.cli", "run", "--source", str(inbox), "--warehouse", str(warehouse)]
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 300
        while "running DAG haberdar_extract" not in log.read_text() and time.monotonic() < deadline:
            assert proc.poll() is None, log.read_text()[-3000:]
            time.sleep(0.1)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=20) == 128 + signal.SIGTERM
    assert "stopped by SIGTERM" in log.read_text()
    assert not warehouse.exists()  # nothing half-built was published
    time.sleep(1)
    assert _processes_of(warehouse.with_name("w.haberdar")) == []  # the run's children went with it
    again = run_pipeline([inbox], warehouse)  # the lock went with the stopped run
    assert again.returncode == 0, again.output[-3000:]
    assert len(_articles(warehouse)) == 600
