"""The steps the DAGs run, one function per task. Each takes the settings and
returns a small JSON-able summary (it becomes the task's XCom), so a DAG file
only wires steps together."""

from __future__ import annotations

import bisect
import itertools
import logging
import time
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from haberdar import lake, quarantine, serve
from haberdar.config import Settings, duckdb_config
from haberdar.extract.rows import SCHEMAS
from haberdar.extract.stage import DONE_TABLE, extract_part, pending_parts
from haberdar.landing.land import CHUNK_ARTICLES, land
from haberdar.quality.ledger import Ledger

log = logging.getLogger(__name__)

# dataset -> name of its suite in haberdar.quality.suites (imported only by the
# gate tasks: Great Expectations takes seconds to import)
EXTRACTION_GATE = {"institutions": "extracted_institutions", "persons": "extracted_persons",
                   "events": "extracted_events", "agreements": "extracted_agreements"}  # fmt: skip
MARTS_GATE = {"dim_article": "dim_article", "dim_institution": "dim_institution", "dim_person": "dim_person",
              "fct_event": "fct_event", "fct_agreement": "fct_agreement"}  # fmt: skip


def _gate(gate: str, frames: dict, settings: Settings, isolate_rows: bool = False):
    from haberdar.quality import suites
    from haberdar.quality.gates import run_gate

    return run_gate(gate, {name: (frame, getattr(suites, suite)) for name, (frame, suite) in frames.items()},
                    settings.gx_dir, isolate_rows)  # fmt: skip


def _ledger(settings: Settings, gate: str, root: Path) -> Ledger:
    return Ledger(settings.lake_dir / "_gates" / f"{gate}.json", root)


def _landed_parts(settings: Settings) -> list[Path]:
    return [p for p in lake.parts(settings.articles_dir) if p != settings.articles_dir / lake.SCHEMA_PART]


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
            duckdb.connect(str(settings.build_db), read_only=True, config=duckdb_config()).close()
        except duckdb.Error as exc:
            if "lock" in str(exc).lower():
                return  # a build is writing it now: busy, not broken
            aside.mkdir(parents=True, exist_ok=True)
            target = aside / f"{settings.build_db.name}.{int(time.time())}"
            settings.build_db.replace(target)
            log.warning("set aside the unreadable build database %s as %s (%s): the next dbt build "
                        "makes a new one", settings.build_db, target, exc)  # fmt: skip


