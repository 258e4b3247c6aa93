"""A Postgres endpoint for BI tools: a real PostgreSQL server (the binaries the
`pgserver` wheel ships) holding a read-only mirror of the published warehouse.

Why a real Postgres and not a wire-protocol proxy over DuckDB: every BI tool's
Postgres driver browses pg_catalog and information_schema in its own way, and
only Postgres answers all of them. The proxies were tried (see the README):
riffq has no wheel for this platform (its Rust build fetches crates), and
buenavista 0.5 fails on DuckDB 2 and on psql's own catalog queries.

The mirror follows the published file: when a publish renames a new warehouse
into place, its tables are copied into a fresh schema, which replaces the old
one in a single transaction. A query sees the old tables or the new ones, never
half of each; a query running over the old tables finishes on them."""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import pwd
import secrets
import shutil
import signal
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from haberdar import serve
from haberdar.config import ConfigError
from haberdar.processes import dies_with_parent
from haberdar.serve import PUBLISHED_SCHEMAS

log = logging.getLogger(__name__)

READER_ROLE = "haberdar"  # the login BI tools use (HABERDAR_SERVE_USER)
ADMIN_ROLE = "postgres"  # loads the mirror; reachable only through the server's own socket
MIRROR_DB = "haberdar"
SEARCH_SQL = Path(__file__).resolve().parent / "sql" / "search_postgres.sql"  # marts.search_articles
_TYPES = {  # DuckDB -> Postgres, for the types the marts use; anything else becomes text
    "VARCHAR": "text", "INTEGER": "integer", "BIGINT": "bigint", "SMALLINT": "smallint", "DOUBLE": "double precision",
    "FLOAT": "real", "BOOLEAN": "boolean", "DATE": "date", "TIMESTAMP": "timestamp",
    "TIMESTAMP WITH TIME ZONE": "timestamptz", "HUGEINT": "numeric", "UBIGINT": "numeric", "UINTEGER": "bigint",
    "VARCHAR[]": "text[]", "INTEGER[]": "integer[]", "BIGINT[]": "bigint[]",
}  # fmt: skip


@dataclass(frozen=True)
class EndpointSettings:
    data_dir: Path  # the server's files: <data_dir>/postgres, its socket, its log
    warehouse: Path
    host: str = "127.0.0.1"
    port: int = 5433
    user: str = READER_ROLE
    password: str = ""
    tls_cert: Path | None = None
    tls_key: Path | None = None

    @property
    def pgdata(self) -> Path:
        return self.data_dir / "postgres"

    @property
    def socket_dir(self) -> Path:
        """Where the admin's socket lives: a short path (a Unix socket's path has at
        most 107 bytes, which a deep data folder exceeds), one per data folder."""
        digest = hashlib.sha256(str(self.data_dir.resolve()).encode()).hexdigest()[:12]
        return Path(tempfile.gettempdir()) / f"haberdar-pg-{digest}"


SYSTEM_USER = "pgserver"  # the account pgserver itself runs Postgres as, under root


