"""A crawl of a small local news site (pytest-httpserver on 127.0.0.1): a feed of
summaries, a news sitemap, pages with navigation around the article, a robots.txt,
broken links; then a second crawl that fetches only what changed. The articles
are written for this test."""

from __future__ import annotations

import json
import socket
from datetime import UTC, datetime, timedelta

import pyarrow.parquet as pq
import pytest
from werkzeug import Request, Response

from haberdar.fetch.client import Policy
from haberdar.fetch.crawl import Unreachable, crawl
from haberdar.fetch.language import looks_turkish
from haberdar.fetch.sources import WebSource
from haberdar.landing.land import land

POLICY = Policy(seconds_between_requests=0, allow_private=("127.0.0.1/32", "::1/128"), retries=0)
CHROME = "<nav><a href='/'>Anasayfa</a> <a href='/ekonomi'>Ekonomi</a> <a href='/spor'>Spor</a></nav>"
ARTICLES = {
    "/haber/1": ("Konya’da makine fuarı açıldı",
                 "Konya Ticaret Odası’nın düzenlediği makine fuarı dün kapılarını açtı. Fuara yüzden fazla "
                 "firma katıldı ve ilk gün binlerce ziyaretçi geldi. Oda Başkanı açılış konuşmasında "
                 "ihracatın bölgenin geleceği olduğunu söyledi."),
    "/haber/2": ("Sakarya’da yeni teknopark binası",
                 "Sakarya Teknopark’ın yeni binasının temeli atıldı. Binada yazılım ve savunma "
                 "alanında çalışan girişimlere ofis verilecek. Törene valilik ve üniversite "
                 "temsilcileri katıldı."),
    "/haber/4": ("Trabzon limanında ihracat rekoru",
                 "Trabzon limanından geçen ay yapılan ihracat bir önceki yılın aynı ayına göre arttı. "
                 "Liman işletmesi yeni vinçlerin hizmete girdiğini duyurdu. Bölgedeki fındık ve "
                 "çay üreticileri artıştan memnun."),
}  # fmt: skip


def _page(title: str, body: str, date: str | None = None) -> str:
    meta = f"<meta property='article:published_time' content='{date}'>" if date else ""
    paragraphs = "".join(f"<p>{s}.</p>" for s in body.split(". "))
    return (f"<html><head><title>{title}</title>{meta}</head><body>{CHROME}<article><h1>{title}</h1>"
            f"{paragraphs}</article><footer>Tüm hakları saklıdır. Künye · İletişim</footer></body></html>")  # fmt: skip


def _feed(base: str) -> str:
    items = "".join(
        f"<item><title>{t}</title><link>{base}{path}</link><pubDate>Mon, 23 Nov 2026 08:00:00 +0300</pubDate>"
        f"<description>{b[:60]}…</description></item>"
        for path, (t, b) in [*list(ARTICLES.items())[:2], ("/ozel/3", ("Gizli", "x")), ("/yok", ("Yok", "x"))]
    )
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Test</title>{items}</channel></rss>"


def _sitemap(base: str, lastmod: str) -> str:
    return (
        "<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
        "xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>"
        f"<url><loc>{base}/haber/4</loc><lastmod>{lastmod}</lastmod><news:news><news:publication>"
        "<news:name>Test</news:name><news:language>tr</news:language></news:publication>"
        "<news:publication_date>2026-11-20T09:00:00+03:00</news:publication_date>"
        f"<news:title>{ARTICLES['/haber/4'][0]}</news:title></news:news></url>"
        f"<url><loc>{base}/bos</loc><lastmod>{lastmod}</lastmod></url>"
        f"<url><loc>http://10.0.0.7/ic-servis</loc></url></urlset>"
    )


class Site:
    """The news site; counts requests; answers If-None-Match with 304."""

    def __init__(self, httpserver) -> None:
        self.server, self.requests, self.lastmod = httpserver, [], "2026-11-20T10:00:00+03:00"
        self.pages = {
            p: _page(t, b, "2026-11-23" if p != "/haber/4" else None) for p, (t, b) in ARTICLES.items()
        }
        self.pages["/bos"] = f"<html><body>{CHROME}</body></html>"
        httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /ozel/")
        httpserver.expect_request("/yok").respond_with_data("bulunamadı", status=404)
        base = httpserver.url_for("").rstrip("/")
        for path in [*self.pages, "/ozel/3", "/rss", "/sitemap.xml"]:
            httpserver.expect_request(path).respond_with_handler(lambda r, p=path: self.answer(r, p, base))

    def answer(self, request: Request, path: str, base: str) -> Response:
        self.requests.append(path)
        body = {"/rss": _feed(base), "/sitemap.xml": _sitemap(base, self.lastmod)}.get(path) or self.pages[
            path
        ]
        etag = f'"{hash(body)}"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304)
        return Response(body, headers={"ETag": etag}, content_type="text/html; charset=utf-8")


