"""The docker-compose deployment run as local processes, for the deployment test.

The environment comes from docker-compose.yml itself (x-airflow-common, as every
Airflow service gets it), so the test and the compose file cannot drift; only
what names a container is swapped for a local equivalent: the Postgres host for
a Postgres that the `pgserver` wheel ships, the API server's host name for
127.0.0.1, /opt/haberdar for this checkout and a temporary data folder, and
Celery for LocalExecutor (no broker on a test machine)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import yaml

PROJECT_DIR = Path(__file__).resolve().parents[2]
COMPOSE_FILE = PROJECT_DIR / "docker-compose.yml"
AIRFLOW = str(Path(sys.executable).with_name("airflow"))
SERVICES = ("api-server", "scheduler", "dag-processor", "triggerer")
_DEFAULTED = re.compile(r"\$\{(\w+)(?::-([^}]*))?\}")


def compose_environment(service: str = "airflow-scheduler") -> dict[str, str]:
    """The environment docker compose gives `service`, with ${VAR:-default} as compose reads it."""
    spec = yaml.safe_load(COMPOSE_FILE.read_text())["services"][service]
    return {
        key: _DEFAULTED.sub(lambda m: os.environ.get(m.group(1), m.group(2) or ""), str(value))
        for key, value in spec["environment"].items()
    }


def compose_command(service: str) -> list[str]:
    """The program and arguments docker compose runs for `service`."""
    spec = yaml.safe_load(COMPOSE_FILE.read_text())["services"][service]
    return [*spec.get("entrypoint", []), *spec["command"]]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def local_environment(compose: dict[str, str], *, db_uri: str, api_port: int, data_dir: Path,
                      sources_file: Path, airflow_home: Path) -> dict[str, str]:  # fmt: skip
    """The compose environment with what names a container swapped for local things."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "HABERDAR", "_AIRFLOW"))}
    for key, value in compose.items():
        value = value.replace("http://airflow-apiserver:8080", f"http://127.0.0.1:{api_port}")
        value = value.replace("/opt/haberdar/data", str(data_dir)).replace("/opt/haberdar", str(PROJECT_DIR))
        env[key] = value
    env.update(
        AIRFLOW_HOME=str(airflow_home),
        AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=db_uri,
        AIRFLOW__CORE__EXECUTOR="LocalExecutor",
        AIRFLOW__API__PORT=str(api_port),
        AIRFLOW__API__HOST="127.0.0.1",
        AIRFLOW__LOGGING__BASE_LOG_FOLDER=str(airflow_home / "logs"),
        AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK="false",
        AIRFLOW__SCHEDULER__SCHEDULER_IDLE_SLEEP_TIME="0.5",
        AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL="5",
        HABERDAR_SOURCES_FILE=str(sources_file),
        HABERDAR_PROCESSES="1",
        HABERDAR_RETRY_DELAY_SECONDS="10",  # a host that was down is tried again within the test's patience
    )
    for key in ("AIRFLOW__CELERY__RESULT_BACKEND", "AIRFLOW__CELERY__BROKER_URL"):
        env.pop(key, None)
    return env


@dataclass
class Deployment:
    """Airflow's four services as subprocesses, and a REST client logged in to them."""

    env: dict[str, str]
    log_dir: Path
    api_port: int
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    token: str = ""

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    def run(self, *args: str, timeout: int = 300) -> str:
        proc = subprocess.run(
            args, env=self.env, capture_output=True, text=True, timeout=timeout, check=False
        )
        if proc.returncode:
            raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
        return proc.stdout

    def start(self) -> None:
        for service in SERVICES:
            log = (self.log_dir / f"{service}.log").open("w")
            self.processes[service] = subprocess.Popen(
                [AIRFLOW, *service.split()], env=self.env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stop() ends its children too
            )  # fmt: skip

    def stop(self) -> None:
        for proc in self.processes.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + 30
        for proc in self.processes.values():
            try:
                proc.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    def check_alive(self) -> None:
        for service, proc in self.processes.items():
            if proc.poll() is not None:
                tail = (self.log_dir / f"{service}.log").read_text()[-3000:]
                raise RuntimeError(f"airflow {service} exited with {proc.returncode}:\n{tail}")

    def login(self, username: str, password: str, timeout: float = 180) -> None:
        """Wait for the API server, then take a token as a REST client does."""
        deadline = time.monotonic() + timeout
        while True:
            self.check_alive()
            try:
                reply = httpx.post(
                    f"{self.url}/auth/token", json={"username": username, "password": password}
                )
                if reply.status_code in (200, 201):
                    self.token = reply.json()["access_token"]
                    return
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("the API server did not answer POST /auth/token")
            time.sleep(1)

    def api(self, method: str, path: str, **kwargs) -> dict:
        reply = httpx.request(method, f"{self.url}/api/v2{path}", headers={"Authorization": f"Bearer {self.token}"},
                              timeout=30, **kwargs)  # fmt: skip
        reply.raise_for_status()
        return reply.json() if reply.content else {}

    def wait_for(self, what: str, check, timeout: float = 300, every: float = 2):
        deadline = time.monotonic() + timeout
        while True:
            self.check_alive()
            found = check()
            if found:
                return found
            if time.monotonic() > deadline:
                raise TimeoutError(f"waited {timeout:.0f}s for {what}")
            time.sleep(every)

    def runs(self, dag_id: str) -> list[dict]:
        return self.api("GET", f"/dags/{dag_id}/dagRuns", params={"order_by": "start_date"})["dag_runs"]
