"""Serving: readers only ever open the published warehouse, read-only. A build
publishes by copying the writer's database to a temporary file beside the
published one and renaming it over it: a reader holding the old file keeps
reading it, the next reader opens the new one, nobody sees half a build."""

from __future__ import annotations

from pathlib import Path

import duckdb

from haberdar.atomic import replacing
from haberdar.config import duckdb_config
from haberdar.failpoints import failpoint

PUBLISHED_SCHEMAS = ("marts", "reference")  # the contract's tables and the lookup lists (seeds)
CATALOG = "warehouse"  # the name a reader's connection gives the published file


def publish(build_db: Path, warehouse: Path) -> None:
    """Copy the marts and reference tables into a fresh, compact file beside the
    warehouse, then rename it over the warehouse. Staging views (they read the lake
    by path), intermediate tables and dbt's audit views stay in the build database:
    the published file stands alone, wherever it is copied. (Copying the build file
    itself would also carry the free pages every rebuild leaves: DuckDB does not
    shrink a file.)"""
    with replacing(warehouse) as tmp:
        tmp.unlink()  # DuckDB creates the file itself
        with duckdb.connect(str(build_db), config=duckdb_config()) as con:
            catalog = _catalog(con)
            con.execute(f"attach '{tmp}' as published")
            for schema in PUBLISHED_SCHEMAS:
                con.execute(f"create schema published.{schema}")
                tables = con.execute(
                    "select table_name from duckdb_tables() where database_name = ? and schema_name = ? order by 1",
                    [catalog, schema],
                ).fetchall()
                for (table,) in tables:
                    con.execute(
                        f'create table published.{schema}."{table}" as from {catalog}.{schema}."{table}"'
                    )
                _copy_macros(con, catalog, schema)
            con.execute("detach published")
        failpoint("publish.before_rename")


def _copy_macros(con: duckdb.DuckDBPyConnection, catalog: str, schema: str) -> None:
    """The schema's SQL macros (marts.search_articles …) go with its tables. Their
    bodies name tables by schema, not catalog: they work in the published file
    whatever a reader attaches it as."""
    macros = con.execute(
        "select function_name, function_type, parameters, macro_definition from duckdb_functions() "
        "where database_name = ? and schema_name = ? and function_type in ('macro', 'table_macro') "
        "order by function_oid",
        [catalog, schema],
    ).fetchall()
    for name, kind, parameters, definition in macros:
        table = "table " if kind == "table_macro" else ""
        con.execute(
            f'create macro published.{schema}."{name}"({", ".join(parameters)}) as {table}{definition}'
        )


def _catalog(con: duckdb.DuckDBPyConnection) -> str:
    return con.execute("select current_database()").fetchone()[0]


def connect(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """How every reader opens the warehouse: read-only, so it never takes the
    writer's lock, and as last published. `duckdb.connect(path)` in a process
    that has the path open already returns that open database, however old; a
    private in-memory database attaching the file opens the file there now."""
    con = duckdb.connect(config=duckdb_config())
    con.execute("set enable_progress_bar = false")  # a reader's log is no terminal
    literal = str(warehouse).replace("'", "''")
    con.execute(f"attach '{literal}' as {CATALOG} (read_only)")
    con.execute(f"use {CATALOG}")
    return con
