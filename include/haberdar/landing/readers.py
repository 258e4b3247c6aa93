"""Readers for each source format. A reader turns one file into raw articles;
anything it cannot read becomes a Rejected item, never an exception."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import stat
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import NamedTuple

from haberdar import turkish
from haberdar.landing.decode import NotText, decode_bytes
from haberdar.landing.deep_html import too_deep_text
from haberdar.landing.records import RawArticle, Rejected

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES

_TEXT_FIELDS = ("text", "content", "body", "article", "html")
_TITLE_FIELDS = ("title", "headline", "baslik")
_DATE_FIELDS = ("published_date", "published", "date", "pubDate", "tarih")
_URL_FIELDS = ("url", "link", "source_uri", "id")
_OUTLET_FIELDS = ("outlet", "publisher", "site_name", "source")

Item = RawArticle | Rejected


class MainText(NamedTuple):
    """What an HTML page says of itself: its main text, title, date and site name."""

    text: str
    title: str | None = None
    published: date | None = None
    site: str | None = None


def html_to_text(html: str, recall: bool = False) -> MainText:
    """Main text, title, date and site name of an HTML page, without navigation,
    scripts or ads. recall=True keeps more of a short fragment (a feed entry), at
    the cost of precision."""
    import trafilatura  # heavy import: only when an HTML page is read

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        favor_recall=recall,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None or not (doc.text or "").strip():
        return MainText(too_deep_text(html) or "")
    published = turkish.parse_date(doc.date) if doc.date else None
    return MainText(doc.text, doc.title, published, doc.sitename)


def read_text(path: Path, raw: bytes) -> Iterator[Item]:
    text, _ = decode_bytes(raw)
    yield RawArticle(str(path), "txt", text, len(raw))


def read_html(path: Path, raw: bytes) -> Iterator[Item]:
    html, _ = decode_bytes(raw)
    page = html_to_text(html)
    if not page.text.strip():
        yield Rejected(
            str(path), "HTML page has no article text (navigation or an empty page only)", len(raw)
        )
        return
    yield RawArticle(str(path), "html", page.text, len(raw), page.title, page.published, page.site)


def _content_key(path: Path, text: str) -> str:
    """A record's key when it has no URL or id of its own: its content, not its
    position (a feed or a JSON Lines file that gains a record at the top would
    otherwise shift every key and replace older articles with newer ones)."""
    return f"{path}#{hashlib.sha256(text.encode()).hexdigest()[:16]}"


def _distinct_uris(items: list[Item]) -> list[Item]:
    """Two records of one file under one URL are two articles: the second and later
    are keyed by URL and content, so neither replaces the other."""
    seen: set[str] = set()
    distinct = []
    for item in items:
        if isinstance(item, RawArticle):
            if item.source_uri in seen:
                item = dataclasses.replace(item, source_uri=_content_key(Path(item.source_uri), item.text))
            seen.add(item.source_uri)
        distinct.append(item)
    return distinct


def _no_lone_surrogates(text: str) -> str:
    """JSON may escape half a surrogate pair ("\\ud800"), which no UTF-8 can hold: marked U+FFFD."""
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _first(record: dict, fields: tuple[str, ...]) -> str | None:
    for name in fields:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return _no_lone_surrogates(value)
    return None


# What json.loads raises on bad input: a syntax error, nesting too deep for the
# parser (RecursionError), an integer of thousands of digits (ValueError).
_BAD_JSON = (json.JSONDecodeError, RecursionError, ValueError)


def _bad_json_reason(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"malformed JSON: {exc.msg}"
    if isinstance(exc, RecursionError):
        return "JSON nested too deeply to read"
    return f"unreadable JSON value: {exc}"


def _json_records(path: Path, content: str) -> Iterator[tuple[str, object, int]]:
    """(where, record or its parse error, size) per record: a .json file holding
    one article or a list of them, else JSON Lines, one record per line."""
    if path.suffix.lower() == ".json":
        try:
            document = json.loads(content)
        except _BAD_JSON:
            document = None  # not one document: read it as JSON Lines
        if isinstance(document, list):
            for number, record in enumerate(document, start=1):
                yield f"{path}#{number}", record, len(json.dumps(record, ensure_ascii=False).encode())
            return
        if isinstance(document, dict):
            yield str(path), document, len(content.encode())
            return
    for number, line in enumerate(content.splitlines(), start=1):
        if line.strip():
            try:
                record = json.loads(line)
            except _BAD_JSON as exc:  # one bad line costs that line, not the file
                record = exc
            yield f"{path}#L{number}", record, len(line.encode())


def read_jsonl(path: Path, raw: bytes) -> Iterator[Item]:
    content, _ = decode_bytes(raw)
    for where, record, size in _json_records(path, content):
        if isinstance(record, Exception):
            yield Rejected(where, f"{_bad_json_reason(record)}; fix or remove this record", size)
            continue
        if not isinstance(record, dict):
            yield Rejected(where, "not a JSON object; expected one article per object", size)
            continue
        body = _first(record, _TEXT_FIELDS)
        if body is None:
            fields = ", ".join(_TEXT_FIELDS)
            yield Rejected(where, f"JSON record has no text field (expected one of: {fields})", size)
            continue
        title = _first(record, _TITLE_FIELDS)
        published = turkish.parse_date(_first(record, _DATE_FIELDS) or "")
        outlet = _first(record, _OUTLET_FIELDS)
        if body.lstrip().startswith("<"):
            page = html_to_text(body)
            body, title = page.text, title or page.title
            published, outlet = published or page.published, outlet or page.site
        uri = _first(record, _URL_FIELDS) or _content_key(path, body)
        yield RawArticle(uri, "jsonl", body, size, title, published, outlet)


def entry_text(html: str) -> str:
    """A feed entry's text. An entry is the article the publisher chose, not a page
    with chrome around it: its text, scripts dropped, without boilerplate
    detection (40× faster per entry)."""
    import trafilatura

    return trafilatura.html2txt(f"<html><body><article>{html}</article></body></html>") if html else ""


def read_feed(path: Path, raw: bytes) -> Iterator[Item]:
    import feedparser

    feed = feedparser.parse(raw)
    broken = f"broken RSS/Atom feed ({feed.bozo_exception})" if feed.get("bozo") else None
    if not feed.entries:
        yield Rejected(str(path), broken or "empty RSS/Atom feed: no entries", len(raw))
        return
    outlet = feed.feed.get("title")  # the channel's name
    for number, entry in enumerate(feed.entries, start=1):
        where = entry.get("link") or entry.get("id") or f"{path}#entry-{number}"
        html = (entry.get("content") or [{}])[0].get("value") or entry.get("summary") or ""
        text = entry_text(html)
        if not text.strip():
            yield Rejected(
                where, f"{broken}: entry has no text" if broken else "feed entry has no text", len(html)
            )
            continue
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        published = date(*parsed[:3]) if parsed else None
        uri = entry.get("link") or entry.get("id") or _content_key(path, text)
        yield RawArticle(uri, "feed", text, len(html.encode()), entry.get("title"), published, outlet)


READERS = {
    **dict.fromkeys(TEXT_SUFFIXES, read_text),
    **dict.fromkeys(HTML_SUFFIXES, read_html),
    **dict.fromkeys(JSONL_SUFFIXES, read_jsonl),
    **dict.fromkeys(FEED_SUFFIXES, read_feed),
}


class Refused(Exception):
    """The file at read time is not one to read (and its size, where known)."""

    def __init__(self, reason: str, size: int | None = None) -> None:
        super().__init__(reason)
        self.size = size


def _read_checked(path: Path, max_bytes: int, roots: tuple[Path, ...]) -> bytes:
    """The bytes of the regular file at `path`, checked on the opened descriptor, so
    what is read is what was checked: a file swapped for a symlink out of the roots
    or for a FIFO after discovery is refused, never followed or waited on."""
    real = os.path.realpath(path)
    if roots and not any(real == str(r) or real.startswith(str(r) + os.sep) for r in roots):
        raise Refused(f"path resolves outside the source folders (to {real}); refused")
    fd = os.open(real, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as handle:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise Refused("not a regular file (a FIFO, a device or a folder); refused")
        raw = handle.read(max_bytes + 1)  # one byte past the limit tells a file over it, however it grew
    if len(raw) > max_bytes:
        size = max(status.st_size, len(raw))
        raise Refused(f"file is {size} bytes, over the {max_bytes}-byte limit; "
                      "split it or raise HABERDAR_MAX_FILE_BYTES", size)  # fmt: skip
    return raw


def read_file(path: Path, max_bytes: int, roots: tuple[Path, ...] = ()) -> list[Item]:
    """Every article in one file, or the reasons it cannot be landed. With `roots`,
    a file that resolves outside them at read time is refused."""
    uri = str(path)
    try:
        raw = _read_checked(path, max_bytes, tuple(Path(r).resolve() for r in roots))
    except Refused as exc:
        return [Rejected(uri, str(exc), exc.size)]
    except OSError as exc:
        return [Rejected(uri, f"unreadable file: {exc.strerror or exc}; check its permissions")]
    reader = READERS.get(path.suffix.lower(), read_text)
    started = time.monotonic()
    try:
        items = list(reader(path, raw))
    except NotText as exc:
        return [Rejected(uri, str(exc), len(raw))]
    except Exception as exc:  # a reader bug must cost one file, not the batch
        spent = time.monotonic() - started
        return [
            Rejected(uri, f"could not read file ({type(exc).__name__}: {exc}) after {spent:.1f}s", len(raw))
        ]
    if not items:  # every file is accounted for: landed, unchanged, or quarantined with a reason
        return [Rejected(uri, "no article in this file (empty, blank lines only or an empty list)", len(raw))]
    return _distinct_uris(items)
