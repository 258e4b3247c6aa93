"""What the landing stage produces: landed articles and quarantined items."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class RawArticle:
    """One article as read from a source, before normalisation."""

    source_uri: str
    format: str
    text: str
    size_bytes: int
    title: str | None = None
    published_date: date | None = None
    outlet: str | None = None  # who published it: a feed's or site's name, a record's outlet


@dataclass(frozen=True)
class Rejected:
    """An item that cannot be landed, with the reason and the fix."""

    source_uri: str
    reason: str
    size_bytes: int | None = None
    content_hash: str | None = None


@dataclass(frozen=True)
class Article:
    """One normalised article, identified by the hash of its text."""

    content_hash: str
    source_uri: str
    format: str
    title: str | None
    published_date: date | None
    text: str
    size_bytes: int
    outlet: str | None = None
