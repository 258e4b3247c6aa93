"""Parse the DAG folder the way the scheduler does and write a JSON report on it
(to the file named by the first argument: Airflow and dbt print to stdout).
Run in a subprocess by test_dags.py: Airflow must be configured before import."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from haberdar.config import Settings
from haberdar.runner import apply_env


def listing(root: Path) -> list[str]:
    """Files under the data folder, Airflow's own home (its logs folder) aside."""
    if not root.exists():
        return []
    return sorted(
        str(p.relative_to(root)) for p in root.rglob("*") if p.relative_to(root).parts[0] != "airflow"
    )


def main() -> None:
    settings = Settings.from_env()
    apply_env(settings)
    from haberdar.transform import ensure_manifest

    ensure_manifest(settings)  # a deployment step, like `dbt parse` in CI
    before = listing(settings.data_dir)
    from airflow.dag_processing.dagbag import DagBag

    dags_folder = settings.project_dir / "dags"
    parse_seconds = {}
    for path in sorted(dags_folder.glob("*.py")):
        started = time.perf_counter()
        DagBag(str(path))
        parse_seconds[path.name] = time.perf_counter() - started
    bag = DagBag(str(dags_folder))
    os.environ["HABERDAR_DBT_TASKS"] = "model"  # the same DAG, one dbt task per model
    started = time.perf_counter()
    per_model = DagBag(str(dags_folder / "haberdar_warehouse.py")).dags["haberdar_warehouse"]
    parse_seconds["haberdar_warehouse.py (HABERDAR_DBT_TASKS=model)"] = time.perf_counter() - started
    report = {
        "import_errors": {k: v for k, v in bag.import_errors.items()},
        "parse_seconds": parse_seconds,
        "written_during_parse": sorted(set(listing(settings.data_dir)) - set(before)),
        "dags": {
            dag_id: {
                "tags": sorted(dag.tags),
                "schedule": type(dag.timetable).__name__ + " " + str(getattr(dag.timetable, "summary", "")),
                "tasks": {t.task_id: {"owner": t.owner, "retries": t.retries} for t in dag.tasks},
            }
            for dag_id, dag in bag.dags.items()
        },
        "per_model_warehouse_tasks": [t.task_id for t in per_model.tasks],
    }
    Path(sys.argv[1]).write_text(json.dumps(report))


if __name__ == "__main__":
    os.environ.setdefault("HABERDAR_TASK_RETRIES", "2")
    main()