@pytest.fixture
def site(httpserver) -> Site:
    return Site(httpserver)


def _outcome(tmp_path, sources: tuple[WebSource, ...], when: str = "2026-11-23T10:00:00"):
    """Crawl sources into tmp_path: the counts, the articles written, the quarantine rows."""
    summary = crawl(sources, tmp_path / "web", tmp_path / "quarantine", tmp_path / "state.json",
                    datetime.fromisoformat(when).replace(tzinfo=UTC))  # fmt: skip
    records = [json.loads(line) for f in sorted((tmp_path / "web").rglob("*.jsonl")) for line in f.open()]
    rows = [r for f in (tmp_path / "quarantine").rglob("*.parquet") for r in pq.read_table(f).to_pylist()]
    return summary, records, rows


def _crawl(site: Site, tmp_path, when: str):
    sources = (WebSource("feed", site.server.url_for("/rss"), "Test Haber", POLICY),
               WebSource("sitemap", site.server.url_for("/sitemap.xml"), "Test Haber", POLICY))  # fmt: skip
    site.requests.clear()
    return _outcome(tmp_path, sources, when)


def test_a_feed_of_summaries_lands_each_page_main_text_with_the_listing_date_when_the_page_has_none(
    site, tmp_path
):
    summary, records, rows = _crawl(site, tmp_path, "2026-11-23T10:00:00")
    by_url = {r["url"].rsplit("/", 2)[-2] + "/" + r["url"].rsplit("/", 1)[-1]: r for r in records}
    assert set(by_url) == {"haber/1", "haber/2", "haber/4"}
    first = by_url["haber/1"]
    assert first["title"] == ARTICLES["/haber/1"][0] and first["outlet"] == "Test Haber"
    assert (
        "binlerce ziyaretçi" in first["text"]
        and "Anasayfa" not in first["text"]
        and "Künye" not in first["text"]
    )
    assert by_url["haber/4"]["published_date"] == "2026-11-20"  # from the news sitemap
    reasons = {r["source_uri"].rsplit("/", 1)[-1]: r["reason"] for r in rows}
    assert "robots.txt" in reasons["3"] and "HTTP 404" in reasons["yok"]
    assert "not an article" in reasons["bos"] and "internal address" in reasons["ic-servis"]
    assert {r["stage"] for r in rows} == {"fetch"}
    assert sum(c["quarantined"] for c in summary.values()) == len(rows) == 4


def test_a_second_crawl_asks_conditionally_and_fetches_only_what_changed(site, tmp_path):
    _crawl(site, tmp_path, "2026-11-23T10:00:00")
    first = len(site.requests)
    summary, _, _ = _crawl(site, tmp_path, "2026-11-23T11:00:00")
    assert site.requests.count("/haber/1") == 0  # the feed answered 304: its pages are not asked for
    assert sum(c["articles"] for c in summary.values()) == 0
    assert all(c["not_modified"] == 1 and c["fetched"] == 0 for c in summary.values())
    assert len(site.requests) < first
    site.pages["/haber/4"] = site.pages["/haber/4"].replace("arttı", "yüzde yirmi arttı")
    site.lastmod = "2026-11-23T11:30:00+03:00"
    _, records, _ = _crawl(site, tmp_path, "2026-11-23T12:00:00")
    changed = [r for r in records if r["url"].endswith("/haber/4") and "yüzde yirmi" in r["text"]]
    assert len(changed) == 1  # the correction, to land under the same URL


def test_a_source_with_a_schedule_of_its_own_is_crawled_only_when_due(site, tmp_path):
    daily = (WebSource("feed", site.server.url_for("/rss"), "Test Haber", POLICY, every=timedelta(days=1)),)
    site.requests.clear()
    _outcome(tmp_path, daily, "2026-11-23T10:00:00")
    assert "/rss" in site.requests
    site.requests.clear()
    summary, _, _ = _outcome(tmp_path, daily, "2026-11-23T16:00:00")
    assert site.requests == [] and summary[site.server.url_for("/rss")]["next"] == "2026-11-24T10:00:00+00:00"
    _outcome(tmp_path, daily, "2026-11-24T10:00:00")
    assert site.requests == ["/rss"]  # due again: asked (conditionally; 304)


