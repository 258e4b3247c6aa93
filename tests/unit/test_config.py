"""A setting Haberdar cannot use stops the CLI at once, naming the variable and
what to set it to (exit code 2, as for a bad argument)."""

import pytest

from haberdar import cli, parallel
from haberdar.config import ConfigError


@pytest.mark.parametrize(
    ("variable", "value", "fix"),
    [
        ("HABERDAR_DBT_TASKS", "models", "one of project, model"),
        ("HABERDAR_MAX_FILE_BYTES", "5MB", "whole number"),
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
