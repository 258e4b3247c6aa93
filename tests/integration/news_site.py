"""A local news site for the crawler's tests: article pages with navigation
around them, a feed of summaries over the first twenty and a sitemap with
lastmod over the rest, a robots.txt that disallows /arama, ETags answered with
304. Articles come from haberdar.generate (synthetic, for plumbing only)."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import format_datetime

from werkzeug import Request, Response

from haberdar.generate import article

CHROME = "<nav><a href='/'>Anasayfa</a> · <a href='/ekonomi'>Ekonomi</a> · <a href='/yerel'>Yerel</a></nav>"


class NewsSite:
    def __init__(self, server, pages: int = 30, seed: int = 13) -> None:
        rng = random.Random(seed)
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
