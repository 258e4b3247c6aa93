"""The landing stage: sources -> normalised articles and a quarantine, as Parquet."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pyarrow as pa

from haberdar import lake
from haberdar.failpoints import failpoint
from haberdar.landing import normalise
from haberdar.landing.readers import read_file
from haberdar.landing.records import Article, RawArticle, Rejected
from haberdar.landing.sources import discover

log = logging.getLogger(__name__)

ARTICLE_SCHEMA = pa.schema([
    ("content_hash", pa.string()),
    ("source_uri", pa.string()),
    ("format", pa.string()),
    ("title", pa.string()),
    ("published_date", pa.date32()),
    ("text", pa.string()),
    ("size_bytes", pa.int64()),
    ("ingested_at", pa.timestamp("us", tz="UTC")),
])  # fmt: skip
QUARANTINE_SCHEMA = pa.schema([
    ("source_uri", pa.string()),
    ("stage", pa.string()),
    ("reason", pa.string()),
    ("size_bytes", pa.int64()),
    ("content_hash", pa.string()),
    ("quarantined_at", pa.timestamp("us", tz="UTC")),
])  # fmt: skip


MIN_WORDS = 12  # shorter is a headline, a menu or a stub, not an article


@dataclass
class LandingResult:
    landed: int = 0
    quarantined: int = 0
    already_landed: int = 0
    files_read: int = 0
    written: list[str] = field(default_factory=list)


def normalise_article(raw: RawArticle) -> Article | Rejected:
    text = normalise.normalise_text(raw.text)
    if not text:
        return Rejected(raw.source_uri, "empty or whitespace-only text", raw.size_bytes)
    digest = normalise.content_hash(text)
    words = len(text.split())
    if words < MIN_WORDS:
        return Rejected(raw.source_uri, f"no article text: only {words} words (a page of navigation, a stub?); "
                                        f"an article has at least {MIN_WORDS}", raw.size_bytes, digest)  # fmt: skip
    if not normalise.looks_turkish(text):
        return Rejected(
            raw.source_uri, "not Turkish text (too few Turkish words or letters)", raw.size_bytes, digest
        )
    return Article(
        content_hash=digest,
        source_uri=raw.source_uri,
        format=raw.format,
        title=raw.title.strip() if raw.title else normalise.title(text),
        published_date=normalise.plausible(raw.published_date) or normalise.published_date(text),
        text=text,
        size_bytes=raw.size_bytes,
    )


class _Seen:
    """What earlier runs already landed or quarantined, so a re-scan of the same
    folder lands only what is new and reports each bad file once."""

    def __init__(self, articles_dir: Path, quarantine_dir: Path, exclude: tuple[Path, Path]):
        landed = lake.read_columns(articles_dir, ["content_hash", "source_uri"], exclude[0])
        self.hash_to_uri: dict[str, str] = (
            dict(zip(landed["content_hash"].to_pylist(), landed["source_uri"].to_pylist(), strict=True))
            if landed is not None else {}
        )  # fmt: skip
        rejected = lake.read_columns(quarantine_dir, ["source_uri", "reason"], exclude[1])
        self.rejected: set[tuple[str, str]] = (
            set(zip(rejected["source_uri"].to_pylist(), rejected["reason"].to_pylist(), strict=True))
            if rejected is not None else set()
        )  # fmt: skip


def land(
    sources: tuple[Path, ...] | list[Path],
    articles_dir: Path,
    quarantine_dir: Path,
    logical_date: datetime,
    max_file_bytes: int,
) -> LandingResult:
    """Land every new article under the sources for one logical run. Idempotent:
    re-running the same logical date rewrites the same files with the same rows."""
    lake.remove_stale_temp(articles_dir.parent)
    lake.ensure_schema_part(articles_dir, ARTICLE_SCHEMA)
    lake.ensure_schema_part(quarantine_dir, QUARANTINE_SCHEMA)
    article_file = lake.partition_file(articles_dir, logical_date)
    quarantine_file = lake.partition_file(quarantine_dir, logical_date)
    seen = _Seen(articles_dir, quarantine_dir, (article_file, quarantine_file))
    result = LandingResult()
    articles: list[Article] = []
    rejects: list[Rejected] = []

    def reject(item: Rejected) -> None:
        if (item.source_uri, item.reason) not in seen.rejected:
            seen.rejected.add((item.source_uri, item.reason))
            rejects.append(item)
            log.warning("quarantined %s: %s", item.source_uri, item.reason)

    for path, problem in discover(sources):
        result.files_read += 1
        if result.files_read % 500 == 0:
            log.info("landing: %d files read, %d new articles so far", result.files_read, len(articles))
        if problem:
            reject(Rejected(str(path), problem))
            continue
        for item in read_file(path, max_file_bytes):
            if isinstance(item, RawArticle):
                item = normalise_article(item)
            if isinstance(item, Rejected):
                reject(item)
                continue
            first_uri = seen.hash_to_uri.get(item.content_hash)
            if first_uri is None:
                seen.hash_to_uri[item.content_hash] = item.source_uri
                articles.append(item)
            elif first_uri == item.source_uri:
                result.already_landed += 1
            else:
                reject(
                    Rejected(
                        item.source_uri,
                        f"duplicate of {first_uri} (same text)",
                        item.size_bytes,
                        item.content_hash,
                    )
                )

    at = logical_date
    if articles:
        rows = [{**a.__dict__, "ingested_at": at} for a in articles]
        lake.write_atomic(pa.Table.from_pylist(rows, ARTICLE_SCHEMA), article_file)
        result.written.append(str(article_file))
    else:
        article_file.unlink(missing_ok=True)
    failpoint("land.after_articles")
    if rejects:
        rows = [{**r.__dict__, "stage": "land", "quarantined_at": at} for r in rejects]
        lake.write_atomic(pa.Table.from_pylist(rows, QUARANTINE_SCHEMA), quarantine_file)
    else:
        quarantine_file.unlink(missing_ok=True)
    result.landed, result.quarantined = len(articles), len(rejects)
    log.info(
        "landing done: %d landed, %d quarantined, %d already landed, %d files read",
        result.landed,
        result.quarantined,
        result.already_landed,
        result.files_read,
    )
    return result
