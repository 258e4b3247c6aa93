"""The crawl: each web source's feed, sitemap or page is fetched (conditionally),
turned into the pages it lists, and each new or changed page fetched and reduced
to its main text. Articles are written as JSON Lines for the landing stage to
land like any other file (keyed by URL, so a changed page is a correction);
every URL that fails becomes a quarantine row with the reason. One source's
failure never stops the others."""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urljoin

import pyarrow as pa

from haberdar import lake, quarantine, turkish
from haberdar.fetch import guard
from haberdar.fetch.client import Client, Fetched, FetchFailed
from haberdar.fetch.language import looks_turkish
from haberdar.fetch.sources import WebSource
from haberdar.landing.decode import NotText, decode_bytes
from haberdar.landing.readers import entry_text, html_to_text

log = logging.getLogger(__name__)
PROGRESS_SECONDS = 10
MAX_SITEMAP_DEPTH = 2  # an index of sitemaps of sitemaps, at most
MIN_ARTICLE_CHARS = 200  # less main text than this is a section page, a gallery, a stub


def file_name(text: str) -> str:
    """text (an outlet, a host:port) as a safe file or folder name."""
    return re.sub(r"[^\w.-]+", "_", text).strip("_")


@dataclass
class Counts:
    """What one source's crawl did: requests answered with content or with 304,
    articles written for landing, URLs quarantined, listed pages left alone as
    unchanged since the last run."""

    fetched: int = 0
    not_modified: int = 0
    articles: int = 0
    quarantined: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class Listed:
    """A page a feed or sitemap lists, with what the listing says of it: marker is
    its last-modified mark (a page listed with the same one is not fetched again),
    text a feed entry's full text (landed when the page cannot be fetched)."""

    url: str
    title: str | None = None
    published: date | None = None
    marker: str | None = None
    text: str | None = None


@dataclass
class State:
    """What the crawler remembers between runs (a JSON file): per URL the
    validators of its last response, per page the listing's mark, and per
    source when it was last crawled (for sources with a schedule of their own)."""

    validators: dict[str, dict[str, str]] = field(default_factory=dict)
    markers: dict[str, str] = field(default_factory=dict)
    crawled: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> State:
        if not path.exists():
            return cls()
        try:
            return cls(**json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, TypeError) as exc:
            log.warning("crawler state %s unreadable (%s): every URL is fetched again once", path, exc)
            return cls()

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(self), ensure_ascii=False, sort_keys=True), encoding="utf-8")
        tmp.replace(path)


def _text(fetched: Fetched) -> str:
    """The body as text: UTF-8 when it is UTF-8 whatever the header says (a wrong
    charset header is common), else the header's charset, else the legacy
    Turkish code pages."""
    try:
        return fetched.body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = re.search(r"charset=[\"']?([\w-]+)", fetched.headers.get("content-type", ""))
    if match:
        try:
            return fetched.body.decode(match.group(1))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(fetched.body)[0]


def _kind(body: bytes) -> str:
    """What a fetched document is, by its content: a sitemap, a feed or a page."""
    head = body[:2048].lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    return "page"


def _feed_pages(fetched: Fetched) -> list[Listed]:
    import feedparser

    listed = []
    for entry in feedparser.parse(fetched.body).entries:
        link = entry.get("link")
        if not link:
            continue
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        marker = entry.get("updated") or entry.get("published")
        content = (entry.get("content") or [{}])[0].get("value")  # full text, where the feed carries it
        listed.append(Listed(urljoin(fetched.url, link), entry.get("title"), date(*parsed[:3]) if parsed else None,
                             marker, entry_text(content) if content else None))  # fmt: skip
    return listed


