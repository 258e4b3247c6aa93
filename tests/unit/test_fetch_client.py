"""The crawler's HTTP client against real HTTP servers on 127.0.0.1
(pytest-httpserver): politeness, limits, retries, conditional requests, and the
address guard."""

from __future__ import annotations

import dataclasses
import gzip
import time

import pytest
from werkzeug import Request, Response

from haberdar.fetch import guard
from haberdar.fetch.client import Client, FetchFailed, Policy

FAST = Policy(seconds_between_requests=0, allow_private=("127.0.0.1/32", "::1/128"), timeout=2, retries=2)


def _client(waits: list[float], **changes) -> Client:
    return Client(dataclasses.replace(FAST, **changes), sleep=waits.append)


@pytest.fixture
def waits() -> list[float]:
    return []


@pytest.fixture
def client(waits):
    with Client(FAST, sleep=waits.append) as c:
        yield c


@pytest.fixture(autouse=True)
def no_robots(httpserver):
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)


def test_a_429_is_retried_after_the_time_retry_after_asks(httpserver, client, waits):
    httpserver.expect_oneshot_request("/haber").respond_with_data(
        "", status=429, headers={"Retry-After": "7"}
    )
    httpserver.expect_oneshot_request("/haber").respond_with_data("tamam")
    assert client.get(httpserver.url_for("/haber")).body == b"tamam"
    assert waits == [7.0]


def test_a_server_error_is_retried_with_backoff_then_given_up_with_the_reason(httpserver, client, waits):
    httpserver.expect_request("/bozuk").respond_with_data("", status=500)
    with pytest.raises(FetchFailed, match=r"HTTP 500 after 3 tries"):
        client.get(httpserver.url_for("/bozuk"))
    assert waits == [1.0, 2.0]


def test_a_retry_after_longer_than_the_cap_waits_only_the_cap(httpserver, waits):
    httpserver.expect_oneshot_request("/yavas").respond_with_data(
        "", status=503, headers={"Retry-After": "3600"}
    )
    httpserver.expect_oneshot_request("/yavas").respond_with_data("tamam")
    with _client(waits, backoff_cap=30) as client:
        client.get(httpserver.url_for("/yavas"))
    assert waits == [30]


def test_a_server_slower_than_the_timeout_fails(httpserver, waits):
    def slow(_: Request) -> Response:
        time.sleep(1.5)
        return Response("geç")

    httpserver.expect_request("/gec").respond_with_handler(slow)
    with _client(waits, timeout=0.5, retries=0) as client, pytest.raises(FetchFailed, match="Timeout"):
        client.get(httpserver.url_for("/gec"))


def test_a_redirect_loop_ends(httpserver, client):
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    with pytest.raises(FetchFailed, match="more than 5 redirects"):
        client.get(httpserver.url_for("/a"))


def test_a_redirect_is_followed_to_the_final_url(httpserver, client):
    httpserver.expect_request("/eski").respond_with_data("", status=301, headers={"Location": "/yeni"})
    httpserver.expect_request("/yeni").respond_with_data("haber")
    fetched = client.get(httpserver.url_for("/eski"))
    assert fetched.url == httpserver.url_for("/yeni") and fetched.body == b"haber"


@pytest.mark.parametrize("chunked", [False, True], ids=["declared", "streamed"])
def test_a_body_over_the_limit_is_refused(httpserver, waits, chunked):
    body = b"x" * 5_000
    if chunked:
        httpserver.expect_request("/buyuk").respond_with_response(Response(iter([body[:2500], body[2500:]])))
    else:
        httpserver.expect_request("/buyuk").respond_with_data(body)
    with (
        _client(waits, max_bytes=1_000) as client,
        pytest.raises(FetchFailed, match="over the 1000-byte limit"),
    ):
        client.get(httpserver.url_for("/buyuk"))


