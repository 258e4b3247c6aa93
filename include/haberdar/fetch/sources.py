"""The sources file (sources.toml): folders and files as before, and the web
sources the crawler follows — RSS/Atom feeds, sitemaps (news sitemaps
included) and single pages — each with an outlet name and its own settings.

    [crawler]
    user_agent = "HaberdarBot/0.1 (+https://example.org/haberdar)"

    [[source]]
    path = "seeds"                       # a folder or file, relative to this file

    [[source]]
    outlet = "Kocaeli Sanayi Odası"
    feed = "https://example.org/rss"     # or sitemap = "…", or page = "…"
    seconds_between_requests = 2
    max_pages = 50                       # pages fetched per run, at most
    every = "6h"                         # crawled at most this often (default: every run)
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from haberdar.config import ConfigError


@dataclass(frozen=True)
class Policy:
    """How the crawler treats a host; every field can be set per source."""

    user_agent: str = "HaberdarBot/0.1 (+https://github.com/haberdar/haberdar)"
    seconds_between_requests: float = 1.0  # per host
    timeout: float = 20.0  # seconds for the whole response
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    retries: int = 3
    backoff_cap: float = 60.0  # the longest wait between tries, whatever Retry-After asks
    allow_private: tuple[str, ...] = ()  # internal networks this source may reach, e.g. ("10.1.0.0/16",)


KINDS = ("feed", "sitemap", "page")  # what a web source is
POLICY_FIELDS = {f.name for f in dataclasses.fields(Policy)}
CRAWLER_FIELDS = {"max_pages", "every", *POLICY_FIELDS}  # settings [crawler] gives every web source
SOURCE_FIELDS = {"path", "outlet", *KINDS, *CRAWLER_FIELDS}
_UNITS = {"m": "minutes", "h": "hours", "d": "days"}


@dataclass(frozen=True)
class WebSource:
    kind: str  # one of KINDS
    url: str
    outlet: str
    policy: Policy = field(default_factory=Policy)
    max_pages: int = 200
    every: timedelta | None = None  # crawled at most this often; None: every run

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc


@dataclass(frozen=True)
class Sources:
    paths: tuple[Path, ...]
    web: tuple[WebSource, ...]


def _policy(entry: dict, defaults: dict, where: str) -> Policy:
    values = {k: v for k, v in (defaults | entry).items() if k in POLICY_FIELDS}
    if "allow_private" in values:
        values["allow_private"] = tuple(values["allow_private"])
    try:
        return Policy(**values)
    except TypeError as exc:
        raise ConfigError(f"{where}: {exc}") from exc


def _every(value: object, where: str) -> timedelta | None:
    """A source's schedule, "30m", "6h" or "1d": how often it is crawled at most."""
    if value is None:
        return None
    match = re.fullmatch(r"\s*(\d+)\s*([mhd])\s*", str(value))
    if not match or int(match.group(1)) == 0:
        raise ConfigError(f'{where}: every = {value!r} is not a period; write e.g. "30m", "6h" or "1d"')
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


def _web_source(entry: dict, defaults: dict, where: str) -> WebSource:
    kinds = [k for k in KINDS if k in entry]
    if len(kinds) != 1:
        raise ConfigError(f"{where}: give exactly one of path, {', '.join(KINDS)}")
    url = str(entry[kinds[0]])
    if urlsplit(url).scheme not in ("http", "https"):
        raise ConfigError(f"{where}: {kinds[0]} {url!r} is not an http(s) URL")
    outlet = str(entry.get("outlet") or urlsplit(url).hostname)
    max_pages = int(entry.get("max_pages", defaults.get("max_pages", 200)))
    every = _every(entry.get("every", defaults.get("every")), where)
    return WebSource(kinds[0], url, outlet, _policy(entry, defaults, where), max_pages, every)


def load(path: Path) -> Sources:
    """The sources a file lists; ConfigError naming the entry and the fix."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the sources file ({exc})") from exc
    defaults = document.get("crawler", {})
    unknown = set(defaults) - CRAWLER_FIELDS
    if unknown:
        raise ConfigError(f"{path} [crawler]: unknown setting {', '.join(sorted(unknown))} "
                          f"(known: {', '.join(sorted(CRAWLER_FIELDS))})")  # fmt: skip
    paths, web = [], []
    for number, entry in enumerate(document.get("source", []), start=1):
        where = f"{path} [[source]] #{number}"
        unknown = set(entry) - SOURCE_FIELDS
        if unknown:
            raise ConfigError(f"{where}: unknown setting {', '.join(sorted(unknown))} "
                              f"(known: {', '.join(sorted(SOURCE_FIELDS))})")  # fmt: skip
        if "path" in entry:
            paths.append((path.parent / str(entry["path"])).resolve())
        else:
            web.append(_web_source(entry, defaults, where))
    return Sources(tuple(paths), tuple(web))


def from_url(url: str) -> WebSource:
    """A web source given on the command line (--source URL): its kind is found
    when it is fetched (a feed, a sitemap or a page)."""
    return WebSource("auto", url, urlsplit(url).hostname or url)
