"""Serving: readers only ever open the published warehouse, read-only. A build
publishes by copying the writer's database to a temporary file beside the
published one and renaming it over it: a reader holding the old file keeps
reading it, the next reader opens the new one, nobody sees half a build."""

from __future__ import annotations

from pathlib import Path

import duckdb

from haberdar.atomic import replacing
from haberdar.failpoints import failpoint


def publish(build_db: Path, warehouse: Path) -> None:
    """Copy the build into a fresh, compact file beside the warehouse, then rename
    it over the warehouse. (Copying the file itself would carry the free pages
    every rebuild leaves in it: DuckDB does not shrink a file.)"""
    with replacing(warehouse) as tmp:
        tmp.unlink()  # DuckDB creates the file itself
        with duckdb.connect(str(build_db)) as con:
            con.execute(f"attach '{tmp}' as published")
            con.execute(f"copy from database {_catalog(con)} to published")
            con.execute("detach published")
        failpoint("publish.before_rename")


def _catalog(con: duckdb.DuckDBPyConnection) -> str:
    return con.execute("select current_database()").fetchone()[0]


def connect(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """How every reader opens the warehouse: read-only, so it never takes the writer's lock."""
    return duckdb.connect(str(warehouse), read_only=True)
