"""The HTML report `haberdar run` writes beside the warehouse, opened in Debian's
Chromium (driven by Playwright, which downloads no browser here): it renders
offline without a console error, its filters and search box work, and every
link leads to a page that exists."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import duckdb
import pytest

from haberdar import connect
from tests.conftest import SEEDS, run_pipeline

pytestmark = pytest.mark.integration

CHARTS = ("finder", "network", "monthly", "map", "institutions", "cities")


@pytest.fixture(scope="module")
def report(seed_build) -> Path:
    assert f"report: {seed_build.warehouse.with_name('warehouse-report') / 'index.html'}" in seed_build.output
    return seed_build.warehouse.with_name("warehouse-report")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is missing: `make test` installs it (apt-get install chromium)"
    with sync_playwright() as p:
        # offline: any request that is not a file of the report fails the page
        instance = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield instance
        instance.close()


def _open(browser, page_path: Path):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    problems: list[str] = []
    page.on(
        "console",
        lambda m: problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None,
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.route(re.compile(r"^(?!file://).*"), lambda route: (problems.append(f"network: {route.request.url}"),
                                                             route.abort()))  # fmt: skip
    page.goto(page_path.as_uri())
    return page, problems


def test_the_overview_renders_every_chart_offline_without_a_console_error(browser, report, tmp_path):
    page, problems = _open(browser, report / "index.html")
    for chart in CHARTS:
        page.wait_for_selector(f"#{chart} svg", timeout=30_000)
    page.screenshot(path=tmp_path / "report.png", full_page=True)
    assert (tmp_path / "report.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert problems == []
    # the map draws 81 provinces; the network one circle per active institution
    assert page.locator("#map path[role='graphics-symbol']").count() == 81
    page.close()


def test_the_network_filters_by_institution_type(browser, report):
    page, problems = _open(browser, report / "index.html")
    page.wait_for_selector("#network svg", timeout=30_000)
    circles = page.locator("#network .mark-symbol.role-mark path")
    labels = [circles.nth(i).get_attribute("aria-label") for i in range(circles.count())]
    chambers = [label for label in labels if "institution type: chamber;" in label]
    page.select_option("#network select[name='institution_type']", "chamber")
    page.wait_for_timeout(500)
    shown = [circles.nth(i).get_attribute("aria-label") for i in range(circles.count())]
    assert 0 < len(shown) < len(labels) and sorted(shown) == sorted(chambers)
    assert problems == []
    page.close()


def test_the_search_box_finds_an_article_by_a_folded_word_and_links_to_it(browser, report, seed_build):
    with connect(seed_build.warehouse) as con:
        [(title,)] = con.execute(
            "select title from marts.dim_article where title ilike '%teknopark%' limit 1"
        ).fetchall()
    page, problems = _open(browser, report / "index.html")
    page.wait_for_selector("#finder input", timeout=30_000)
    page.fill("#finder input", "TEKNOPARK’ın")
    hits = page.locator("#finder text")
    hits.first.wait_for(timeout=5_000)
    assert any(title[:40] in t for t in hits.all_text_contents())
    page.fill("#finder input", "zzqx")
    page.wait_for_timeout(300)
    assert hits.count() == 0 and problems == []
    page.close()


def test_each_institution_and_article_has_a_page_and_every_link_leads_to_one(report, seed_build):
    with connect(seed_build.warehouse) as con:
        institutions = {
            k for (k,) in con.execute("select institution_key from marts.dim_institution").fetchall()
        }
        articles = {k for (k,) in con.execute("select article_key from marts.dim_article").fetchall()}
    assert {p.stem for p in (report / "institutions").glob("*.html")} == institutions
    assert {p.stem for p in (report / "articles").glob("*.html")} == articles
    _assert_every_link_leads_to_a_page(report)


def _assert_every_link_leads_to_a_page(report: Path) -> None:
    for page in report.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        shown = re.sub(r"<script.*?</script>|<[^>]+>", " ", html, flags=re.S)
        assert not re.search(r"\b(nan|NaT|None)\b", shown), f"{page.name} shows a missing value as a word"
        for href in re.findall(r'href="([^"#]+)"', html):
            if urlparse(href).scheme in ("http", "https"):
                continue
            assert (page.parent / unquote(href)).resolve().exists(), f"{page.name} links to missing {href}"


def test_only_the_newest_articles_get_a_page_and_no_link_leads_to_a_missing_one(seed_build, tmp_path):
    from haberdar.report.build import build_report

    out = tmp_path / "report"
    build_report(seed_build.warehouse, out, article_pages=2)
    with connect(seed_build.warehouse) as con:
        newest = con.execute(
            "select article_key from marts.dim_article order by published_date desc, article_key limit 2"
        ).fetchall()
    assert {p.stem for p in (out / "articles").glob("*.html")} == {k for (k,) in newest}
    _assert_every_link_leads_to_a_page(out)


def test_an_institution_page_marks_the_words_read_in_its_evidence(browser, report, seed_build):
    with connect(seed_build.warehouse) as con:
        [(key, name)] = con.execute(
            "select institution_key, canonical_name from marts.dim_institution join marts.bridge_agreement_institution "
            "using (institution_key) order by canonical_name limit 1"
        ).fetchall()
    page, problems = _open(browser, report / "institutions" / f"{key}.html")
    marked = page.locator("td mark").all_text_contents()
    assert name in marked
    page.locator("a:has-text('article')").first.click()
    assert "/articles/" in page.url and page.locator(".text mark").count() > 0
    assert problems == []
    page.close()


def test_a_report_killed_while_written_leaves_the_last_one_whole_and_is_cleaned_up_after(
    seed_build, tmp_path
):
    warehouse = tmp_path / "w.duckdb"
    shutil.copy(seed_build.warehouse, warehouse)
    command = [sys.executable, "-m", "haberdar.cli", "report", "--warehouse", str(warehouse)]
    assert subprocess.run(command, capture_output=True, check=False).returncode == 0
    report = tmp_path / "w-report"
    before = {p: p.read_bytes() for p in report.rglob("*") if p.is_file()}
    env = os.environ | {"HABERDAR_FAILPOINT": "report.before_swap"}
    killed = subprocess.run(command, env=env, capture_output=True, check=False)
    assert killed.returncode == -signal.SIGKILL
    assert {p: p.read_bytes() for p in report.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.glob(".w-report.new-*")]  # the half-written one
    assert subprocess.run(command, capture_output=True, check=False).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w-report", "w.duckdb"]


def test_a_report_that_cannot_be_written_fails_the_run_after_the_publish_and_says_so(tmp_path):
    occupied = tmp_path / "w-report"
    occupied.mkdir()
    (occupied / "notes.txt").write_text("mine")
    build = run_pipeline([SEEDS], tmp_path / "w.duckdb")
    assert build.returncode == 1
    assert f"{occupied} exists and is not a Haberdar report" in build.output
    assert "was published; fix the failed step and run again" in build.output
    with connect(build.warehouse) as con:
        assert con.execute("select count(*) from marts.dim_article").fetchone()[0] == len(
            list(SEEDS.glob("*.txt"))
        )
    assert (occupied / "notes.txt").read_text() == "mine"


def test_a_page_whose_content_is_unchanged_is_linked_from_the_last_report_not_rendered(seed_build, tmp_path):
    from haberdar.report.build import build_report

    warehouse = tmp_path / "w.duckdb"
    shutil.copy(seed_build.warehouse, warehouse)
    out = tmp_path / "w-report"
    first = build_report(warehouse, out)
    assert first["unchanged"] == 0
    again = build_report(warehouse, out)
    assert again["unchanged"] == again["pages"]
    with duckdb.connect(str(warehouse)) as con:
        [(key,)] = con.execute(
            "select article_key from marts.dim_article order by article_key limit 1"
        ).fetchall()
        con.execute("update marts.dim_article set title = 'Başlık düzeltildi' where article_key = ?", [key])
    changed = build_report(warehouse, out)
    page = (out / "articles" / f"{key}.html").read_text(encoding="utf-8")
    assert "Başlık düzeltildi" in page
    # the article's page, the overview (its search box) and the pages listing it are rendered again
    listing = {p.name for p in (out / "institutions").glob("*.html") if key in p.read_text(encoding="utf-8")}
    assert changed["unchanged"] == again["pages"] - 2 - len(listing)
