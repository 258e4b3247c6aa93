"""Shared fixtures. Integration tests run the real `haberdar run` (real DAGs via
dag.test, real dbt through Cosmos, real GE checkpoints) in a subprocess on a
temporary data folder, so Airflow's configuration never leaks between tests."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]
SEEDS = PROJECT_DIR / "seeds"


@dataclass
class Build:
    warehouse: Path
    data_dir: Path
    output: str
    returncode: int


def run_pipeline(
    sources: list[Path], warehouse: Path, extra_env: dict | None = None, timeout: int = 900, args: tuple = ()
) -> Build:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "HABERDAR"))}
    env.update(extra_env or {})
    cmd = [sys.executable, "-m", "haberdar.cli", "run", "--warehouse", str(warehouse), *args]
    for source in sources:
        cmd += ["--source", str(source)]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    data_dir = warehouse.with_name(warehouse.stem + ".haberdar")
    return Build(warehouse, data_dir, proc.stdout + proc.stderr, proc.returncode)


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> Build:
    """The bundled sample, built once per test session."""
    build = run_pipeline([SEEDS], tmp_path_factory.mktemp("seed") / "warehouse.duckdb")
    assert build.returncode == 0, build.output[-4000:]
    return build
