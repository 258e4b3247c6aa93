"""Stage 3 glue: the dbt project run by Astronomer Cosmos, rendered from a
manifest so that parsing a DAG file never runs dbt."""

from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path

from haberdar.config import Settings
from haberdar.processes import dies_with_parent

log = logging.getLogger(__name__)
_DBT_SOURCES = ("dbt_project.yml", "models", "macros", "seeds", "tests")
FULL_REFRESH = "{{ params.full_refresh }}"  # rendered by Airflow; Cosmos reads "True"/"False"


def _newest_source(project: Path) -> float:
    newest = 0.0
    for name in _DBT_SOURCES:
        root = project / name
        paths = [root] if root.is_file() else list(root.rglob("*")) if root.exists() else []
        newest = max([newest, *(p.stat().st_mtime for p in paths if p.is_file())])
    return newest


def ensure_manifest(settings: Settings) -> Path:
    """Run `dbt parse` when the manifest is missing or older than the project."""
    manifest = settings.dbt_manifest
    if manifest.exists() and manifest.stat().st_mtime >= _newest_source(settings.dbt_project_dir):
        return manifest
    from dbt.cli.main import dbtRunner

    os.environ.update(settings.dbt_env())
    log.info("parsing the dbt project into %s", manifest)
    result = dbtRunner().invoke(
        ["parse", "--quiet", "--write-json", "--project-dir", str(settings.dbt_project_dir),
         "--profiles-dir", str(settings.dbt_project_dir), "--target-path", str(settings.dbt_target_dir)]
    )  # fmt: skip
    if not result.success:
        raise RuntimeError(f"dbt parse failed in {settings.dbt_project_dir}: {result.exception}")
    return manifest


def _not_lineage_notice(record: logging.LogRecord) -> bool:
    """Cosmos warns at import, in every process, that OpenLineage events need a
    provider Haberdar does not install (lineage is off by choice). Dropped, that one
    record only: a warning every run that asks for nothing teaches people to
    ignore warnings."""
    return "install apache-airflow-providers-openlineage" not in record.getMessage()


def dbt_cli() -> None:
    """`haberdar-dbt`: dbt's own command line, in a process that dies with the one
    that started it. Cosmos starts dbt in a session of its own, so a task killed
    outright (kill -9, the OOM killer) would leave dbt writing the build database,
    holding its lock against the next run."""
    dies_with_parent()()
    from dbt.cli.main import cli

    cli()


def dbt_executable() -> str:
    """This environment's `haberdar-dbt`, found beside its Python (a venv not on PATH too)."""
    name = "haberdar-dbt"
    return shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name) or name


def dbt_tasks(settings: Settings, group_id: str = "dbt"):
    """The dbt project in Airflow, rendered by Cosmos, as settings.dbt_tasks says:
    - "project": one task runs `dbt build` over the whole project. dbt starts once
      and runs independent models on its threads; the fastest (the default). It
      runs as a child process: dbt and DuckDB's memory goes back when the build
      ends (in the embedded runner every task shares one process; in it, at a
      million articles, an in-process build held 10 GB against the CLI's 2.6 GB).
    - "model": one task per model, then one task with every test: per-model retries
      and state in the Airflow UI, at about a second of dbt start-up per model.
    Either way a failed test stops the marts gate and the publish, and the DAG's
    `full_refresh` param (a run's conf) rebuilds the incremental models anew."""
    # one filter object: added again at every parse, it is still added once
    logging.getLogger("cosmos.operators.local").addFilter(_not_lineage_notice)
    from cosmos import DbtTaskGroup, ExecutionConfig, ProfileConfig, ProjectConfig, RenderConfig
    from cosmos.constants import InvocationMode, LoadMode, TestBehavior

    profile_config = ProfileConfig(
        profile_name="haberdar",
        target_name="build",
        profiles_yml_filepath=settings.dbt_project_dir / "profiles.yml",
    )
    if settings.dbt_tasks == "project":
        from haberdar.dbt_build import DbtBuild

        return DbtBuild(
            task_id=f"{group_id}_build",
            project_dir=str(settings.dbt_project_dir),
            profile_config=profile_config,
            invocation_mode=InvocationMode.SUBPROCESS,
            dbt_executable_path=dbt_executable(),
            install_deps=False,
            env=settings.dbt_env(),
            full_refresh=FULL_REFRESH,
            emit_datasets=False,  # the published warehouse is the asset downstream DAGs wait for
        )
    if not settings.dbt_manifest.exists():  # the per-model tasks are rendered from it
        raise FileNotFoundError(
            f"dbt manifest {settings.dbt_manifest} is missing: run `haberdar prepare` "
            "(in Docker: `docker compose up airflow-init`) to render it"
        )
    return DbtTaskGroup(
        group_id=group_id,
        project_config=ProjectConfig(
            dbt_project_path=settings.dbt_project_dir,
            manifest_path=settings.dbt_manifest,
        ),
        profile_config=profile_config,
        execution_config=ExecutionConfig(invocation_mode=InvocationMode.DBT_RUNNER),
        render_config=RenderConfig(load_method=LoadMode.DBT_MANIFEST, test_behavior=TestBehavior.AFTER_ALL),
        operator_args={"install_deps": False, "env": settings.dbt_env(), "full_refresh": FULL_REFRESH},
    )
