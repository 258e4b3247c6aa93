"""The landing stage: sources -> normalised articles and a quarantine, as Parquet."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pyarrow as pa

from haberdar import lake, quarantine
from haberdar.failpoints import failpoint
from haberdar.landing import normalise
from haberdar.landing.readers import read_file
from haberdar.landing.records import Article, RawArticle, Rejected
from haberdar.landing.sources import discover
from haberdar.parallel import map_batches

log = logging.getLogger(__name__)

ARTICLE_SCHEMA = pa.schema([
    ("content_hash", pa.string()),
    ("source_uri", pa.string()),
    ("format", pa.string()),
    ("title", pa.string()),
    ("published_date", pa.date32()),
    ("outlet", pa.string()),
    ("text", pa.string()),
    ("size_bytes", pa.int64()),
    ("ingested_at", pa.timestamp("us", tz="UTC")),
])  # fmt: skip


FILES_SCHEMA = pa.schema([
    ("path", pa.string()),
    ("size_bytes", pa.int64()),
    ("mtime_ns", pa.int64()),
    ("ctime_ns", pa.int64()),  # changes with a chmod too: an unreadable file made readable is read again
    ("landed_in", pa.string()),  # the article part it landed in; null if it landed nothing new
])  # fmt: skip

MIN_WORDS = 12  # shorter is a headline, a menu or a stub, not an article
# articles per landed part file: each is one extraction task (fewer, larger tasks:
# a task's own cost, about a second in Airflow, is then 5% of its work, not 25%)
CHUNK_ARTICLES = 20_000


@dataclass
class LandingResult:
    landed: int = 0
    quarantined: int = 0
    already_landed: int = 0
    files_read: int = 0
    files_unchanged: int = 0
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
        title=(normalise.clean_line(raw.title) or None) if raw.title else normalise.title(text),
        published_date=normalise.plausible(raw.published_date) or normalise.published_date(text),
        text=text,
        size_bytes=raw.size_bytes,
        outlet=(normalise.clean_line(raw.outlet) or None) if raw.outlet else None,
    )


BATCH_FILES = 200  # files per unit of work sent to a reading process


def read_batch(batch: tuple[list[str], int, tuple[Path, ...]]) -> list[list[Article | Rejected]]:
    """Read and normalise a batch of files (in a worker process): per file, its
    articles and the reasons for what cannot be landed."""
    paths, max_file_bytes, roots = batch
    return [
        [
            normalise_article(item) if isinstance(item, RawArticle) else item
            for item in read_file(Path(path), max_file_bytes, roots)
        ]
        for path in paths
    ]


class _Seen:
    """What earlier runs already landed, quarantined or read, so a re-scan of the
    same folder reads only new or changed files, lands only new articles and
    reports each bad file once."""

    def __init__(self, articles_dir: Path, quarantine_dir: Path, files_dir: Path, exclude: set[Path]):
        landed = lake.read_columns(articles_dir, ["content_hash", "source_uri"], exclude)
        self.hash_to_uri: dict[str, str] = (
            dict(zip(landed["content_hash"].to_pylist(), landed["source_uri"].to_pylist(), strict=True))
            if landed is not None else {}
        )  # fmt: skip
        rejected = lake.read_columns(quarantine_dir, ["source_uri", "reason"], exclude)
        self.rejected: set[tuple[str, str]] = (
            set(zip(rejected["source_uri"].to_pylist(), rejected["reason"].to_pylist(), strict=True))
            if rejected is not None else set()
        )  # fmt: skip
        files = (
            lake.read_columns(files_dir, FILES_SCHEMA.names, exclude) or FILES_SCHEMA.empty_table()
        ).to_pydict()
        # a file whose articles' part was deleted (by an operator) is read again
        kept = {part: (articles_dir / part).exists() for part in set(files["landed_in"]) - {None}}
        self.files: dict[str, tuple[int, int, int]] = {
            path: (size, mtime, ctime)
            for path, size, mtime, ctime, part in zip(*files.values(), strict=True)
            if part is None or kept[part]
        }

    def unchanged(self, path: str, stat: FileStat) -> bool:
        return self.files.get(path) == stat


FileStat = tuple[int, int, int]  # size, modification and status-change times (ns)


class _FileList:
    """The files read this run, as FILES_SCHEMA's columns: a million files' rows
    as dicts would be the largest thing landing holds."""

    def __init__(self) -> None:
        self.columns: dict[str, list] = {name: [] for name in FILES_SCHEMA.names}

    def add(self, path: str, stat: FileStat) -> int:
        for name, value in zip(FILES_SCHEMA.names, (path, *stat, None), strict=True):
            self.columns[name].append(value)
        return len(self.columns["path"]) - 1

    def __len__(self) -> int:
        return len(self.columns["path"])

    def table(self) -> pa.Table:
        return pa.Table.from_pydict(self.columns, FILES_SCHEMA)


class _Chunks:
    """Landed articles written as part files of about CHUNK_ARTICLES each, cut at
    file boundaries so that every file's articles are in one part."""

    def __init__(self, articles_dir: Path, logical_date: datetime, file_list: _FileList):
        self.articles_dir, self.logical_date, self.file_list = articles_dir, logical_date, file_list
        self.articles: list[Article] = []
        self.files: list[int] = []  # the file-list rows of the files whose articles wait here
        self.written: list[Path] = []

    def add(self, file_row: int, articles: list[Article]) -> None:
        if not articles:
            return
        self.articles += articles
        self.files.append(file_row)
        if len(self.articles) >= CHUNK_ARTICLES:
            self.flush()

    def flush(self) -> None:
        if not self.articles:
            return
        path = lake.partition_file(self.articles_dir, self.logical_date, len(self.written))
        rows = [{**a.__dict__, "ingested_at": self.logical_date} for a in self.articles]
        lake.write_atomic(pa.Table.from_pylist(rows, ARTICLE_SCHEMA), path)
        landed_in = str(path.relative_to(self.articles_dir))
        for row in self.files:
            self.file_list.columns["landed_in"][row] = landed_in
        self.written.append(path)
        self.articles, self.files = [], []


