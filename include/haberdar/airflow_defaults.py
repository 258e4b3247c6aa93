"""What every Haberdar DAG shares: owner, retries, start date, tags."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

START_DATE = datetime(2026, 1, 1, tzinfo=UTC)
DEFAULT_ARGS = {
    "owner": "haberdar",
    # transient faults (a busy disk, a locked file) heal on retry; data-quality
    # failures raise AirflowFailException and are never retried
    "retries": int(os.environ.get("HABERDAR_TASK_RETRIES", "2")),
    "retry_delay": timedelta(seconds=float(os.environ.get("HABERDAR_RETRY_DELAY_SECONDS", "60"))),
}


def run_time(context) -> datetime:
    """The run's logical date; asset-triggered and manual runs in Airflow 3 may
    have none, and then the time the run was due stands in for it."""
    return context.get("logical_date") or context["dag_run"].run_after


def gate_outcome(check: Callable) -> dict:
    """Run a gate step (a haberdar.pipeline.check_* function) as Airflow should see
    it: a failed gate fails the task for good (no retry), a gate with nothing to
    check skips it (so no asset event starts what depends on it)."""
    from airflow.sdk.exceptions import AirflowFailException, AirflowSkipException

    from haberdar.config import Settings
    from haberdar.quality.gates import DataQualityError  # imports Great Expectations: at run time only

    try:
        result = check(Settings.from_env())
    except DataQualityError as exc:
        raise AirflowFailException(str(exc)) from exc
    if "skipped" in result:
        raise AirflowSkipException(result["skipped"])
    return result
