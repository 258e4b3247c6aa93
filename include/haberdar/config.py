"""Where everything lives. Every path has a default under one data folder and an
environment variable that overrides it, so the CLI, the DAGs, dbt and the tests
all agree without passing paths around."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

MAX_FILE_BYTES = 5 * 1024 * 1024  # larger files are quarantined, not read
# the report writes a page for the newest articles only: at a million articles a page
# each would be 12 GB of HTML; the warehouse (marts.search_articles) has every one
REPORT_ARTICLE_PAGES = 10_000
DBT_TASKS = ("project", "model")
# DuckDB's memory in every process of the pipeline (dbt's build, the gates, the
# publish, the report, the endpoint); past it DuckDB spills to disk. Its own
# default, 80% of the machine, let one task's buffers grow to 10 GB at 1M articles.
MEMORY_LIMIT = "2GB"  # profiles.yml has the same default, for a `dbt build` run alone
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([KMGT])(i?)B", re.IGNORECASE)
PROJECT_DIR = Path(os.environ.get("HABERDAR_PROJECT_DIR", Path(__file__).resolve().parents[2]))


class ConfigError(ValueError):
    """A setting has a value Haberdar cannot use; the message names the variable."""


# Quotes end SQL string literals (read_parquet('…'), attach '…'); braces are
# templates in dbt's source definitions.
UNSAFE_PATH_CHARACTERS = frozenset("'{}")
PSEUDO_FILESYSTEMS = ("/proc", "/sys", "/dev")


def env_int(var: str, default: int) -> int:
    value = os.environ.get(var)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigError(
            f"{var} is {value!r}: set it to a whole number (or unset it for {default})"
        ) from None


def memory_limit() -> str:
    value = os.environ.get("HABERDAR_MEMORY_LIMIT", MEMORY_LIMIT).strip()
    if not _SIZE.fullmatch(value):
        raise ConfigError(
            f"HABERDAR_MEMORY_LIMIT is {value!r}: set it to a size such as 2GB or 512MB "
            f"(or unset it for {MEMORY_LIMIT})"
        )
    return value


def memory_limit_bytes() -> int:
    """HABERDAR_MEMORY_LIMIT in bytes, read as DuckDB reads it (MB = 1000², MiB = 1024²)."""
    size = _SIZE.fullmatch(memory_limit())
    assert size  # memory_limit() has checked it
    number, unit, binary = size.groups()
    return int(float(number) * (1024 if binary else 1000) ** ("KMGT".index(unit.upper()) + 1))


def duckdb_config() -> dict[str, str]:
    """The configuration every DuckDB connection of the pipeline opens with (one
    configuration: DuckDB shares an open database only with connections of the same)."""
    return {"memory_limit": memory_limit()}


def _path(var: str, default: Path) -> Path:
    value = os.environ.get(var)
    return Path(value).expanduser().resolve() if value else default


def _sources() -> tuple[tuple[Path, ...], tuple]:
    """Folders and files, and web sources: those given on the command line
    (HABERDAR_SOURCES, paths separated by os.pathsep; HABERDAR_WEB_SOURCES, URLs
    separated by spaces), else those the sources file lists (HABERDAR_SOURCES_FILE,
    by default sources.toml of the project, which lists seeds/)."""
    from haberdar.fetch import sources as listed

    raw_paths, raw_urls = os.environ.get("HABERDAR_SOURCES", ""), os.environ.get("HABERDAR_WEB_SOURCES", "")
    if raw_paths or raw_urls:
        paths = tuple(Path(s).expanduser().resolve() for s in raw_paths.split(os.pathsep) if s)
        return paths, tuple(listed.from_url(u) for u in raw_urls.split())
    sources_file = _path("HABERDAR_SOURCES_FILE", PROJECT_DIR / "sources.toml")
    if not sources_file.exists():
        if "HABERDAR_SOURCES_FILE" in os.environ:
            raise ConfigError(f"HABERDAR_SOURCES_FILE is {sources_file}, which does not exist: "
                              "point it at a sources file (see sources.toml)")  # fmt: skip
        return (PROJECT_DIR / "seeds",), ()
    found = listed.load(sources_file)
    return found.paths, found.web


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    warehouse: Path
    sources: tuple[Path, ...]
    web: tuple = ()  # haberdar.fetch.sources.WebSource: feeds, sitemaps and pages the crawler follows
    max_file_bytes: int = MAX_FILE_BYTES
    dbt_tasks: str = "project"  # how Airflow runs dbt: see haberdar.transform.dbt_tasks
    report_article_pages: int = REPORT_ARTICLE_PAGES
    project_dir: Path = field(default=PROJECT_DIR)

    def __post_init__(self) -> None:
        if self.dbt_tasks not in DBT_TASKS:
            raise ConfigError(
                f"HABERDAR_DBT_TASKS is {self.dbt_tasks!r}: set it to one of {', '.join(DBT_TASKS)}"
            )
        for name, path in (("the data folder", self.data_dir), ("the warehouse", self.warehouse)):
            if set(str(path)) & UNSAFE_PATH_CHARACTERS:
                raise ConfigError(
                    f"{name} {path} contains one of {' '.join(sorted(UNSAFE_PATH_CHARACTERS))}, which SQL and "
                    "dbt's templates cannot take in a path: choose a path without them"
                )
        for source in self.sources:
            if any(source == Path(p) or Path(p) in source.parents for p in PSEUDO_FILESYSTEMS):
                raise ConfigError(
                    f"source {source} is a kernel pseudo-filesystem (its files are not articles and some "
                    "block forever when read); pass a folder of articles"
                )
            if source == self.data_dir or self.data_dir in source.parents or source in self.data_dir.parents:
                raise ConfigError(
                    f"source {source} overlaps the data folder {self.data_dir}: Haberdar would read its own "
                    "output (the lake, Data Docs) as articles; pass a source outside the data folder"
                )

    @classmethod
    def from_env(cls) -> Settings:
        data_dir = _path("HABERDAR_DATA_DIR", PROJECT_DIR / "data")
        sources, web = _sources()
        memory_limit()  # a bad one stops the run here, before any work
        return cls(
            data_dir=data_dir,
            warehouse=_path("HABERDAR_WAREHOUSE", data_dir / "warehouse" / "haberdar.duckdb"),
            sources=sources,
            web=web,
            max_file_bytes=env_int("HABERDAR_MAX_FILE_BYTES", MAX_FILE_BYTES),
            dbt_tasks=os.environ.get("HABERDAR_DBT_TASKS", "project"),
            report_article_pages=env_int("HABERDAR_REPORT_ARTICLE_PAGES", REPORT_ARTICLE_PAGES),
        )

    # The lake: Parquet written by the landing and extraction stages, read by dbt.
    @property
    def lake_dir(self) -> Path:
        return self.data_dir / "lake"

    @property
    def articles_dir(self) -> Path:
        return self.lake_dir / "articles"

    @property
    def quarantine_dir(self) -> Path:
        return self.lake_dir / "quarantine"

    @property
    def extracted_dir(self) -> Path:
        return self.lake_dir / "extracted"

    @property
    def report_dir(self) -> Path:
        """The static HTML report, beside the warehouse and named after it."""
        return self.warehouse.with_name(f"{self.warehouse.stem}-report")

    # What the crawler fetched (JSON Lines the landing stage reads) and what it remembers
    @property
    def web_dir(self) -> Path:
        return self.data_dir / "web"

    @property
    def crawler_dir(self) -> Path:
        """What the crawler remembers per host (validators, listing marks, last run's counts)."""
        return self.lake_dir / "_crawler"

    # The writer's private DuckDB file; readers only ever see the published copy.
    @property
    def build_db(self) -> Path:
        return self.data_dir / "build" / "warehouse.duckdb"

    @property
    def gx_dir(self) -> Path:
        return self.data_dir / "gx"

    @property
    def airflow_home(self) -> Path:
        return self.data_dir / "airflow"

    @property
    def dbt_project_dir(self) -> Path:
        return self.project_dir / "dbt_project"

    @property
    def dbt_target_dir(self) -> Path:
        return self.data_dir / "dbt" / "target"

    @property
    def dbt_manifest(self) -> Path:
        return self.dbt_target_dir / "manifest.json"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / "haberdar.lock"

    def dbt_env(self) -> dict[str, str]:
        """Environment dbt needs: profiles.yml and sources.yml read these.
        dbt's own debug log file and JSON artifacts are off unless asked for
        (DBT_LOG_LEVEL_FILE=debug, DBT_WRITE_JSON=true): writing them is a third
        of a build's time, and the Airflow task log already has what dbt prints."""
        return {
            "HABERDAR_BUILD_DB": str(self.build_db),
            "HABERDAR_LAKE_DIR": str(self.lake_dir),
            "HABERDAR_MEMORY_LIMIT": memory_limit(),
            "DBT_TARGET_PATH": str(self.dbt_target_dir),
            "DBT_LOG_PATH": str(self.data_dir / "dbt" / "logs"),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "False",
            "DBT_USE_COLORS": "false",  # a task log is no terminal
            "DBT_LOG_LEVEL_FILE": os.environ.get("DBT_LOG_LEVEL_FILE", "none"),
            "DBT_WRITE_JSON": os.environ.get("DBT_WRITE_JSON", "false"),
        }
