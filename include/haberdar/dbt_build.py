"""The project-mode dbt task: Cosmos's `dbt build` operator, run as a child
process (`haberdar-dbt`), whose failure names the failed models and tests as
the in-process runner's does, not only dbt's exit code."""

from __future__ import annotations

import re

from airflow.sdk.exceptions import AirflowException
from cosmos.operators.local import DbtBuildLocalOperator

_COLOUR = re.compile(r"\x1b\[[0-9;]*m")
_STAMP = re.compile(r"^\d\d:\d\d:\d\d\s+")  # dbt's time of day before each line
_FAILED = re.compile(r"^(?:Failure|\w+ Error|Error) in (?:\w+) (\S+)")


def failures(output: list[str]) -> str:
    """dbt's summary of what failed, a line per node ("name: Got 5 results, …",
    "name: Binder Error: …"); the last lines of its output when it has none."""
    lines = [_STAMP.sub("", _COLOUR.sub("", line)).rstrip() for line in output]
    found = []
    for i, line in enumerate(lines):
        match = _FAILED.match(line)
        if match:
            detail = next((text.strip() for text in lines[i + 1 :] if text.strip()), "")
            found.append(f"{match.group(1)}: {detail}")
    return "\n".join(dict.fromkeys(found)) or "\n".join(line for line in lines[-20:] if line)


class DbtBuild(DbtBuildLocalOperator):
    def handle_exception_subprocess(self, result) -> None:
        if result.exit_code != 0:
            raise AirflowException(f"dbt build completed with errors:\n{failures(result.full_output)}")