def _files_to_read(
    sources: tuple[Path, ...] | list[Path],
    seen: _Seen,
    reject: Callable[[Rejected], None],
    result: LandingResult,
) -> list[tuple[str, FileStat | None]]:
    """The files under the sources that are new or changed since they were read,
    with their status; refused paths are rejected, unchanged files counted."""
    to_read: list[tuple[str, FileStat | None]] = []
    for path, problem in discover(sources):
        if problem:
            reject(Rejected(path, problem))
            continue
        try:
            status = os.stat(path)
            stat: FileStat | None = (status.st_size, status.st_mtime_ns, status.st_ctime_ns)
        except OSError:
            stat = None  # gone or unreadable: read_file says why
        if stat is not None and seen.unchanged(path, stat):
            result.files_unchanged += 1
        else:
            to_read.append((path, stat))
    return to_read


def pending_files(sources: tuple[Path, ...] | list[Path], articles_dir: Path, quarantine_dir: Path,
                  files_dir: Path | None = None) -> int:  # fmt: skip
    """How many files under the sources a landing run would read (new or changed
    since read) or refuse anew: 0 means it would land and quarantine nothing."""
    files_dir = files_dir or articles_dir.with_name("landed_files")
    seen = _Seen(articles_dir, quarantine_dir, files_dir, set())
    refused: list[Rejected] = []
    to_read = _files_to_read(sources, seen, refused.append, LandingResult())
    return len(to_read) + sum((r.source_uri, r.reason) not in seen.rejected for r in refused)


