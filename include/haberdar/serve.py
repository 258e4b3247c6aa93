"""Serving: readers only ever open the published warehouse, read-only. A build
publishes by copying the writer's database to a temporary file beside the
published one and renaming it over it: a reader holding the old file keeps
reading it, the next reader opens the new one, nobody sees half a build."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from haberdar.atomic import replacing
from haberdar.failpoints import failpoint


def publish(build_db: Path, warehouse: Path) -> None:
    with duckdb.connect(str(build_db)) as con:
        con.execute("checkpoint")  # everything in the main file, nothing left in the WAL
    with replacing(warehouse) as tmp:
        shutil.copyfile(build_db, tmp)
        failpoint("publish.before_rename")


def connect(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """How every reader opens the warehouse: read-only, so it never takes the writer's lock."""
    return duckdb.connect(str(warehouse), read_only=True)
