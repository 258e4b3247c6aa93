"""A real BI application on the Postgres endpoint: Apache Superset, from PyPI in
a virtual environment of its own, connects to `haberdar serve`, gets a dataset
on marts.fct_event and a bar chart of events per type, and the chart's data is
fetched through Superset's REST API, as its UI does.

    python3.11 -m venv /tmp/superset && /tmp/superset/bin/pip install apache-superset psycopg2-binary rich cachetools "flask-caching<2.4"
    .venv/bin/python bench/superset_chart.py --superset /tmp/superset --warehouse data/warehouse/haberdar.duckdb
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Api:
    """Superset's REST API, logged in with a JWT as its own clients are."""

    def __init__(self, base: str):
        self.base, self.token = base, None

    def call(self, method: str, path: str, body: dict | None = None) -> dict:
        request = urllib.request.Request(
            self.base + path, method=method, data=json.dumps(body).encode() if body is not None else None,
            headers={**({"Content-Type": "application/json"} if body is not None else {}),
                     **({"Authorization": f"Bearer {self.token}"} if self.token else {})},
        )  # fmt: skip
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            raise SystemExit(f"Superset: {method} {path}: {exc.code} {exc.read().decode()[:2000]}") from exc

    def wait(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base + "/health", timeout=5) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(1)
        raise SystemExit("Superset did not start")


def _superset(venv: Path, env: dict, *args: str) -> None:
    subprocess.run([str(venv / "bin" / "superset"), *args], env=env, check=True, capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--superset", required=True, help="a virtual environment with apache-superset installed"
    )
    parser.add_argument("--warehouse", required=True, help="a published warehouse")
    parser.add_argument("--work", default="/tmp/haberdar-superset", help="Superset's own files")
    args = parser.parse_args()
    venv, work = Path(args.superset), Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    password, serve_port, superset_port = secrets.token_hex(8), _free_port(), _free_port()
    (work / "superset_config.py").write_text(
        f"SECRET_KEY = {secrets.token_hex(24)!r}\n"
        f"SQLALCHEMY_DATABASE_URI = 'sqlite:///{work}/superset.db'\n"
        "WTF_CSRF_ENABLED = False  # a throwaway instance driven by its API\n"
    )
    env = {**os.environ, "SUPERSET_CONFIG_PATH": str(work / "superset_config.py"), "FLASK_APP": "superset"}
    serve = subprocess.Popen(
        [str(PROJECT / ".venv" / "bin" / "haberdar"), "serve", "--warehouse", args.warehouse, "--port", str(serve_port)],
        env={**os.environ, "HABERDAR_SERVE_PASSWORD": password}, stdout=(work / "serve.log").open("w"),
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    app = None
    try:
        _superset(venv, env, "db", "upgrade")
        _superset(venv, env, "fab", "create-admin", "--username", "admin", "--password", "admin",
                  "--firstname", "A", "--lastname", "B", "--email", "admin@example.org")  # fmt: skip
        _superset(venv, env, "init")
        app = subprocess.Popen([str(venv / "bin" / "superset"), "run", "-p", str(superset_port), "--with-threads"],
                               env=env, stdout=(work / "superset.log").open("w"), stderr=subprocess.STDOUT)  # fmt: skip
        api = Api(f"http://127.0.0.1:{superset_port}")
        api.wait()
        api.token = api.call("POST", "/api/v1/security/login",
                             {"username": "admin", "password": "admin", "provider": "db"})["access_token"]  # fmt: skip
        uri = f"postgresql+psycopg2://haberdar:{password}@127.0.0.1:{serve_port}/haberdar"
        database = api.call(
            "POST", "/api/v1/database/", {"database_name": "Haberdar", "sqlalchemy_uri": uri}
        )["id"]
        dataset = api.call("POST", "/api/v1/dataset/",
                           {"database": database, "schema": "marts", "table_name": "fct_event"})["id"]  # fmt: skip
        params = {"viz_type": "echarts_timeseries_bar", "x_axis": "event_type", "metrics": ["count"],
                  "groupby": [], "row_limit": 100, "datasource": f"{dataset}__table"}  # fmt: skip
        chart = api.call("POST", "/api/v1/chart/", {
            "slice_name": "Events per type", "viz_type": "echarts_timeseries_bar", "datasource_id": dataset,
            "datasource_type": "table", "params": json.dumps(params),
            "query_context": json.dumps({
                "datasource": {"id": dataset, "type": "table"},
                "queries": [{"columns": ["event_type"], "metrics": ["count"], "orderby": [["count", False]],
                             "row_limit": 100}],
                "result_format": "json", "result_type": "full",
            }),
        })["id"]  # fmt: skip
        data = api.call("GET", f"/api/v1/chart/{chart}/data/")
        rows = data["result"][0]["data"]
        print(
            json.dumps(
                {"database": database, "dataset": dataset, "chart": chart, "rows": rows}, ensure_ascii=False
            )
        )
        return 0 if rows else 1
    finally:
        for process in (app, serve):
            if process is not None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=60)


if __name__ == "__main__":
    sys.exit(main())
