"""The DAGs against a local news site (pytest-httpserver on 127.0.0.1): a feed of
summaries and a news sitemap over thirty article pages with navigation around
them. The first run lands every article; the second asks conditionally and lands
nothing; after one page changes, the third fetches that page only and lands the
correction. Articles come from haberdar.generate (synthetic, for plumbing only)."""

from __future__ import annotations

import pytest

from haberdar import connect
from tests.conftest import run_pipeline
from tests.integration.news_site import NewsSite

pytestmark = pytest.mark.integration


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
