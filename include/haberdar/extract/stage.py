"""The extraction stage: landed Parquet partitions -> extraction tables.

Each landed part file gets one part file per extraction table, with the same
partition and name, so extraction is incremental (only parts not yet extracted
by this extractor version) and re-running a part overwrites its own output."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from haberdar import budget, lake, quarantine
from haberdar.budget import OverBudget
from haberdar.extract import EXTRACTOR_VERSION
from haberdar.extract.document import extract_facts
from haberdar.extract.rows import SCHEMAS, facts_to_rows
from haberdar.failpoints import failpoint
from haberdar.parallel import map_batches

log = logging.getLogger(__name__)
DONE_TABLE = "extracted_articles"  # written last: its presence marks a part as done
DONE_SCHEMA = pa.schema([("content_hash", pa.string()), ("extractor_version", pa.string())])


@dataclass
class ExtractionResult:
    articles: int = 0
    quarantined: int = 0
    rows: int = 0


def _output(extracted_dir: Path, articles_dir: Path, part: Path, table: str) -> Path:
    return extracted_dir / table / part.relative_to(articles_dir)


def prune_orphans(articles_dir: Path, extracted_dir: Path, quarantine_dir: Path) -> list[Path]:
    """Remove extraction output (facts and quarantined articles) whose landed part
    is gone (an operator deleted a bad part): nothing may outlive its article."""
    landed = {p.relative_to(articles_dir) for p in lake.parts(articles_dir)}
    orphans = [
        out
        for table in (*SCHEMAS, DONE_TABLE)
        for out in lake.parts(extracted_dir / table)
        if out.relative_to(extracted_dir / table) not in landed
    ]
    orphans += [
        out
        for out in lake.parts(quarantine_dir)
        if (part := quarantine.landed_part_of(out, quarantine_dir)) is not None and part not in landed
    ]
    for out in orphans:
        log.warning("removing %s: its landed part is gone", out)
        out.unlink()
    return orphans


def _ensure_schema_parts(extracted_dir: Path) -> None:
    """Zero-row parts that give dbt every extracted table's columns before any
    article is extracted (or when every article was quarantined)."""
    for name, schema in {**SCHEMAS, DONE_TABLE: DONE_SCHEMA}.items():
        lake.ensure_schema_part(extracted_dir / name, schema)


def pending_parts(articles_dir: Path, extracted_dir: Path, quarantine_dir: Path) -> list[str]:
    """Landed part files that this extractor version has not extracted yet."""
    prune_orphans(articles_dir, extracted_dir, quarantine_dir)
    pending = []
    for part in lake.parts(articles_dir):
        if part == articles_dir / lake.SCHEMA_PART:
            _ensure_schema_parts(extracted_dir)  # the placeholder has no article: no task for it
            continue
        done = _output(extracted_dir, articles_dir, part, DONE_TABLE)
        if done.exists() and done.stat().st_mtime >= part.stat().st_mtime:
            versions = set(
                pq.read_table(done, columns=["extractor_version"])["extractor_version"].to_pylist()
            )
            if versions <= {EXTRACTOR_VERSION}:
                continue
        pending.append(str(part))
    return pending


BATCH_ARTICLES = 200  # articles per unit of work sent to an extraction process


def _extract_within_budget(row: dict) -> dict | None:
    """The article's fact rows, or None when it is over the size budget."""
    if len(row["text"]) > budget.MAX_ARTICLE_CHARS:
        return None
    with budget.time_budget(budget.ARTICLE_SECONDS):
        return facts_to_rows(row["content_hash"], extract_facts(row["text"], row["published_date"]))


def extract_batch(rows: list[dict]) -> tuple[dict[str, pa.Table], list[dict], list[dict]]:
    """Extract a batch of articles: (tables, done rows, quarantine rows). An article
    the extractor fails on is quarantined with the error; the others are kept."""
    out: dict[str, list[dict]] = {name: [] for name in SCHEMAS}
    done, rejected = [], []
    for row in rows:
        reason = None
        try:
            facts = _extract_within_budget(row)
        except OverBudget as exc:
            reason = f"{exc} (HABERDAR_ARTICLE_SECONDS={budget.ARTICLE_SECONDS}); split the article or raise the budget"
        except Exception as exc:  # one bad article must not stop the batch
            log.exception("extraction failed on %s", row["source_uri"])
            reason = f"extractor error {type(exc).__name__}: {exc}; report it with this article attached"
        if reason is None and facts is None:
            reason = (f"article is {len(row['text'])} characters, over the extraction budget of "
                      f"{budget.MAX_ARTICLE_CHARS} (HABERDAR_MAX_ARTICLE_CHARS); split it or raise the budget")  # fmt: skip
        if reason is not None:
            rejected.append({
                "source_uri": row["source_uri"], "stage": "extract", "reason": reason,
                "size_bytes": row["size_bytes"], "content_hash": row["content_hash"],
                "quarantined_at": row["ingested_at"],  # deterministic on re-runs
            })  # fmt: skip
            continue
        for name, values in facts.items():
            out[name] += values
        done.append({"content_hash": row["content_hash"], "extractor_version": EXTRACTOR_VERSION})
    return {name: pa.Table.from_pylist(values, SCHEMAS[name]) for name, values in out.items()}, done, rejected


def extract_part(
    part: Path, articles_dir: Path, extracted_dir: Path, quarantine_dir: Path
) -> ExtractionResult:
    """Extract every article of one landed part file, in batches spread over the
    worker's cores (haberdar.parallel); the output keeps the articles' order."""
    rows = pq.read_table(
        part, columns=["content_hash", "source_uri", "text", "size_bytes", "ingested_at", "published_date"]
    ).to_pylist()
    batches = [rows[i : i + BATCH_ARTICLES] for i in range(0, len(rows), BATCH_ARTICLES)]
    out: dict[str, list[pa.Table]] = {name: [] for name in SCHEMAS}
    done, rejected = [], []
    result, started, n = ExtractionResult(), time.monotonic(), 0
    for tables, batch_done, batch_rejected in map_batches(extract_batch, batches):
        for name, table in tables.items():
            out[name].append(table)
        done += batch_done
        rejected += batch_rejected
        n += len(batch_done) + len(batch_rejected)
        if n % 1000 < BATCH_ARTICLES:
            log.info(
                "extracting %s: %d/%d articles, %.0f/s",
                part.name,
                n,
                len(rows),
                n / (time.monotonic() - started),
            )
    for name, tables in out.items():
        table = pa.concat_tables(tables) if tables else SCHEMAS[name].empty_table()
        lake.write_atomic(table, _output(extracted_dir, articles_dir, part, name))
        result.rows += len(table)
    # what a gate quarantined of the previous extraction is for that gate to find again
    quarantine.part_file(quarantine_dir, articles_dir, part, "-extraction-gate").unlink(missing_ok=True)
    quarantine_file = quarantine.part_file(quarantine_dir, articles_dir, part, "-extract")
    if rejected:
        lake.write_atomic(pa.Table.from_pylist(rejected, quarantine.SCHEMA), quarantine_file)
    else:
        quarantine_file.unlink(missing_ok=True)
    failpoint("extract.before_done")
    lake.write_atomic(
        pa.Table.from_pylist(done, DONE_SCHEMA), _output(extracted_dir, articles_dir, part, DONE_TABLE)
    )
    result.articles, result.quarantined = len(done), len(rejected)
    log.info("extracted %s: %d articles, %d quarantined, %d rows", part.name, result.articles, result.quarantined,
             result.rows)  # fmt: skip
    return result