def _sitemap_pages(
    client: Client, fetched: Fetched, state: State, counts: Counts, depth: int = 0
) -> list[Listed]:
    from usp.objects.sitemap import IndexXMLSitemap
    from usp.tree import sitemap_from_str

    sitemap = sitemap_from_str(_text(fetched))
    if isinstance(sitemap, IndexXMLSitemap):
        listed = []
        for child in sitemap.sub_sitemaps:
            if depth >= MAX_SITEMAP_DEPTH:
                break
            document = _get(client, child.url, state, counts)
            if document is not None:
                listed += _sitemap_pages(client, document, state, counts, depth + 1)
        return listed
    return [
        Listed(page.url, page.news_story.title if page.news_story else None,
               page.news_story.publish_date.date() if page.news_story and page.news_story.publish_date else None,
               page.last_modified.isoformat() if page.last_modified else None)
        for page in sitemap.all_pages()
    ]  # fmt: skip


def _get(client: Client, url: str, state: State, counts: Counts) -> Fetched | None:
    """A URL fetched with the validators of its last response; None when it has
    not changed since (304)."""
    fetched = client.get(url, state.validators.get(url))
    state.validators[url] = fetched.validators or state.validators.get(url, {})
    if fetched.not_modified:
        counts.not_modified += 1
        return None
    counts.fetched += 1
    return fetched


class Crawl:
    """One run of the crawler over the web sources."""

    def __init__(self, out_dir: Path, quarantine_dir: Path, state_file: Path, logical_date: datetime) -> None:
        self.out_dir, self.quarantine_dir, self.state_file = out_dir, quarantine_dir, state_file
        self.logical_date = logical_date
        self.state = State.load(state_file)
        self.refused: list[dict] = []
        self.unreachable: list[str] = []  # sources whose host never answered: tried again, not quarantined
        self.records: list[dict] = []  # the articles of the source being crawled

    def _refuse(self, url: str, reason: str, counts: Counts) -> None:
        counts.quarantined += 1
        log.warning("quarantined %s: %s", guard.redacted(url), reason)
        self.refused.append({"source_uri": guard.redacted(url), "stage": "fetch", "reason": reason,
                             "size_bytes": None, "content_hash": None, "quarantined_at": self.logical_date})  # fmt: skip

    def _listing(self, client: Client, document: Fetched, kind: str, counts: Counts) -> list[Listed]:
        try:
            return (
                _feed_pages(document)
                if kind == "feed"
                else _sitemap_pages(client, document, self.state, counts)
            )
        except FetchFailed as exc:  # a child sitemap
            self._refuse(document.url, str(exc), counts)
            return []

    def _article(self, fetched: Fetched, page: Listed, source: WebSource, counts: Counts) -> None:
        try:
            html = _text(fetched)
        except NotText as exc:
            self._refuse(page.url, f"not a web page: {exc}", counts)
            return
        main = html_to_text(html)
        self._keep(page, source, counts, main.text, fetched.url, main.title, main.published)

    def _keep(self, page: Listed, source: WebSource, counts: Counts, text: str, url: str,
              title: str | None = None, published: date | None = None) -> None:  # fmt: skip
        """An article for landing, unless its text is too short or not Turkish."""
        if len(text.strip()) < MIN_ARTICLE_CHARS:
            self._refuse(page.url, f"not an article: {len(text.strip())} characters of main text "
                                   f"(an article has at least {MIN_ARTICLE_CHARS})", counts)  # fmt: skip
            return
        if not looks_turkish(text):
            self._refuse(
                page.url, "not Turkish: its main text has (almost) none of the letters ı, ş, ğ", counts
            )
            return
        when = published or page.published  # the page's own, else the listing's
        self.records.append({"url": url, "outlet": source.outlet, "title": title or page.title,
                             "published_date": when.isoformat() if when else None, "text": text})  # fmt: skip
        counts.articles += 1

    def _pages(self, client: Client, source: WebSource, listed: list[Listed], counts: Counts) -> None:
        said = time.monotonic()
        for page in listed[: source.max_pages]:
            if page.marker and self.state.markers.get(page.url) == page.marker:
                counts.unchanged += 1
                continue
            try:
                fetched = _get(client, page.url, self.state, counts)
            except FetchFailed as exc:
                if page.text and len(page.text) >= MIN_ARTICLE_CHARS:  # a full-text feed: its own text
                    log.info("%s: %s; landing the feed's text of it", guard.redacted(page.url), exc)
                    self._keep(page, source, counts, page.text, page.url)
                else:
                    self._refuse(page.url, str(exc), counts)
                continue
            if fetched is not None:
                self._article(fetched, page, source, counts)
            if page.marker:
                self.state.markers[page.url] = page.marker
            if time.monotonic() - said > PROGRESS_SECONDS:
                said = time.monotonic()
                log.info("crawl %s: %s", source.outlet, counts)

    def due(self, source: WebSource) -> datetime | None:
        """None when the source is due this run, else when it next is (its `every`
        has not passed since its last crawl)."""
        last = self.state.crawled.get(source.url)
        if source.every is None or last is None:
            return None
        due = datetime.fromisoformat(last) + source.every
        return due if self.logical_date < due else None

    def crawl_source(self, client: Client, source: WebSource) -> Counts:
        counts = Counts()
        self.records = []
        try:
            document = _get(client, source.url, self.state, counts)
        except FetchFailed as exc:
            if exc.unreachable:
                self.unreachable.append(f"{guard.redacted(source.url)}: {exc}")
                return counts  # not marked as crawled: tried again
            self._refuse(source.url, str(exc), counts)
            self.state.crawled[source.url] = self.logical_date.isoformat()
            return counts
        if document is not None:
            kind = _kind(document.body) if source.kind == "auto" else source.kind
            if kind == "page":
                self._article(document, Listed(source.url), source, counts)
            else:
                self._pages(client, source, self._listing(client, document, kind, counts), counts)
        self._write(source)
        self.state.crawled[source.url] = self.logical_date.isoformat()
        return counts

    def _write(self, source: WebSource) -> None:
        if not self.records:
            return
        folder = self.out_dir / file_name(turkish.key(source.outlet))
        folder.mkdir(parents=True, exist_ok=True)
        # two sources of one outlet: two files
        source_id = hashlib.sha256(source.url.encode()).hexdigest()[:8]
        target = folder / f"{lake.run_key(self.logical_date)}-{source_id}.jsonl"
        tmp = target.with_suffix(".tmp")
        tmp.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in self.records), encoding="utf-8"
        )
        tmp.replace(target)

    def finish(self) -> None:
        """Keep what this run learnt (validators, marks) and its quarantine rows."""
        self.state.save(self.state_file)
        if self.refused:
            lake.ensure_schema_part(self.quarantine_dir, quarantine.SCHEMA)
            target = lake.partition_file(self.quarantine_dir, self.logical_date).with_suffix("")
            name = f"{target.name}-fetch-{self.state_file.stem}.parquet"
            lake.write_atomic(pa.Table.from_pylist(self.refused, quarantine.SCHEMA), target.with_name(name))


