"""The Parquet lake: partitioned by ingest date, one file per run, written
atomically (write to a temporary name, then rename) so a crash never leaves a
half-written file where a reader looks."""

from __future__ import annotations

import logging
import time
from collections.abc import Collection
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from haberdar.atomic import replacing

log = logging.getLogger(__name__)


def run_key(logical_date: datetime) -> str:
    """A file-name-safe key for one logical run: re-running it overwrites its files."""
    return logical_date.strftime("%Y%m%dT%H%M%S")


def partition_file(base: Path, logical_date: datetime, chunk: int | None = None) -> Path:
    """The part file of one logical run (or its n-th chunk, for tables a run
    writes in several parts so they can be extracted in parallel)."""
    suffix = "" if chunk is None else f"-{chunk:04d}"
    return (
        base
        / f"ingest_date={logical_date.date().isoformat()}"
        / f"part-{run_key(logical_date)}{suffix}.parquet"
    )


def run_parts(base: Path, logical_date: datetime) -> list[Path]:
    """Every part file one logical run wrote under a table folder."""
    folder = partition_file(base, logical_date).parent
    return sorted(folder.glob(f"part-{run_key(logical_date)}*.parquet"))


def write_atomic(table: pa.Table, path: Path) -> Path:
    with replacing(path) as tmp:
        pq.write_table(table, tmp, compression="zstd")
    return path


def parts(base: Path) -> list[Path]:
    """Every committed part file under a table folder, oldest partition first."""
    return sorted(base.glob("ingest_date=*/part-*.parquet")) if base.exists() else []


def read_columns(base: Path, columns: list[str], exclude: Collection[Path] = ()) -> pa.Table | None:
    """The columns of every part under a table folder. A column a part lacks (it
    was written by an older version) reads as nulls."""
    files = [p for p in parts(base) if p not in exclude]
    if not files:
        return None
    tables = []
    for f in files:
        present = set(pq.read_schema(f).names)
        table = pq.read_table(f, columns=[c for c in columns if c in present])
        for c in columns:
            if c not in present:
                table = table.append_column(c, pa.nulls(len(table)))
        tables.append(table.select(columns))
    return pa.concat_tables(tables, promote_options="default")


SCHEMA_PART = "ingest_date=1970-01-01/part-00000000T000000.parquet"


def set_aside_corrupt(lake_dir: Path, aside_dir: Path) -> list[Path]:
    """Move every part file whose Parquet footer cannot be read (truncated by a full
    disk, damaged by hand) out of the lake, to the same place under aside_dir. The
    lake is derived state: a landed part set aside makes its source files read
    again, an extracted part makes its articles extracted again."""
    moved = []
    for part in sorted(lake_dir.rglob("*.parquet")) if lake_dir.exists() else []:
        try:
            pq.read_metadata(part)
        except (OSError, ValueError, pa.ArrowException):
            target = aside_dir / part.relative_to(lake_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            part.replace(target)
            moved.append(target)
            log.warning(
                "set aside the unreadable lake file %s as %s: it will be rebuilt from its sources",
                part,
                target,
            )
    return moved


def ensure_schema_part(base: Path, schema: pa.Schema) -> None:
    """A zero-row part file that gives readers (dbt sources) the table's columns
    before any data has landed: a glob over an empty folder is an error."""
    path = base / SCHEMA_PART
    if not path.exists() or not pq.read_schema(path).equals(schema):  # a column added since
        write_atomic(schema.empty_table(), path)


def remove_stale_temp(root: Path, older_than: float = 3600) -> None:
    """Temporary files a killed run left behind. Readers never look at them (their
    names start with a dot); only old ones go, so a writer running now keeps its own."""
    cutoff = time.time() - older_than
    for tmp in root.rglob(".*.tmp") if root.exists() else []:
        if tmp.stat().st_mtime < cutoff:
            tmp.unlink(missing_ok=True)
