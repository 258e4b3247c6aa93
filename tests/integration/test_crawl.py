"""The DAGs against a local news site (pytest-httpserver on 127.0.0.1): a feed of
summaries and a news sitemap over thirty article pages with navigation around
them. The first run lands every article; the second asks conditionally and lands
nothing; after one page changes, the third fetches that page only and lands the
correction. Articles come from haberdar.generate (synthetic, for plumbing only)."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import format_datetime

import pytest
from werkzeug import Request, Response

from haberdar import connect
from haberdar.generate import article
from tests.conftest import run_pipeline

pytestmark = pytest.mark.integration
CHROME = "<nav><a href='/'>Anasayfa</a> · <a href='/ekonomi'>Ekonomi</a> · <a href='/yerel'>Yerel</a></nav>"


class NewsSite:
    def __init__(self, server, pages: int = 30) -> None:
        rng = random.Random(13)
        self.server, self.requests = server, []
        self.articles = {f"/haber/{n}": article(rng, n).split("\n", 1) for n in range(1, pages + 1)}
        self.lastmod = {path: "2026-11-20T10:00:00+03:00" for path in self.articles}
        server.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /arama\n")
        for path in ["/rss", "/sitemap.xml", *self.articles]:
            server.expect_request(path).respond_with_handler(lambda r, p=path: self.answer(r, p))

    def url(self, path: str) -> str:
        return self.server.url_for(path)

    def body(self, path: str) -> tuple[str, str]:
        paths = list(self.articles)
        if path == "/rss":
            items = (
                "".join(
                    f"<item><title>{self.articles[p][0]}</title><link>{self.url(p)}</link>"
                    f"<pubDate>{format_datetime(datetime(2026, 11, 20, 9, tzinfo=UTC))}</pubDate>"
                    f"<description>{self.articles[p][1][:80]}…</description></item>"
                    for p in paths[:20]
                )
                + f"<item><title>Arama</title><link>{self.url('/arama/fuar')}</link></item>"
            )  # robots.txt: disallowed
            return (
                f"<?xml version='1.0'?><rss version='2.0'><channel><title>Yerel</title>{items}</channel></rss>",
                "application/rss+xml",
            )
        if path == "/sitemap.xml":
            urls = "".join(
                f"<url><loc>{self.url(p)}</loc><lastmod>{self.lastmod[p]}</lastmod></url>" for p in paths[20:]
            )
            return (
                "<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                f"{urls}</urlset>"
            ), "application/xml"
        title, text = self.articles[path]
        paragraphs = "".join(f"<p>{line}</p>" for line in text.split("\n") if line.strip())
        return (
            f"<html><head><title>{title}</title></head><body>{CHROME}<article><h1>{title}</h1>{paragraphs}"
            "</article><footer>Künye · İletişim · Tüm hakları saklıdır</footer></body></html>"
        ), "text/html; charset=utf-8"

    def answer(self, request: Request, path: str) -> Response:
        self.requests.append(path)
        body, kind = self.body(path)
        etag = f'"{abs(hash(body))}"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304)
        return Response(body, content_type=kind, headers={"ETag": etag})


def test_the_dags_land_a_news_site_and_then_only_what_changed(httpserver, tmp_path):
    site = NewsSite(httpserver)
    sources = tmp_path / "sources.toml"
    sources.write_text(
        '[crawler]\nseconds_between_requests = 0\nallow_private = ["127.0.0.1/32", "::1/128"]\n\n'
        f'[[source]]\noutlet = "Yerel Haber"\nfeed = "{site.url("/rss")}"\n\n'
        f'[[source]]\noutlet = "Yerel Haber"\nsitemap = "{site.url("/sitemap.xml")}"\n',
        encoding="utf-8",
    )
    env = {"HABERDAR_SOURCES_FILE": str(sources)}
    warehouse = tmp_path / "w.duckdb"

    first = run_pipeline([], warehouse, env)
    assert first.returncode == 0, first.output[-3000:]
    with connect(warehouse) as con:
        uris = {u for (u,) in con.execute("select source_uri from marts.dim_article").fetchall()}
        outlets = con.execute("select distinct outlet from marts.dim_article").fetchall()
        [(events,)] = con.execute("select count(*) from marts.fct_event").fetchall()
        refused = con.execute("select stage, reason from marts.fct_quarantine where source_uri = ?",
                              [site.url("/arama/fuar")]).fetchall()  # fmt: skip
    assert uris == {site.url(p) for p in site.articles} and events > 0
    assert outlets == [("Yerel Haber",)]
    assert len(refused) == 1 and refused[0][0] == "fetch" and "robots.txt" in refused[0][1]
    assert (f"web Yerel Haber ({site.url('/rss')}): 21 fetched, 0 not modified, 0 unchanged, 20 articles, "
            "1 quarantined") in first.output  # fmt: skip
    first_requests = len(site.requests)

    site.requests.clear()
    second = run_pipeline([], warehouse, env)
    assert second.returncode == 0, second.output[-3000:]
    assert not any(p.startswith("/haber/") for p in site.requests), site.requests  # feed and sitemap said 304
    assert len(site.requests) <= 4 < first_requests
    assert f"web Yerel Haber ({site.url('/sitemap.xml')}): 0 fetched, 1 not modified" in second.output

    changed = "/haber/25"
    title, text = site.articles[changed]
    site.articles[changed] = [
        title,
        text + "\nHaberin devamında fuarın ikinci gününe ilişkin bilgiler verildi.",
    ]
    site.lastmod[changed] = "2026-11-23T11:00:00+03:00"
    site.requests.clear()
    third = run_pipeline([], warehouse, env)
    assert third.returncode == 0, third.output[-3000:]
    assert [p for p in site.requests if p.startswith("/haber/")] == [changed]
    with connect(warehouse) as con:
        [(count, versions)] = con.execute(
            "select count(*), max(version_count) filter (where source_uri = ?) from marts.dim_article",
            [site.url(changed)],
        ).fetchall()
    assert count == 30 and versions == 2  # the changed page is a correction of the same article