# landed parts the extraction gate validates at once: about 100,000 articles' facts
GATE_PARTS = max(1, 100_000 // CHUNK_ARTICLES)

NO_WEB_SOURCE = ""  # the one "host" when there is none: a fetch mapped over nothing upsets dag.test's loop


def web_hosts(settings: Settings) -> list[str]:
    """The hosts of the web sources: the deployment fetches them in parallel, one task each."""
    return sorted({source.host for source in settings.web}) or [NO_WEB_SOURCE]


def fetch(settings: Settings, logical_date: datetime, host: str) -> dict:
    """Crawl the web sources of one host into JSON Lines for the landing stage."""
    from haberdar.fetch.crawl import crawl, file_name

    if host == NO_WEB_SOURCE:
        return {"skipped": "no web source in the sources"}

    sources = tuple(s for s in settings.web if s.host == host)
    state = settings.crawler_dir / f"{file_name(host)}.json"
    return crawl(sources, settings.web_dir, settings.quarantine_dir, state, logical_date)


def land_articles(settings: Settings, logical_date: datetime) -> dict:
    set_aside_corrupt_state(settings)
    fetched = (settings.web_dir,) if settings.web_dir.exists() else ()
    result = land(settings.sources + fetched, settings.articles_dir, settings.quarantine_dir, logical_date,
                  settings.max_file_bytes)  # fmt: skip
    return {"landed": result.landed, "quarantined": result.quarantined, "already_landed": result.already_landed,
            "files_read": result.files_read, "files_unchanged": result.files_unchanged,
            "written": result.written}  # fmt: skip


def _locate(position: int, parts: list[Path], tables: list[pa.Table]) -> tuple[Path, int]:
    """The part and row a position of the parts' tables concatenated comes from."""
    starts = list(itertools.accumulate((len(t) for t in tables), initial=0))
    i = bisect.bisect_right(starts, position) - 1
    return parts[i], position - starts[i]


def check_landed(settings: Settings) -> dict:
    """Gate every landed part the landing gate has not passed (this run's, and any
    a failed run left). An article failing a row-level expectation is moved to the
    quarantine; the others go on."""
    ledger = _ledger(settings, "landing", settings.articles_dir)
    parts = ledger.unchecked(_landed_parts(settings))
    if not parts:
        return {"gate": "landing", "skipped": "nothing new landed"}
    # the suite checks each text's length, not the text: read part by part, keep the lengths
    columns = [c for c in _columns("landed_articles") if c != "text_chars"]
    tables = []
    for part in parts:
        table = pq.read_table(part, columns=[*columns, "text"])
        tables.append(table.drop_columns("text").append_column("text_chars", pc.utf8_length(table["text"])))
    frame = pa.concat_tables(tables).to_pandas()
    result = _gate("landing", {"articles": (frame, "landed_articles")}, settings, isolate_rows=True)
    failed: dict[Path, dict[int, list[str]]] = {}
    for position, expectations in result.rejected.get("articles", {}).items():
        part, row = _locate(position, parts, tables)
        failed.setdefault(part, {})[row] = expectations
    moved = sum(quarantine.landed_articles(settings.articles_dir, settings.quarantine_dir, part, rows)
                for part, rows in failed.items())  # fmt: skip
    ledger.mark_passed(parts)
    return {"gate": "landing", "expectations": result.expectations, "quarantined": moved}


def list_pending(settings: Settings) -> list[str]:
    return pending_parts(settings.articles_dir, settings.extracted_dir, settings.quarantine_dir)


def extract(settings: Settings, part: str) -> dict:
    result = extract_part(Path(part), settings.articles_dir, settings.extracted_dir, settings.quarantine_dir)
    return {"part": part, "articles": result.articles, "quarantined": result.quarantined, "rows": result.rows}


def _done_files(settings: Settings, parts: list[Path]) -> list[Path]:
    return [settings.extracted_dir / DONE_TABLE / p.relative_to(settings.articles_dir) for p in parts]


def nothing_to_land(settings: Settings) -> bool:
    """No web source to ask, no file under the sources new or changed since it
    was read, and no landed part waiting for the landing gate."""
    from haberdar.landing.land import pending_files

    if settings.web or _ledger(settings, "landing", settings.articles_dir).unchecked(_landed_parts(settings)):
        return False
    try:
        return not pending_files(settings.sources, settings.articles_dir, settings.quarantine_dir)
    except (OSError, ValueError):  # a source gone, a damaged lake part: the landing run says what and why
        return False


def unchecked_extracted(settings: Settings) -> list[Path]:
    """Landed parts whose extraction output the extraction gate has not passed
    (by the part's done marker, which a re-extraction rewrites)."""
    parts = _landed_parts(settings)
    done = {d: p for d, p in zip(_done_files(settings, parts), parts, strict=True) if d.exists()}
    return [done[d] for d in _ledger(settings, "extraction", settings.extracted_dir).unchecked(list(done))]


def check_extracted(settings: Settings) -> dict:
    """Gate the extraction output of every part the extraction gate has not passed,
    GATE_PARTS parts at a time (a first run over a million articles would otherwise
    hold every extracted row at once). An article with a fact failing a row-level
    expectation loses its facts to the quarantine; the others go on."""
    parts = unchecked_extracted(settings)
    if not parts:
        return {"gate": "extraction", "skipped": "nothing new extracted"}
    expectations = moved = 0
    for start in range(0, len(parts), GATE_PARTS):
        chunk = parts[start : start + GATE_PARTS]
        checked, quarantined = _check_extracted_parts(settings, chunk)
        expectations, moved = expectations + checked, moved + quarantined
        _ledger(settings, "extraction", settings.extracted_dir).mark_passed(_done_files(settings, chunk))
    return {"gate": "extraction", "expectations": expectations, "quarantined": moved}


def _check_extracted_parts(settings: Settings, parts: list[Path]) -> tuple[int, int]:
    """The expectations checked on these parts and the articles quarantined."""
    frames, read = {}, {}
    for table, suite in EXTRACTION_GATE.items():
        files = [settings.extracted_dir / table / p.relative_to(settings.articles_dir) for p in parts]
        columns = list(dict.fromkeys([*_columns(suite), "content_hash"]))
        read[table] = [pq.read_table(f, columns=columns) for f in files]
        frames[table] = (pa.concat_tables(read[table]).to_pandas(), suite)
    result = _gate("extraction", frames, settings, isolate_rows=True)
    failed: dict[Path, dict[str, list[str]]] = {}
    for table, rows in result.rejected.items():
        for position, expectations in rows.items():
            part, _ = _locate(position, parts, read[table])
            content_hash = frames[table][0].at[position, "content_hash"]
            failed.setdefault(part, {}).setdefault(content_hash, []).extend(
                f"{e} on {table}" for e in expectations
            )
    moved = sum(quarantine.extracted_facts(settings.articles_dir, settings.extracted_dir, settings.quarantine_dir,
                                           list(SCHEMAS), part, articles)
                for part, articles in failed.items())  # fmt: skip
    return result.expectations, moved


def check_marts(settings: Settings) -> dict:
    """Gate on the marts of the build database, before anything is published."""
    # not read_only: an in-process dbt run may still hold the file, and DuckDB
    # shares an open database only with connections of the same configuration
    with duckdb.connect(str(settings.build_db), config=duckdb_config()) as con:
        frames = {name: (con.table(f"marts.{name}").select(*_columns(suite)).df(), suite)
                  for name, suite in MARTS_GATE.items()}  # fmt: skip
    result = _gate("marts", frames, settings)
    return {"gate": result.gate, "expectations": result.expectations}


def publish(settings: Settings) -> dict:
    serve.publish(settings.build_db, settings.warehouse)
    return {"warehouse": str(settings.warehouse)}


def report(settings: Settings) -> dict:
    """The static HTML report of the published warehouse (Altair, imported here
    only: it takes a second)."""
    from haberdar.report.build import build_report

    return build_report(settings.warehouse, settings.report_dir, settings.report_article_pages)
