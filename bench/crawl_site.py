"""The crawler against a local news site: pages per second landed, and the share
of requests a second run saves by asking conditionally.

    .venv/bin/python bench/crawl_site.py --pages 300

A site on 127.0.0.1 serves N synthetic articles (haberdar.generate: for speed
only) as pages with navigation around them, half listed in an RSS feed of
summaries and half in a sitemap, with ETags. `haberdar run` crawls it twice
(no wait between requests: the site is local; a real host is fetched at its
polite pace, `seconds_between_requests`). Writes bench/results/crawl.json."""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from haberdar.generate import article

HERE = Path(__file__).resolve().parent


class Site:
    def __init__(self, pages: int) -> None:
        rng = random.Random(5)
        self.articles = {f"/haber/{n}": article(rng, n).split("\n", 1) for n in range(1, pages + 1)}
        self.requests: list[str] = []
        self.base = ""

    def body(self, path: str) -> tuple[str, str] | None:
        paths = list(self.articles)
        half = len(paths) // 2
        if path == "/robots.txt":
            return "User-agent: *\nDisallow: /arama\n", "text/plain"
        if path == "/rss":
            items = "".join(f"<item><title>{self.articles[p][0]}</title><link>{self.base}{p}</link>"
                            f"<description>{self.articles[p][1][:100]}</description></item>" for p in paths[:half])  # fmt: skip
            return (
                f"<?xml version='1.0'?><rss version='2.0'><channel><title>B</title>{items}</channel></rss>",
                "application/rss+xml",
            )
        if path == "/sitemap.xml":
            urls = "".join(
                f"<url><loc>{self.base}{p}</loc><lastmod>2026-11-20</lastmod></url>" for p in paths[half:]
            )
            return ("<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                    f"{urls}</urlset>"), "application/xml"  # fmt: skip
        if path in self.articles:
            title, text = self.articles[path]
            paragraphs = "".join(f"<p>{line}</p>" for line in text.split("\n") if line.strip())
            return (f"<html><head><title>{title}</title></head><body><nav><a href='/'>Anasayfa</a></nav>"
                    f"<article><h1>{title}</h1>{paragraphs}</article><footer>Künye</footer></body></html>"), "text/html; charset=utf-8"  # fmt: skip
        return None

    def handler(self) -> type[BaseHTTPRequestHandler]:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # the name http.server calls
                site.requests.append(self.path)
                found = site.body(self.path)
                if found is None:
                    self.send_error(404)
                    return
                body, kind = found
                etag = f'"{abs(hash(body))}"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                data = body.encode()
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *_: object) -> None:
                pass

        return Handler


def _run(work: Path, sources: Path) -> dict:
    timings = work / "timings.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HABERDAR", "AIRFLOW"))}
    env |= {"HABERDAR_SOURCES_FILE": str(sources), "HABERDAR_TIMINGS": str(timings)}
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "haberdar.cli", "run", "--warehouse", str(work / "w.duckdb")],
                          env=env, capture_output=True, text=True, check=False)  # fmt: skip
    if proc.returncode != 0:
        sys.exit(proc.stderr[-3000:])
    seconds = json.loads(timings.read_text())["seconds"]
    return {"wall_seconds": round(time.monotonic() - started, 1),
            "fetch_seconds": round(seconds.get("fetch", 0.0), 1), "land_seconds": round(seconds.get("land", 0.0), 1),
            "summary": [line for line in proc.stdout.splitlines() if line.startswith(("web ", "articles"))]}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    args = parser.parse_args()
    site = Site(args.pages)
    server = ThreadingHTTPServer(("127.0.0.1", 0), site.handler())
    site.base = f"http://127.0.0.1:{server.server_port}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sources = work / "sources.toml"
        sources.write_text(
            '[crawler]\nseconds_between_requests = 0\nallow_private = ["127.0.0.1/32"]\nmax_pages = 100000\n\n'
            f'[[source]]\noutlet = "Bench"\nfeed = "{site.base}/rss"\n\n'
            f'[[source]]\noutlet = "Bench"\nsitemap = "{site.base}/sitemap.xml"\n'
        )
        first = _run(work, sources)
        first["requests"] = len(site.requests)
        site.requests.clear()
        second = _run(work, sources)
        second["requests"] = len(site.requests)
    server.shutdown()
    result = {
        "pages": args.pages,
        "first_run": first,
        "second_run": second,
        "pages_per_second_fetch_and_land": round(
            args.pages / (first["fetch_seconds"] + first["land_seconds"]), 1
        ),
        "requests_saved_by_conditional_fetching": round(1 - second["requests"] / first["requests"], 3),
    }
    (HERE / "results" / "crawl.json").write_text(json.dumps(result, indent=1, ensure_ascii=False))
    print(json.dumps(result, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
