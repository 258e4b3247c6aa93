"""Haberdar: a warehouse of Turkey's industry and technology news."""

from haberdar.compiled import use_source_where_stale

__version__ = "0.1.0"
use_source_where_stale()


def connect(warehouse: str | None = None):
    """The published warehouse, read-only, as last published, for Python readers
    (pandas, notebooks, a long-lived service): call it for each unit of work, and
    each sees the latest publish. Default: the configured warehouse
    (HABERDAR_WAREHOUSE, else data/warehouse/haberdar.duckdb)."""
    from pathlib import Path

    from haberdar.config import Settings
    from haberdar.serve import connect as connect_to

    return connect_to(Path(warehouse) if warehouse else Settings.from_env().warehouse)
