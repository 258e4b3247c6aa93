"""Records that failed a gate leave the lake for the quarantine: a landed article
that failed the landing gate is removed from its part; an article whose facts
failed the extraction gate loses its facts (it stays an article, as when the
extractor fails on it). Each becomes a quarantine row naming the gate and the
expectations it failed, and the good records of the same part go on."""

from __future__ import annotations

import logging
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from haberdar import lake

log = logging.getLogger(__name__)

SCHEMA = pa.schema([
    ("source_uri", pa.string()),
    ("stage", pa.string()),
    ("reason", pa.string()),
    ("size_bytes", pa.int64()),
    ("content_hash", pa.string()),
    ("quarantined_at", pa.timestamp("us", tz="UTC")),
])  # fmt: skip

# who refuses an item (dbt's accepted_values of stg_lake__quarantine.stage: a test keeps them equal)
STAGES = ("fetch", "land", "extract", "landing gate", "extraction gate")
# quarantine files named after the landed part they come from: <part><suffix>.parquet
PART_SUFFIXES = ("-extract", "-landing-gate", "-extraction-gate")


def part_file(quarantine_dir: Path, articles_dir: Path, part: Path, suffix: str) -> Path:
    """The quarantine file of one landed part and one stage (one of PART_SUFFIXES)."""
    return quarantine_dir / part.relative_to(articles_dir).with_name(part.stem + suffix + ".parquet")


def landed_part_of(quarantine_file: Path, quarantine_dir: Path) -> Path | None:
    """The landed part (relative to the articles folder) a part's quarantine file
    belongs to; None for a landing run's own quarantine file."""
    for suffix in PART_SUFFIXES:
        if quarantine_file.stem.endswith(suffix):
            name = quarantine_file.stem.removesuffix(suffix) + ".parquet"
            return quarantine_file.relative_to(quarantine_dir).with_name(name)
    return None


def _reason(gate: str, expectations: list[str]) -> str:
    return f"failed the {gate} gate: " + "; ".join(dict.fromkeys(expectations))


def _write(path: Path, rows: list[dict]) -> None:
    """Add rows to a quarantine file (a re-check of the same records replaces them)."""
    table = pa.Table.from_pylist(rows, SCHEMA)
    if path.exists():
        earlier = pq.read_table(path)
        keep = pc.invert(pc.is_in(earlier["content_hash"], table["content_hash"]))
        table = pa.concat_tables([earlier.filter(keep), table])
    lake.write_atomic(table, path)


def landed_articles(
    articles_dir: Path, quarantine_dir: Path, part: Path, failed: dict[int, list[str]]
) -> int:
    """Move the articles at the given row positions of a landed part to the
    quarantine, with the expectations each failed. Returns how many moved."""
    table = pq.read_table(part)
    rows = table.select(["source_uri", "size_bytes", "content_hash", "ingested_at"]).to_pylist()
    quarantined = [
        {**rows[i], "stage": "landing gate", "reason": _reason("landing", expectations),
         "quarantined_at": rows[i]["ingested_at"]}
        for i, expectations in sorted(failed.items())
    ]  # fmt: skip
    for row in quarantined:
        log.warning("quarantined %s: %s", row["source_uri"], row["reason"])
    # quarantine first: a run killed in between finds the rows in the part again and redoes both
    _write(part_file(quarantine_dir, articles_dir, part, "-landing-gate"), quarantined)
    keep = pa.array([i not in failed for i in range(len(table))])
    lake.write_atomic(table.filter(keep), part)
    return len(quarantined)


def extracted_facts(
    articles_dir: Path, extracted_dir: Path, quarantine_dir: Path, tables: list[str], part: Path,
    failed: dict[str, list[str]],
) -> int:  # fmt: skip
    """Remove every fact of the given articles (content hash -> expectations
    failed) from a landed part's extraction output, and quarantine the articles."""
    hashes = pa.array(list(failed), pa.string())
    articles = pq.read_table(part, columns=["source_uri", "size_bytes", "content_hash", "ingested_at"])
    quarantined = [
        {**row, "stage": "extraction gate", "reason": _reason("extraction", failed[row["content_hash"]]),
         "quarantined_at": row["ingested_at"]}
        for row in articles.filter(pc.is_in(articles["content_hash"], hashes)).to_pylist()
    ]  # fmt: skip
    for row in quarantined:
        log.warning("quarantined the facts of %s: %s", row["source_uri"], row["reason"])
    _write(part_file(quarantine_dir, articles_dir, part, "-extraction-gate"), quarantined)
    for name in tables:
        output = extracted_dir / name / part.relative_to(articles_dir)
        facts = pq.read_table(output)
        lake.write_atomic(facts.filter(pc.invert(pc.is_in(facts["content_hash"], hashes))), output)
    return len(quarantined)