def _new_articles(items: list, seen: _Seen, result: LandingResult, reject) -> list[Article]:
    """A file's articles not landed before; a bad record or a copy of another
    file's article is quarantined with the reason."""
    new: list[Article] = []
    for item in items:
        if isinstance(item, Rejected):
            reject(item)
            continue
        first_uri = seen.hash_to_uri.get(item.content_hash)
        if first_uri is None:
            seen.hash_to_uri[item.content_hash] = item.source_uri
            new.append(item)
        elif first_uri == item.source_uri:
            result.already_landed += 1
        else:
            duplicate = f"duplicate of {first_uri} (same text)"
            reject(Rejected(item.source_uri, duplicate, item.size_bytes, item.content_hash))
    return new


def land(
    sources: tuple[Path, ...] | list[Path],
    articles_dir: Path,
    quarantine_dir: Path,
    logical_date: datetime,
    max_file_bytes: int,
    files_dir: Path | None = None,
) -> LandingResult:
    """Land every new article under the sources for one logical run. Idempotent:
    re-running the same logical date rewrites the same files with the same rows.
    files_dir (default: beside articles_dir) lists the files read, so that a file
    unchanged since (same size, modification and status-change times) is not
    read again."""
    files_dir = files_dir or articles_dir.with_name("landed_files")
    lake.remove_stale_temp(articles_dir.parent)
    lake.ensure_schema_part(articles_dir, ARTICLE_SCHEMA)
    lake.ensure_schema_part(quarantine_dir, quarantine.SCHEMA)
    lake.ensure_schema_part(files_dir, FILES_SCHEMA)
    quarantine_file = lake.partition_file(quarantine_dir, logical_date)
    files_file = lake.partition_file(files_dir, logical_date)
    # an earlier attempt at this logical run is redone from scratch: its files are
    # forgotten and removed, the file list first (it is written last)
    earlier_parts = lake.run_parts(articles_dir, logical_date)
    gated = [quarantine.part_file(quarantine_dir, articles_dir, p, "-landing-gate") for p in earlier_parts]
    earlier = [*lake.run_parts(files_dir, logical_date), *earlier_parts, *(g for g in gated if g.exists())]
    seen = _Seen(articles_dir, quarantine_dir, files_dir, {*earlier, quarantine_file})
    for path in earlier:
        path.unlink()
    result = LandingResult()
    file_list = _FileList()
    chunks = _Chunks(articles_dir, logical_date, file_list)
    rejects: list[Rejected] = []

    def reject(item: Rejected) -> None:
        if (item.source_uri, item.reason) not in seen.rejected:
            seen.rejected.add((item.source_uri, item.reason))
            rejects.append(item)
            log.warning("quarantined %s: %s", item.source_uri, item.reason)

    to_read = _files_to_read(sources, seen, reject, result)
    batches = [
        ([path for path, _ in to_read[i : i + BATCH_FILES]], max_file_bytes, tuple(sources))
        for i in range(0, len(to_read), BATCH_FILES)
    ]
    items_per_file = (items for batch in map_batches(read_batch, batches) for items in batch)
    for (path, stat), items in zip(to_read, items_per_file, strict=True):
        result.files_read += 1
        if result.files_read % 5000 == 0:
            log.info("landing: %d/%d files read, %d new articles so far", result.files_read, len(to_read),
                     result.landed)  # fmt: skip
        new = _new_articles(items, seen, result, reject)
        result.landed += len(new)
        if stat is not None:
            chunks.add(file_list.add(path, stat), new)
    chunks.flush()
    result.written = [str(p) for p in chunks.written]
    failpoint("land.after_articles")
    if rejects:
        rows = [{**r.__dict__, "stage": "land", "quarantined_at": logical_date} for r in rejects]
        lake.write_atomic(pa.Table.from_pylist(rows, quarantine.SCHEMA), quarantine_file)
    else:
        quarantine_file.unlink(missing_ok=True)
    if file_list:  # last: a run that died before this point is read again in full
        lake.write_atomic(file_list.table(), files_file)
    result.quarantined = len(rejects)
    log.info(
        "landing done: %d landed, %d quarantined, %d already landed, %d files read, %d unchanged since last read",
        result.landed,
        result.quarantined,
        result.already_landed,
        result.files_read,
        result.files_unchanged,
    )
    return result
