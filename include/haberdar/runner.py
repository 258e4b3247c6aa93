"""Run the DAGs in-process, the way `airflow dags test` does: same DAG files,
same tasks, an embedded SQLite metadata database, no scheduler or workers.

Airflow reads its configuration when first imported, so `airflow_env()` must
be applied before anything imports airflow."""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

from haberdar.config import Settings
from haberdar.parallel import worker_pids

DAG_ORDER = ("haberdar_land", "haberdar_extract", "haberdar_warehouse")
GATE_TASKS = {"check_landed", "check_extracted", "check_marts"}


def airflow_env(settings: Settings) -> dict[str, str]:
    """Embedded defaults; a variable the user already set wins."""
    return {
        "AIRFLOW_HOME": str(settings.airflow_home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(settings.project_dir / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{settings.airflow_home / 'airflow.db'}",
        "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
        "AIRFLOW__CORE__DAGBAG_IMPORT_ERROR_TRACEBACKS": "True",
        "HABERDAR_TASK_RETRIES": "0",  # a failure in a foreground run is reported at once
        "GX_ANALYTICS_ENABLED": "False",
        "DBT_QUIET": "True",  # the CLI prints one line per task; dbt's own chatter is in the task logs
        "DO_NOT_TRACK": "1",
        "AIRFLOW__COSMOS__ENABLE_TELEMETRY": "False",
        # Cosmos reads the lineage namespace whether lineage is on or not; set, it asks no question
        "AIRFLOW__OPENLINEAGE__NAMESPACE": "haberdar",
    }


def apply_env(settings: Settings) -> None:
    if "airflow" in sys.modules:
        raise RuntimeError("airflow was imported before its environment was set")
    settings.airflow_home.mkdir(parents=True, exist_ok=True)
    for key, value in airflow_env(settings).items():
        os.environ.setdefault(key, value)
    for key, value in settings.dbt_env().items():
        os.environ[key] = value


@dataclass
class DagResult:
    dag_id: str
    state: str
    seconds: float
    tasks: dict[str, str] = field(default_factory=dict)  # task id -> state
    errors: list[str] = field(default_factory=list)
    task_seconds: dict[str, float] = field(default_factory=dict)
    task_peak_mib: dict[str, float] = field(default_factory=dict)  # the largest memory it used


@dataclass
class _Progress:
    errors: list[str] = field(default_factory=list)
    peak_mib: dict[str, float] = field(default_factory=dict)
    children_kib: int = 0  # the children's high-water mark when the running task started


def _release_memory() -> None:
    """Give back to the system what the tasks before have freed. Here every task
    runs in one process (in a deployment, each in its own): without this, the
    memory an earlier task freed but the allocators kept (Arrow's pool, glibc's
    arenas) stays under every later task. (No gc.collect: 0.3 s a task; the gates,
    whose garbage is large, collect their own.)"""
    if "pyarrow" in sys.modules:
        sys.modules["pyarrow"].default_memory_pool().release_unused()
    with contextlib.suppress(OSError, AttributeError):  # glibc only
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _restart_peak() -> int:
    """Start the high-water marks of this process and of its pool's workers again
    from their sizes now (Linux: /proc/PID/clear_refs), so that a task's peak is
    its own, not an earlier task's; returns the high-water mark of the children
    waited for so far (it cannot be restarted)."""
    for pid in ("self", *map(str, worker_pids())):
        with contextlib.suppress(OSError):
            Path(f"/proc/{pid}/clear_refs").write_text("5")
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def _high_water_kib(pid: str) -> int:
    with contextlib.suppress(OSError, ValueError, IndexError):
        return int(Path(f"/proc/{pid}/status").read_text().split("VmHWM:", 1)[1].split()[0])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss if pid == "self" else 0


def _task_peak_mib(children_before: int) -> float:
    """The memory a task used at most, since _restart_peak: this process's and its
    pool workers' high-water marks together, or a child's it waited for if that
    went higher than any before it."""
    ours = sum(_high_water_kib(pid) for pid in ("self", *map(str, worker_pids())))
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(ours, children if children > children_before else 0) / 1024


@cache
def _progress() -> _Progress:
    """A task-instance listener, registered once per process: it prints a line
    per finished task (progress), notes the memory high-water mark then, and
    collects why tasks failed (dag.test logs it; the CLI has to say it)."""
    from airflow.listeners import hookimpl
    from airflow.sdk.listener import get_listener_manager

    progress = _Progress()

    class ProgressListener:
        @hookimpl
        def on_task_instance_running(self, previous_state, task_instance) -> None:
            _release_memory()
            progress.children_kib = _restart_peak()

        @hookimpl
        def on_task_instance_success(self, previous_state, task_instance) -> None:
            peak = _task_peak_mib(progress.children_kib)
            print(
                f"[haberdar]     ✓ {task_instance.task_id} (peak {peak:,.0f} MiB)",
                file=sys.stderr,
                flush=True,
            )
            # a mapped task's instances: the largest
            progress.peak_mib[task_instance.task_id] = max(
                peak, progress.peak_mib.get(task_instance.task_id, 0)
            )

        @hookimpl
        def on_task_instance_failed(self, previous_state, task_instance, error) -> None:
            peak = _task_peak_mib(progress.children_kib)
            print(
                f"[haberdar]     ✗ {task_instance.task_id} (peak {peak:,.0f} MiB)",
                file=sys.stderr,
                flush=True,
            )
            progress.errors.append(f"{task_instance.task_id}: {error}")

    get_listener_manager().add_listener(ProgressListener())
    return progress


def migrate_metadata_db(airflow_home: Path) -> None:
    """Create or upgrade the Airflow metadata database (`airflow db migrate`). The
    embedded SQLite database is migrated once per Airflow version (checking an
    up-to-date one takes 2 s a run); any other database, every time."""
    import airflow
    from airflow.configuration import conf
    from airflow.utils.db import upgradedb

    conn = conf.get("database", "sql_alchemy_conn")
    sqlite_file = Path(conn.removeprefix("sqlite:///")) if conn.startswith("sqlite:///") else None
    marker = airflow_home / ".migrated"
    migrated = f"{airflow.__version__} {sqlite_file}"
    if sqlite_file and sqlite_file.exists() and marker.exists() and marker.read_text() == migrated:
        return
    upgradedb()
    if sqlite_file:
        marker.write_text(migrated)


def load_dags(dags_folder: Path) -> dict:
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(str(dags_folder))
    if bag.import_errors:
        problems = "\n".join(
            f"{path}: {err.strip().splitlines()[-1]}" for path, err in bag.import_errors.items()
        )
        raise RuntimeError(f"DAG files failed to import:\n{problems}")
    return bag.dags


def run_dag(dag, logical_date: datetime, conf: dict | None = None) -> DagResult:
    progress = _progress()
    progress.errors.clear()
    started = time.monotonic()
    run = dag.test(logical_date=logical_date, run_conf=conf)
    instances = run.get_task_instances()
    tasks = {ti.task_id: str(ti.state) for ti in instances}
    seconds: dict[str, float] = {}
    for ti in instances:  # a mapped task has one instance per partition
        seconds[ti.task_id] = seconds.get(ti.task_id, 0.0) + (ti.duration or 0.0)
    return DagResult(dag.dag_id, str(run.state), time.monotonic() - started, tasks, list(progress.errors), seconds,
                     {t: round(progress.peak_mib[t]) for t in tasks if t in progress.peak_mib})  # fmt: skip
