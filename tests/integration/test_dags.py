"""DAG integrity: every DAG imports, has tags, retries and an owner, parses fast,
and does no work at import time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import PROJECT_DIR

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "HABERDAR"))}
    folder = tmp_path_factory.mktemp("dags")
    env["HABERDAR_DATA_DIR"] = str(folder / "data")
    env["HABERDAR_TASK_RETRIES"] = "2"
    out = folder / "report.json"
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("dag_report.py")), str(out)],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(out.read_text())


def test_every_dag_imports(report):
    assert report["import_errors"] == {}
    assert set(report["dags"]) == {"haberdar_land", "haberdar_extract", "haberdar_warehouse"}


def test_every_task_has_an_owner_and_retries(report):
    for dag_id, dag in report["dags"].items():
        assert dag["tags"], dag_id
        for task_id, task in dag["tasks"].items():
            assert task["owner"] == "haberdar", (dag_id, task_id)
            assert task["retries"] >= 1, (dag_id, task_id)


def test_stages_hand_over_through_assets(report):
    assert "cron" in report["dags"]["haberdar_land"]["schedule"].lower()
    assert "asset" in report["dags"]["haberdar_extract"]["schedule"].lower()
    assert "asset" in report["dags"]["haberdar_warehouse"]["schedule"].lower()


def test_dbt_runs_as_one_build_or_one_task_per_model(report):
    assert list(report["dags"]["haberdar_warehouse"]["tasks"]) == [
        "dbt_build",
        "check_marts",
        "publish",
        "report",
    ]
    per_model = report["per_model_warehouse_tasks"]
    assert "dbt.dim_institution_run" in per_model and "dbt.dbt_project_test" in per_model
    assert {"check_marts", "publish", "report"} <= set(per_model)


def test_parsing_does_no_work(report):
    assert report["written_during_parse"] == []
    for name, seconds in report["parse_seconds"].items():
        assert seconds < 5, f"{name} took {seconds:.2f}s to parse"  # the benchmark reports the real figure


def test_compose_file_describes_the_full_deployment():
    compose = yaml.safe_load((PROJECT_DIR / "docker-compose.yml").read_text())
    services = compose["services"]
    for needed in ["postgres", "airflow-apiserver", "airflow-scheduler", "airflow-dag-processor",
                   "airflow-triggerer", "airflow-worker", "airflow-init"]:  # fmt: skip
        assert needed in services, needed
    assert compose["x-airflow-common"]["build"] == "."
    assert "FROM ${AIRFLOW_IMAGE}" in (PROJECT_DIR / "Dockerfile").read_text()
    assert "apache/airflow:3." in (PROJECT_DIR / "Dockerfile").read_text()