def test_a_host_that_does_not_answer_is_left_for_a_retry_and_stops_no_other_source(site, tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    sources = (WebSource("feed", f"http://127.0.0.1:{closed}/rss", "Kapalı", POLICY),
               WebSource("feed", site.server.url_for("/rss"), "Test Haber", POLICY))  # fmt: skip
    with pytest.raises(Unreachable, match=f"127.0.0.1:{closed}/rss: robots.txt .* could not be read"):
        crawl(sources, tmp_path / "web", tmp_path / "quarantine", tmp_path / "state.json",
              datetime(2026, 11, 23, 10, tzinfo=UTC))  # fmt: skip
    written = [json.loads(line) for f in (tmp_path / "web").rglob("*.jsonl") for line in f.open()]
    assert {r["outlet"] for r in written} == {"Test Haber"} and len(written) == 2
    rows = [r for f in (tmp_path / "quarantine").rglob("*.parquet") for r in pq.read_table(f).to_pylist()]
    assert all(str(closed) not in r["source_uri"] for r in rows)  # not quarantined: tried again next time


def test_a_wrong_charset_header_and_a_legacy_turkish_page_are_both_read_right(httpserver, tmp_path):
    title, body = ARTICLES["/haber/1"]
    page = _page(title, body, "2026-11-23")
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/utf8").respond_with_data(
        page.encode(), content_type="text/html; charset=iso-8859-9"
    )
    httpserver.expect_request("/eski").respond_with_data(page.encode("cp1254"), content_type="text/html")
    sources = tuple(WebSource("page", httpserver.url_for(p), "Test", POLICY) for p in ("/utf8", "/eski"))
    _, records, _ = _outcome(tmp_path, sources)
    assert len(records) == 2 and all(
        "binlerce ziyaretçi" in r["text"] and r["title"] == title for r in records
    )


def test_the_same_article_under_two_urls_is_landed_once(httpserver, tmp_path):
    title, body = ARTICLES["/haber/2"]
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    for path in ("/haber/2", "/amp/haber/2"):
        httpserver.expect_request(path).respond_with_data(_page(title, body), content_type="text/html")
    sources = tuple(
        WebSource("page", httpserver.url_for(p), "Test", POLICY) for p in ("/haber/2", "/amp/haber/2")
    )
    _outcome(tmp_path, sources)
    when = datetime(2026, 11, 23, 10, tzinfo=UTC)
    landed = land((tmp_path / "web",), tmp_path / "articles", tmp_path / "quarantine", when, 5_000_000)
    assert landed.landed == 1


def test_a_page_in_another_language_is_quarantined_as_not_turkish(httpserver, tmp_path):
    english = ("The chamber of industry opened a new training centre for machine operators this week. "
               "More than forty companies sent their staff to the first courses held in the building. ")  # fmt: skip
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/en").respond_with_data(
        _page("Training centre", english * 2), content_type="text/html"
    )
    source = WebSource("page", httpserver.url_for("/en"), "Test", POLICY)
    _, records, rows = _outcome(tmp_path, (source,))
    [row] = rows
    assert row["reason"].startswith("not Turkish") and records == []


def test_a_text_is_told_turkish_by_the_letters_only_turkish_writes():
    turkish_text = ("Organize sanayi bölgesinde açılan yeni fabrika, ilçede iki yüz kişiye iş kapısı oldu. "
                    "Açılış törenine katılan oda başkanı, yatırımın bölge ekonomisine katkısını anlattı. ") * 2  # fmt: skip
    english = ("The new factory opened in the industrial zone and gave work to two hundred people. "
               "The chamber president spoke about what the investment brings to the regional economy. ") * 2  # fmt: skip
    german = ("Die neue Fabrik im Industriegebiet hat zweihundert Menschen Arbeit gegeben. Der Präsident der "
              "Kammer sprach über die Bedeutung der Investition für die Wirtschaft der Region. ") * 2  # fmt: skip
    assert looks_turkish(turkish_text)
    assert not looks_turkish(english) and not looks_turkish(german)
    assert looks_turkish("Short English note.")  # too short to tell: let the extractor see it


def test_a_full_text_feed_lands_an_entry_whose_page_fails_and_a_summary_feed_does_not(httpserver, tmp_path):
    title, body = ARTICLES["/haber/2"]
    feed = (
        "<?xml version='1.0'?><rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'>"
        f"<channel><title>T</title><item><title>{title}</title><link>{httpserver.url_for('/gitti')}</link>"
        f"<content:encoded><![CDATA[<p>{body}</p><p>{ARTICLES['/haber/4'][1]}</p>]]></content:encoded></item>"
        f"<item><title>Özet</title><link>{httpserver.url_for('/yok')}</link><description>Kısa özet.</description>"
        "</item></channel></rss>"
    )
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/rss").respond_with_data(feed, content_type="application/rss+xml")
    for path in ("/gitti", "/yok"):
        httpserver.expect_request(path).respond_with_data("", status=404)
    source = WebSource("feed", httpserver.url_for("/rss"), "Test", POLICY)
    _, records, rows = _outcome(tmp_path, (source,))
    [record] = records
    assert record["url"].endswith("/gitti") and record["title"] == title and "valilik" in record["text"]
    [row] = rows
    assert row["source_uri"].endswith("/yok") and "HTTP 404" in row["reason"]
