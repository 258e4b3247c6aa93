"""A polite HTTP client for the crawler, on httpx: robots.txt (Protego) honoured,
one User-Agent, a minimum interval between requests to a host, Retry-After on
429/503 and capped exponential backoff on server and network errors, timeouts,
a maximum body size (counted after gzip/deflate are undone), a bounded number
of redirects, each hop checked by the address guard. Conditional requests:
a URL's ETag and Last-Modified are sent back, and a 304 is "not modified"."""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from haberdar.fetch import guard
from haberdar.fetch.sources import Policy

RETRY_STATUSES = {429, 500, 502, 503, 504}


class FetchFailed(Exception):
    """A URL that could not be fetched, with a reason fit for a quarantine row;
    unreachable when the host never answered (down, or its network): worth
    trying again later rather than quarantining."""

    def __init__(self, reason: str, unreachable: bool = False) -> None:
        super().__init__(reason)
        self.unreachable = unreachable


@dataclass
class Fetched:
    url: str  # after redirects
    status: int  # 200, or 304 for not modified
    headers: httpx.Headers
    body: bytes = b""

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def validators(self) -> dict[str, str]:
        """What to send back next time for a conditional request."""
        return {k: self.headers[k] for k in ("etag", "last-modified") if k in self.headers}


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait, from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    when = email.utils.parsedate_to_datetime(value)
    return max(0.0, when.timestamp() - time.time()) if when else None


@dataclass
class Client:
    policy: Policy = field(default_factory=Policy)
    sleep: Callable[[float], None] = time.sleep
    _http: httpx.Client = field(init=False)
    _next_request: dict[str, float] = field(default_factory=dict)  # host -> earliest monotonic time
    _robots: dict[str, Protego | FetchFailed] = field(default_factory=dict)  # origin -> rules, or why none

    def __post_init__(self) -> None:
        self._http = httpx.Client(
            headers={"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(self.policy.timeout),
            follow_redirects=False,  # followed here, so each hop is checked
            trust_env=False,  # no proxy or .netrc credentials from the environment
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def get(self, url: str, validators: dict[str, str] | None = None, check_robots: bool = True) -> Fetched:
        """The response to GET url (200 or 304), or FetchFailed saying why not."""
        for _ in range(self.policy.max_redirects + 1):
            try:
                guard.check(url, self.policy.allow_private)
            except guard.Refused as exc:
                raise FetchFailed(f"refused: {exc}") from exc
            if check_robots and not self._allowed(url):
                raise FetchFailed(f"robots.txt of {urlsplit(url).netloc} disallows it for our User-Agent")
            response = self._with_retries(url, validators or {})
            if response.status not in (301, 302, 303, 307, 308):
                return response
            location = response.headers.get("location")
            if not location:
                raise FetchFailed(f"HTTP {response.status} redirect without a Location")
            url = urljoin(url, location)
        raise FetchFailed(f"more than {self.policy.max_redirects} redirects (a redirect loop?)")

    def _with_retries(self, url: str, validators: dict[str, str]) -> Fetched:
        reason, unreachable = "", False
        for attempt in range(self.policy.retries + 1):
            try:
                response = self._once(url, validators)
            except (httpx.TimeoutException, httpx.TransportError) as exc:
                reason, wait = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__, None
                unreachable = isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout)
            else:
                if response.status not in RETRY_STATUSES:
                    return response
                reason, wait = f"HTTP {response.status}", _retry_after(response.headers.get("retry-after"))
                unreachable = False
            if attempt < self.policy.retries:
                self.sleep(min(self.policy.backoff_cap, wait if wait is not None else 2.0**attempt))
        raise FetchFailed(f"{reason} after {self.policy.retries + 1} tries", unreachable)

    def _once(self, url: str, validators: dict[str, str]) -> Fetched:
        self._wait_turn(url)
        headers = {}
        if "etag" in validators:
            headers["If-None-Match"] = validators["etag"]
        if "last-modified" in validators:
            headers["If-Modified-Since"] = validators["last-modified"]
        deadline = time.monotonic() + self.policy.timeout
        with self._http.stream("GET", url, headers=headers) as response:
            self._check_peer(url, response)
            if response.status_code >= 400 and response.status_code not in RETRY_STATUSES:
                raise FetchFailed(f"HTTP {response.status_code} {response.reason_phrase}".strip())
            declared = int(response.headers.get("content-length") or 0)
            if declared > self.policy.max_bytes:
                raise FetchFailed(f"body of {declared} bytes is over the {self.policy.max_bytes}-byte limit")
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > self.policy.max_bytes:
                    raise FetchFailed(f"body over the {self.policy.max_bytes}-byte limit")
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout(f"no whole response in {self.policy.timeout:g} s")
            return Fetched(str(response.url), response.status_code, response.headers, bytes(body))

    def _check_peer(self, url: str, response: httpx.Response) -> None:
        """The address actually connected to passes the guard too: a name that
        resolved to a public address for the check and to an internal one for the
        connection (DNS rebinding) is refused before its body is read."""
        stream = response.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        if peer:
            try:
                guard.check_address(urlsplit(url).hostname or "", peer[0], self.policy.allow_private)
            except guard.Refused as exc:
                raise FetchFailed(f"refused: {exc}") from exc

    def _wait_turn(self, url: str) -> None:
        """At most one request per host every seconds_between_requests (or the
        robots.txt Crawl-delay, when longer)."""
        host = urlsplit(url).netloc
        now = time.monotonic()
        start = max(now, self._next_request.get(host, now))
        if start > now:
            self.sleep(start - now)
        rules = self._robots.get(_origin(url))
        delay = rules.crawl_delay(self.policy.user_agent) if isinstance(rules, Protego) else None
        self._next_request[host] = start + max(self.policy.seconds_between_requests, delay or 0)

    def _allowed(self, url: str) -> bool:
        origin = _origin(url)
        if origin not in self._robots:
            self._robots[origin] = self._read_robots(origin)
        rules = self._robots[origin]
        if isinstance(rules, FetchFailed):
            raise rules
        return rules.can_fetch(url, self.policy.user_agent)

    def _read_robots(self, origin: str) -> Protego | FetchFailed:
        """A host's robots.txt; none (4xx) allows everything; one that cannot be
        read (5xx, network) allows nothing this run, as search engines do."""
        try:
            response = self.get(f"{origin}/robots.txt", check_robots=False)
        except FetchFailed as exc:
            if str(exc).startswith("HTTP 4"):
                return Protego.parse("")
            return FetchFailed(f"robots.txt of {urlsplit(origin).netloc} could not be read ({exc}); "
                               "not crawled this run", exc.unreachable)  # fmt: skip
        return Protego.parse(response.body.decode("utf-8", errors="replace"))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
