"""The steps the DAGs run, one function per task. Each takes the settings and
returns a small JSON-able summary (it becomes the task's XCom), so a DAG file
only wires steps together."""

from __future__ import annotations

import logging
import time
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from haberdar import lake, serve
from haberdar.config import Settings
from haberdar.extract.stage import extract_part, pending_parts
from haberdar.landing.land import land

log = logging.getLogger(__name__)

# dataset -> name of its suite in haberdar.quality.suites (imported only by the
# gate tasks: Great Expectations takes seconds to import)
EXTRACTION_GATE = {"institutions": "extracted_institutions", "persons": "extracted_persons",
                   "events": "extracted_events", "agreements": "extracted_agreements"}  # fmt: skip
MARTS_GATE = {"dim_article": "dim_article", "dim_institution": "dim_institution", "dim_person": "dim_person",
              "fct_event": "fct_event", "fct_agreement": "fct_agreement"}  # fmt: skip


def _gate(gate: str, frames: dict, settings: Settings) -> dict:
    from haberdar.quality import suites
    from haberdar.quality.gates import run_gate

    result = run_gate(gate, {name: (frame, getattr(suites, suite)) for name, (frame, suite) in frames.items()},
                      settings.gx_dir)  # fmt: skip
    return {"gate": result.gate, "expectations": result.expectations}


def _columns(suite: str) -> list[str]:
    """The columns a suite looks at: a gate loads only those."""
    from haberdar.quality import suites

    return suites.columns(getattr(suites, suite)())


def set_aside_corrupt_state(settings: Settings) -> None:
    """Derived state that cannot be read is moved under data/corrupt/ and rebuilt
    from what it derives from: lake parts (see lake.set_aside_corrupt) and dbt's
    build database, which every `dbt build` rebuilds whole."""
    aside = settings.data_dir / "corrupt"
    lake.set_aside_corrupt(settings.lake_dir, aside)
    if settings.build_db.exists():
        try:
            duckdb.connect(str(settings.build_db), read_only=True).close()
        except duckdb.Error as exc:
            if "lock" in str(exc).lower():
                return  # a build is writing it now: busy, not broken
            aside.mkdir(parents=True, exist_ok=True)
            target = aside / f"{settings.build_db.name}.{int(time.time())}"
            settings.build_db.replace(target)
            log.warning("set aside the unreadable build database %s as %s (%s): the next dbt build "
                        "makes a new one", settings.build_db, target, exc)  # fmt: skip


def land_articles(settings: Settings, logical_date: datetime) -> dict:
    set_aside_corrupt_state(settings)
    result = land(settings.sources, settings.articles_dir, settings.quarantine_dir, logical_date,
                  settings.max_file_bytes)  # fmt: skip
    return {"landed": result.landed, "quarantined": result.quarantined, "already_landed": result.already_landed,
            "files_read": result.files_read, "files_unchanged": result.files_unchanged,
            "written": result.written}  # fmt: skip


def check_landed(settings: Settings, written: list[str]) -> dict:
    """Gate on the articles this run landed."""
    if not written:
        return {"gate": "landing", "skipped": "nothing new landed"}
    # the suite checks each text's length, not the text: read part by part, keep the lengths
    columns = [c for c in _columns("landed_articles") if c != "text_chars"]
    tables = []
    for part in written:
        table = pq.read_table(part, columns=[*columns, "text"])
        tables.append(table.drop_columns("text").append_column("text_chars", pc.utf8_length(table["text"])))
    return _gate("landing", {"articles": (pa.concat_tables(tables).to_pandas(), "landed_articles")}, settings)


def list_pending(settings: Settings) -> list[str]:
    return pending_parts(settings.articles_dir, settings.extracted_dir, settings.quarantine_dir)


def extract(settings: Settings, part: str) -> dict:
    result = extract_part(Path(part), settings.articles_dir, settings.extracted_dir, settings.quarantine_dir)
    return {"part": part, "articles": result.articles, "quarantined": result.quarantined, "rows": result.rows}


def check_extracted(settings: Settings, parts: list[str]) -> dict:
    """Gate on the extraction output of the parts this run extracted."""
    frames = {}
    for table, suite in EXTRACTION_GATE.items():
        files = [settings.extracted_dir / table / Path(p).relative_to(settings.articles_dir) for p in parts]
        frames[table] = (pq.read_table([str(f) for f in files], columns=_columns(suite)).to_pandas(), suite)
    return _gate("extraction", frames, settings)


def check_marts(settings: Settings) -> dict:
    """Gate on the marts of the build database, before anything is published."""
    # not read_only: an in-process dbt run may still hold the file, and DuckDB
    # shares an open database only with connections of the same configuration
    with duckdb.connect(str(settings.build_db)) as con:
        frames = {name: (con.table(f"marts.{name}").select(*_columns(suite)).df(), suite)
                  for name, suite in MARTS_GATE.items()}  # fmt: skip
    return _gate("marts", frames, settings)


def publish(settings: Settings) -> dict:
    serve.publish(settings.build_db, settings.warehouse)
    return {"warehouse": str(settings.warehouse)}
