"""Development shortcut for extractor work: land, extract, `dbt build` in one
invocation and publish, without Airflow (seconds instead of a minute). The
product path is `haberdar run`, which runs the same steps as DAGs.

    .venv/bin/python bench/quick_build.py --source tests/fixtures/written_a --warehouse /tmp/own.duckdb
    .venv/bin/python ../shared/eval/score.py --warehouse /tmp/own.duckdb --gold tests/fixtures/written_a.annotations.json
"""

from __future__ import annotations

import argparse
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", action="append", required=True)
    parser.add_argument("--warehouse", required=True)
    args = parser.parse_args()
    warehouse = Path(args.warehouse).resolve()
    data_dir = warehouse.with_name(warehouse.stem + ".quick")
    shutil.rmtree(data_dir, ignore_errors=True)
    os.environ.update(HABERDAR_DATA_DIR=str(data_dir), HABERDAR_WAREHOUSE=str(warehouse),
                      HABERDAR_SOURCES=os.pathsep.join(str(Path(s).resolve()) for s in args.source))  # fmt: skip
    from haberdar import pipeline
    from haberdar.config import Settings

    settings = Settings.from_env()
    os.environ.update(settings.dbt_env())
    landing = pipeline.land_articles(settings, datetime.now(UTC).replace(microsecond=0))
    print("landed", landing["landed"], "quarantined", landing["quarantined"])
    for part in pipeline.list_pending(settings):
        print("extracted", pipeline.extract(settings, part))
    from dbt.cli.main import dbtRunner

    settings.build_db.parent.mkdir(parents=True, exist_ok=True)
    project = str(settings.dbt_project_dir)
    result = dbtRunner().invoke(["build", "--quiet", "--project-dir", project, "--profiles-dir", project])
    if not result.success:
        raise SystemExit(f"dbt build failed: {result.exception}")
    print(pipeline.check_marts(settings))
    print(pipeline.publish(settings))


if __name__ == "__main__":
    main()
