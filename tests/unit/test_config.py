"""A setting Haberdar cannot use stops the CLI at once, naming the variable and
what to set it to (exit code 2, as for a bad argument)."""

import duckdb
import pytest

from haberdar import cli, parallel, serve
from haberdar.config import ConfigError, Settings, duckdb_config, memory_limit_bytes
from haberdar.report import data


@pytest.mark.parametrize(
    ("variable", "value", "fix"),
    [
        ("HABERDAR_DBT_TASKS", "models", "one of project, model"),
        ("HABERDAR_MAX_FILE_BYTES", "5MB", "whole number"),
        ("HABERDAR_MEMORY_LIMIT", "2 gigs", "a size such as 2GB"),
    ],
)
def test_a_bad_setting_is_named_with_its_fix(variable, value, fix, tmp_path, monkeypatch, capsys):
    for name in ("HABERDAR_WAREHOUSE", "HABERDAR_DATA_DIR"):  # the CLI sets these; restore them afterwards
        monkeypatch.setenv(name, str(tmp_path / name))
    monkeypatch.setenv(variable, value)
    assert cli.main(["run", "--warehouse", str(tmp_path / "w.duckdb")]) == 2
    message = capsys.readouterr().err
    assert variable in message and repr(value) in message and fix in message


def test_a_bad_process_count_is_named(monkeypatch):
    monkeypatch.setenv("HABERDAR_PROCESSES", "two")
    with pytest.raises(ConfigError, match="HABERDAR_PROCESSES is 'two'"):
        parallel.processes()


def test_a_source_overlapping_the_data_folder_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("HABERDAR_DATA_DIR", str(tmp_path / "data"))
    for source in (tmp_path, tmp_path / "data", tmp_path / "data" / "lake"):
        monkeypatch.setenv("HABERDAR_SOURCES", str(source))
        with pytest.raises(ConfigError, match="overlaps the data folder"):
            Settings.from_env()


@pytest.mark.parametrize("name", ["o'brien", "{x}"])
def test_a_data_folder_sql_or_dbt_cannot_take_is_refused(tmp_path, monkeypatch, name):
    monkeypatch.setenv("HABERDAR_DATA_DIR", str(tmp_path / name))
    monkeypatch.delenv("HABERDAR_SOURCES", raising=False)
    with pytest.raises(ConfigError, match="choose a path without them"):
        Settings.from_env()


def test_an_unwritable_data_folder_is_exit_2_with_the_fix(tmp_path, capsys, monkeypatch):
    (tmp_path / "a-file").write_text("")
    monkeypatch.delenv("HABERDAR_SOURCES", raising=False)
    assert cli.main(["run", "--data-dir", str(tmp_path / "a-file" / "data")]) == 2
    assert "cannot write to the data folder" in capsys.readouterr().err


def test_a_pseudo_filesystem_is_no_source(monkeypatch, tmp_path):
    monkeypatch.setenv("HABERDAR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("HABERDAR_SOURCES", "/proc")
    with pytest.raises(ConfigError, match="pseudo-filesystem"):
        Settings.from_env()


def test_every_duckdb_connection_of_the_pipeline_has_the_memory_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("HABERDAR_MEMORY_LIMIT", "300MB")
    settings = Settings(data_dir=tmp_path, warehouse=tmp_path / "w.duckdb", sources=())
    assert settings.dbt_env()["HABERDAR_MEMORY_LIMIT"] == "300MB"  # profiles.yml reads it
    duckdb.connect(str(tmp_path / "w.duckdb")).close()
    with serve.connect(tmp_path / "w.duckdb") as con:  # the report's, the endpoint's, an analyst's
        limit = con.execute("select current_setting('memory_limit')").fetchone()[0]
    assert limit == "286.1 MiB"  # DuckDB shows 300 MB in MiB
    with data.reader(tmp_path / "w.duckdb") as reader:  # its pages' lists take the other half
        assert reader.con.execute("select current_setting('memory_limit')").fetchone()[0] == "143.0 MiB"


@pytest.mark.parametrize(
    ("limit", "expected"), [("2GB", 2 * 1000**3), ("512 MiB", 512 * 1024**2), ("1.5gb", 1.5e9)]
)
def test_the_memory_limit_is_read_in_bytes_as_duckdb_reads_it(monkeypatch, limit, expected):
    monkeypatch.setenv("HABERDAR_MEMORY_LIMIT", limit)
    assert memory_limit_bytes() == expected
    with duckdb.connect(config=duckdb_config()) as con:
        shown = con.execute("select current_setting('memory_limit')").fetchone()[0]
        con.execute(f"set memory_limit = '{memory_limit_bytes()}B'")
        assert con.execute("select current_setting('memory_limit')").fetchone()[0] == shown
