"""What the report reads from the published marts: each a query in queries/,
answered by DuckDB, so the report holds what its pages show (capped lists, the
paged articles), never whole marts. The marts stay the one place the warehouse's
logic lives; the queries only choose, count and cap."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from haberdar import serve
from haberdar.config import memory_limit_bytes

QUERIES = Path(__file__).resolve().parent / "queries"


@cache
def _sql(name: str) -> str:
    return (QUERIES / f"{name}.sql").read_text(encoding="utf-8")


class Reader:
    """A read-only connection to the warehouse that answers the report's queries.
    Frames given as `tables` are visible to the query under their names."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def _execute(self, query: str, tables: dict[str, pd.DataFrame] | None, params: dict):
        for name, table in (tables or {}).items():
            self.con.register(name, table)
        return self.con.execute(_sql(query), params)

    def frame(self, query: str, tables: dict[str, pd.DataFrame] | None = None, **params) -> pd.DataFrame:
        return self._execute(query, tables, params).df()

    def records(self, query: str, tables: dict[str, pd.DataFrame] | None = None, **params) -> list[dict]:
        """Rows as dicts of plain Python values (None where missing, lists as lists)."""
        result = self._execute(query, tables, params)
        columns = [d[0] for d in result.description]
        return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]


@contextmanager
def reader(warehouse: Path) -> Iterator[Reader]:
    with serve.connect(warehouse) as con:
        # the report holds its pages' lists in Python beside DuckDB's buffers (about
        # as much again at 1M articles): DuckDB gets half of the process's budget
        con.execute(f"set memory_limit = '{memory_limit_bytes() // 2}B'")
        yield Reader(con)