def _system_user() -> str | None:
    """Postgres refuses to run as root: as root, the server runs as an ordinary
    account, created when missing."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", SYSTEM_USER], check=True, capture_output=True
        )
    return SYSTEM_USER


def _as_server_account() -> dict:
    """subprocess arguments that run a program as the server's account: its user
    and its groups (root's group kept would deny what other users may read)."""
    user = _system_user()
    return {"user": user, "group": user, "extra_groups": []} if user else {}


def _own(path: Path, user: str | None) -> None:
    if user:
        entry = pwd.getpwnam(user)
        os.chown(path, entry.pw_uid, entry.pw_gid)


def _bin(name: str) -> str:
    """A program of HABERDAR_POSTGRES_BIN's Postgres (say Debian's
    /usr/lib/postgresql/15/bin), else of the one the pgserver wheel ships (found
    without importing pgserver, whose import warns when XDG_RUNTIME_DIR is unset)."""
    if chosen := os.environ.get("HABERDAR_POSTGRES_BIN"):
        return str(Path(chosen) / name)
    spec = importlib.util.find_spec("pgserver")
    assert spec and spec.submodule_search_locations, "pgserver is not installed: run `make env`"
    return str(Path(spec.submodule_search_locations[0]) / "pginstall" / "bin" / name)


def init_cluster(settings: EndpointSettings) -> None:
    """Create the database cluster once: local (socket) connections trusted for
    the admin role, network ones by password only (SCRAM), TLS when given."""
    user = _system_user()
    for folder in (settings.data_dir, settings.socket_dir):
        folder.mkdir(parents=True, exist_ok=True)
        _own(folder, user)
    if user:  # the server's account must be able to reach its folder
        for parent in settings.data_dir.parents:
            mode = parent.stat().st_mode
            if not mode & stat.S_IXOTH:
                parent.chmod(mode | stat.S_IXOTH)
    if (settings.pgdata / "PG_VERSION").exists():
        return
    settings.pgdata.mkdir(mode=0o700)
    _own(settings.pgdata, user)
    subprocess.run(
        [_bin("initdb"), "-D", str(settings.pgdata), "-U", ADMIN_ROLE, "--encoding=UTF8", "--locale=C",
         "--auth-local=trust", "--auth-host=scram-sha-256"],
        check=True, capture_output=True, **_as_server_account(),
    )  # fmt: skip


def _server_options(settings: EndpointSettings) -> list[str]:
    options = {
        "listen_addresses": settings.host,
        "port": str(settings.port),
        "unix_socket_directories": str(settings.socket_dir),
        "password_encryption": "scram-sha-256",
        "logging_collector": "off",
        "log_min_messages": "warning",
    }
    if settings.tls_cert and settings.tls_key:
        cert, key = _server_tls_files(settings)
        options |= {"ssl": "on", "ssl_cert_file": str(cert), "ssl_key_file": str(key)}
    return [arg for key, value in options.items() for arg in ("-c", f"{key}={value}")]


def _server_tls_files(settings: EndpointSettings) -> tuple[Path, Path]:
    """Copies of the certificate and key the server's account owns, the key
    readable by it alone (Postgres refuses a key others can read)."""
    assert settings.tls_cert and settings.tls_key
    folder = settings.data_dir / "tls"
    folder.mkdir(exist_ok=True)
    user = _system_user()
    copies = folder / "server.crt", folder / "server.key"
    for source, copy in zip((settings.tls_cert, settings.tls_key), copies, strict=True):
        shutil.copyfile(source, copy)
        copy.chmod(0o600)
        _own(copy, user)
    return copies


class Server:
    """The Postgres server process, a child of `haberdar serve`."""

    def __init__(self, settings: EndpointSettings):
        self.settings = settings
        self.process: subprocess.Popen | None = None
        self.log = settings.data_dir / "postgres.log"

    def start(self, timeout: float = 60) -> None:
        init_cluster(self.settings)
        with open(self.log, "ab") as logfile:  # the server keeps its own copy of the descriptor
            self.process = subprocess.Popen(
                [_bin("postgres"), "-D", str(self.settings.pgdata), *_server_options(self.settings)],
                stdout=logfile, stderr=subprocess.STDOUT, **_as_server_account(),
                preexec_fn=dies_with_parent(signal.SIGINT),  # a fast shutdown if haberdar serve is killed
            )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                tail = self.log.read_text(errors="replace")[-2000:]
                if "SSL is not supported by this build" in tail:
                    raise ConfigError("the Postgres the pgserver wheel ships has no TLS: set HABERDAR_POSTGRES_BIN "
                                      "to the bin folder of a Postgres with TLS (Debian's package postgresql: "
                                      "/usr/lib/postgresql/15/bin)")  # fmt: skip
                raise RuntimeError(f"the Postgres server stopped at start:\n{tail}")
            ready = subprocess.run([_bin("pg_isready"), "-q", "-h", str(self.settings.socket_dir),
                                    "-p", str(self.settings.port)], check=False)  # fmt: skip
            if ready.returncode == 0:
                return
            time.sleep(0.2)
        raise RuntimeError(f"the Postgres server did not start within {timeout:g}s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # a fast shutdown: open sessions are ended
            self.process.wait(timeout=60)

    def admin(self, dbname: str = "postgres"):
        import psycopg

        return psycopg.connect(
            host=str(self.settings.socket_dir), port=self.settings.port, user=ADMIN_ROLE, dbname=dbname,
            autocommit=True,
        )  # fmt: skip


def ensure_reader(server: Server) -> None:
    """The database and the one login role BI tools use: it can read the mirror
    and nothing else (no writes, no temporary tables, no files, no other schema)."""
    from psycopg import sql

    s = server.settings
    with server.admin() as con:
        if not con.execute("select 1 from pg_database where datname = %s", [MIRROR_DB]).fetchone():
            con.execute(sql.SQL("create database {}").format(sql.Identifier(MIRROR_DB)))
        role = sql.Identifier(s.user)
        exists = con.execute("select 1 from pg_roles where rolname = %s", [s.user]).fetchone()
        password = sql.Literal(s.password)
        con.execute(
            sql.SQL("{} role {} with login password {} nosuperuser nocreatedb nocreaterole noinherit").format(
                sql.SQL("alter" if exists else "create"), role, password
            )
        )
        con.execute(sql.SQL("alter role {} set default_transaction_read_only = on").format(role))
        con.execute(sql.SQL("revoke all on database {} from public").format(sql.Identifier(MIRROR_DB)))
        con.execute(sql.SQL("grant connect on database {} to {}").format(sql.Identifier(MIRROR_DB), role))
    with server.admin(MIRROR_DB) as con:
        con.execute("revoke all on schema public from public")
        con.execute("create schema if not exists haberdar_meta")
        con.execute("create table if not exists haberdar_meta.published (warehouse text, identity text, "
                    "loaded_at timestamptz default now())")  # fmt: skip


def _identity(warehouse: Path) -> str | None:
    """What tells one published file from the next (a publish renames a new file in)."""
    try:
        info = warehouse.stat()
    except FileNotFoundError:
        return None
    return f"{info.st_ino}:{info.st_mtime_ns}:{info.st_size}"


def _columns(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> list[tuple[str, str]]:
    return con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_catalog = ? and table_schema = ? and table_name = ? order by ordinal_position",
        [serve.CATALOG, schema, table],
    ).fetchall()


def _copy_table(pg, duck: duckdb.DuckDBPyConnection, source: str, target: str, table: str) -> int:
    from psycopg import sql

    columns = _columns(duck, source, table)
    pg.execute(
        sql.SQL("create table {}.{} ({})").format(
            sql.Identifier(target), sql.Identifier(table),
            sql.SQL(", ").join(sql.SQL("{} {}").format(sql.Identifier(name), sql.SQL(_TYPES.get(kind, "text")))
                               for name, kind in columns),
        )
    )  # fmt: skip
    result = duck.execute(f'select * from {source}."{table}"')
    rows = 0
    with pg.cursor().copy(
        sql.SQL("copy {}.{} from stdin").format(sql.Identifier(target), sql.Identifier(table))
    ) as copy:
        while batch := result.fetchmany(10_000):
            for row in batch:
                copy.write_row(row)
            rows += len(batch)
    # the marts join on their keys: an index on each, and statistics, before anyone queries
    for name, _ in columns:
        if name.endswith("_key"):
            pg.execute(sql.SQL("create index on {}.{} ({})").format(
                sql.Identifier(target), sql.Identifier(table), sql.Identifier(name)))  # fmt: skip
    pg.execute(sql.SQL("analyze {}.{}").format(sql.Identifier(target), sql.Identifier(table)))
    return rows


def mirror(server: Server) -> bool:
    """Copy the published warehouse into the mirror if it changed since the last
    copy. Returns whether it did. The new tables are loaded into schemas of their
    own, then swapped in under the published names in one transaction."""
    from psycopg import sql

    s = server.settings
    identity = _identity(s.warehouse)
    if identity is None:
        return False
    with server.admin(MIRROR_DB) as pg:
        last = pg.execute(
            "select identity from haberdar_meta.published order by loaded_at desc limit 1"
        ).fetchone()
        if last and last[0] == identity:
            return False
        started, suffix = time.monotonic(), secrets.token_hex(4)
        with serve.connect(s.warehouse) as duck:
            loaded = {}
            for schema in PUBLISHED_SCHEMAS:
                staging = f"{schema}__next_{suffix}"
                pg.execute(sql.SQL("create schema {}").format(sql.Identifier(staging)))
                tables = duck.execute(
                    "select table_name from duckdb_tables() where database_name = ? and schema_name = ? order by 1",
                    [serve.CATALOG, schema],
                ).fetchall()
                loaded[schema] = sum(_copy_table(pg, duck, schema, staging, t) for (t,) in tables)
            with pg.transaction():  # the bodies name marts.*, which exists only after the swap
                pg.execute("set local check_function_bodies = off")
                pg.execute(
                    SEARCH_SQL.read_text(encoding="utf-8").replace("{schema}", f"marts__next_{suffix}")
                )
        with pg.transaction():
            for schema in PUBLISHED_SCHEMAS:
                staging, retired = f"{schema}__next_{suffix}", f"{schema}__old_{suffix}"
                if pg.execute("select 1 from pg_namespace where nspname = %s", [schema]).fetchone():
                    pg.execute(sql.SQL("alter schema {} rename to {}").format(
                        sql.Identifier(schema), sql.Identifier(retired)))  # fmt: skip
                pg.execute(sql.SQL("alter schema {} rename to {}").format(
                    sql.Identifier(staging), sql.Identifier(schema)))  # fmt: skip
                role = sql.Identifier(s.user)
                pg.execute(sql.SQL("grant usage on schema {} to {}").format(sql.Identifier(schema), role))
                pg.execute(sql.SQL("grant select on all tables in schema {} to {}").format(
                    sql.Identifier(schema), role))  # fmt: skip
            pg.execute("insert into haberdar_meta.published (warehouse, identity) values (%s, %s)",
                       [str(s.warehouse), identity])  # fmt: skip
        _drop_retired(pg)
        log.info("mirrored %s into Postgres in %.1fs: %s", s.warehouse, time.monotonic() - started,
                 ", ".join(f"{k} {v} rows" for k, v in loaded.items()))  # fmt: skip
        return True


def _drop_retired(pg) -> None:
    """Drop the schemas earlier publishes replaced, unless a query still reads
    them (then a later publish drops them): a slow query never blocks a publish."""
    from psycopg import errors, sql

    retired = pg.execute(
        "select nspname from pg_namespace where nspname ~ '__(old|next)_[0-9a-f]{8}$'"
    ).fetchall()
    for (name,) in retired:
        try:
            with pg.transaction():
                pg.execute("set local lock_timeout = '100ms'")
                pg.execute(sql.SQL("drop schema {} cascade").format(sql.Identifier(name)))
        except errors.LockNotAvailable:
            log.info("schema %s is still being read; dropped at a later publish", name)


@contextmanager
def running(settings: EndpointSettings) -> Iterator[Server]:
    server = Server(settings)
    server.start()
    try:
        ensure_reader(server)
        yield server
    finally:
        server.stop()


def serve_forever(settings: EndpointSettings, every: float = 1.0) -> None:
    """Run the endpoint until SIGTERM/SIGINT, mirroring each new publish."""
    stopping: list[int] = []

    def request_stop(signum: int, _frame: object) -> None:
        stopping.append(signum)

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, request_stop)
    with running(settings) as server:
        print(f"[haberdar] serving {settings.warehouse} on postgresql://{settings.user}@{settings.host}:"
              f"{settings.port}/{MIRROR_DB}", flush=True)  # fmt: skip
        while not stopping:
            try:
                if mirror(server):
                    print(f"[haberdar] now serving the warehouse published at "
                          f"{time.ctime(settings.warehouse.stat().st_mtime)}", flush=True)  # fmt: skip
            except (duckdb.Error, OSError) as exc:  # a publish mid-copy, a file gone: the next poll retries
                log.warning("could not mirror %s yet: %s", settings.warehouse, exc)
            time.sleep(every)