def test_a_gzipped_body_arrives_unzipped_and_is_counted_unzipped(httpserver, waits):
    text = "Organize Sanayi Bölgesi ".encode() * 100
    httpserver.expect_request("/gz").respond_with_data(
        gzip.compress(text), headers={"Content-Encoding": "gzip"}
    )
    with _client(waits) as client:
        assert client.get(httpserver.url_for("/gz")).body == text
    # a gzip bomb is stopped by what it unpacks to
    with _client(waits, max_bytes=1_000) as client, pytest.raises(FetchFailed, match="limit"):
        client.get(httpserver.url_for("/gz"))


def test_a_page_answers_304_to_its_own_validators(httpserver, client):
    def conditional(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response("haber", headers={"ETag": '"v1"', "Last-Modified": "Mon, 30 Nov 2026 06:00:00 GMT"})

    httpserver.expect_request("/h").respond_with_handler(conditional)
    first = client.get(httpserver.url_for("/h"))
    assert not first.not_modified and first.validators["etag"] == '"v1"'
    assert client.get(httpserver.url_for("/h"), first.validators).not_modified


def test_robots_txt_is_obeyed_for_our_user_agent(httpserver, waits):
    httpserver.clear()
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: HaberdarBot\nDisallow: /ozel/\n\nUser-agent: *\nDisallow: /"
    )
    httpserver.expect_request("/haber/1").respond_with_data("açık")
    with Client(FAST, sleep=waits.append) as client:
        assert client.get(httpserver.url_for("/haber/1")).body == "açık".encode()
        with pytest.raises(FetchFailed, match=r"robots\.txt .* disallows"):
            client.get(httpserver.url_for("/ozel/1"))


def test_requests_to_one_host_are_spaced(httpserver, waits):
    httpserver.expect_request("/h").respond_with_data("x")
    with _client(waits, seconds_between_requests=5) as client:
        for _ in range(3):
            client.get(httpserver.url_for("/h"))
    assert [round(w) for w in waits] == [
        5,
        10,
        15,
    ]  # the clock does not move here: each request 5 s after the one before


def test_an_internal_address_is_refused_unless_the_source_allows_it(httpserver, waits):
    httpserver.expect_request("/ic").respond_with_data("gizli")
    with _client(waits, allow_private=()) as client, pytest.raises(FetchFailed, match="internal address"):
        client.get(httpserver.url_for("/ic"))


def test_a_name_that_resolves_public_for_the_check_and_internal_for_the_connection_is_refused(
    httpserver, waits, monkeypatch
):
    """DNS rebinding: the resolver answers the guard with a public address, the
    connection then goes to an internal one; the connected address is checked too."""
    httpserver.expect_request("/ic").respond_with_data("gizli")
    public = guard.ipaddress.ip_address("93.184.216.34")
    monkeypatch.setattr(guard, "_addresses", lambda host: [public])  # the attacker's name server
    with _client(waits, allow_private=()) as client, pytest.raises(FetchFailed, match="internal address"):
        client.get(httpserver.url_for("/ic"))


@pytest.mark.parametrize(
    "url",
    ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.5/", "http://[::1]/", "http://0.0.0.0/",
     "http://[::ffff:127.0.0.1]/", "file:///etc/passwd", "ftp://example.org/x", "http://kullanici:sifre@example.org/"],
)  # fmt: skip
def test_the_guard_refuses_internal_addresses_other_schemes_and_credentials(url):
    with pytest.raises(guard.Refused):
        guard.check(url, allowed=("127.0.0.1/32",))  # allowing one address allows no other


def test_urls_in_logs_hide_credentials_and_secret_parameters():
    shown = guard.redacted("https://ad:sifre@example.org/haber?id=42&api_key=gizli&token=x")
    assert shown == "https://example.org/haber?id=42&api_key=…&token=…"


def test_a_longer_crawl_delay_in_robots_txt_wins(httpserver, waits):
    httpserver.clear()
    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nCrawl-delay: 7\n")
    httpserver.expect_request("/h").respond_with_data("x")
    with _client(waits, seconds_between_requests=1) as client:
        for _ in range(2):
            client.get(httpserver.url_for("/h"))
    assert [round(w) for w in waits] == [1, 8]  # after robots.txt itself: 1 s; then the Crawl-delay, 7 s more