class Unreachable(Exception):
    """Sources whose host did not answer: the task fails so that Airflow tries again."""


def crawl(sources: tuple[WebSource, ...], out_dir: Path, quarantine_dir: Path, state_file: Path,
          logical_date: datetime) -> dict[str, dict]:  # fmt: skip
    """Crawl the sources (of one host: state_file is that host's); returns the
    counts per source URL. Raises Unreachable, after keeping what the others
    gave, when a source's host did not answer."""
    run = Crawl(out_dir, quarantine_dir, state_file, logical_date)
    summary = {}
    try:
        for source in sources:
            if due := run.due(source):
                summary[guard.redacted(source.url)] = {"outlet": source.outlet, "next": due.isoformat()}
                log.info("%s (%s): not due before %s", source.outlet, guard.redacted(source.url), due)
                continue
            with Client(source.policy) as client:
                counts = run.crawl_source(client, source)
            summary[guard.redacted(source.url)] = {"outlet": source.outlet, **asdict(counts)}
            log.info("crawled %s (%s): %s", source.outlet, guard.redacted(source.url), asdict(counts))
    finally:
        run.finish()
        report = {
            "logical_date": logical_date.isoformat(),
            "sources": summary,
            "unreachable": run.unreachable,
        }
        state_file.with_suffix(".last-run.json").write_text(json.dumps(report, ensure_ascii=False, indent=1))
    if run.unreachable:
        raise Unreachable("; ".join(run.unreachable) + " — Airflow tries the host again (task retries)")
    return summary
