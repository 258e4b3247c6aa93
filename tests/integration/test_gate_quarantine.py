"""A record that fails a gate is quarantined with the expectation's name and never
published, not at this run nor at a later one; the good records of the same run
are published; what a failed or killed gate left unchecked is checked next time;
and hostile text shown in Data Docs stays text in a real browser."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from haberdar import lake, pipeline
from haberdar.config import Settings
from haberdar.landing import land as land_module
from tests.conftest import SEEDS, run_pipeline

pytestmark = pytest.mark.integration

HOSTILE_TITLE = (
    "<script>document.title='PWNED'</script>"
    "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">" + " Fuar haberi" * 35
)
TEXT = (
    "Kayseri Sanayi Odası heyeti, 12 Mart 2025 tarihinde Erciyes Teknopark’ı ziyaret ederek "
    "yazılım firmalarıyla bir araya geldi. Ziyarette bölgedeki yatırımlar ve ihracat hedefleri "
    "konuşuldu; iki kurum ortak projeler için çalışma grubu kurma kararı aldı."
)


def _inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], inbox)
    records = [
        {"url": "https://haber.example/iyi", "title": "Oda heyeti teknoparkta", "text": TEXT},
        {
            "url": "https://haber.example/kotu",
            "title": HOSTILE_TITLE,
            "text": TEXT + " Ayrıca fuar da gezildi.",
        },
    ]
    (inbox / "akis.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    return inbox


def _published(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_a_record_failing_the_landing_gate_is_quarantined_and_never_published(tmp_path):
    warehouse = tmp_path / "w.duckdb"
    inbox = _inbox(tmp_path)
    first = run_pipeline([inbox], warehouse)
    assert first.returncode == 0, first.output[-3000:]
    articles = {uri for (uri,) in _published(warehouse, "select source_uri from marts.dim_article")}
    assert "https://haber.example/iyi" in articles  # the good record of the same file
    assert "https://haber.example/kotu" not in articles
    assert len(articles) == 2
    [(stage, reason)] = _published(
        warehouse, "select stage, reason from marts.fct_quarantine where source_uri like '%kotu'"
    )
    assert stage == "landing gate"
    assert "expect_column_value_lengths_to_be_between(column='title', max_value=300)" in reason

    # nothing new: the next runs still never publish it, and report it once
    (inbox / "yeni.txt").write_text(TEXT.replace("Kayseri", "Sivas"), encoding="utf-8")
    for _ in range(2):
        again = run_pipeline([inbox], warehouse)
        assert again.returncode == 0, again.output[-3000:]
    assert _published(warehouse, "select count(*) from marts.dim_article where source_uri like '%kotu'") == [
        (0,)
    ]
    assert _published(
        warehouse, "select count(*) from marts.fct_quarantine where source_uri like '%kotu'"
    ) == [(1,)]
    assert _published(warehouse, "select count(*) from marts.dim_article") == [(3,)]

    # the first run's validation page shows the title as text: its script never runs in a browser
    page = min((first.data_dir / "gx").rglob("validations/landing/articles/**/*.html"))
    dom = _rendered_dom(page, tmp_path)
    assert "PWNED" not in dom.split("</title>")[0]
    assert 'data-pwned="1"' not in dom
    assert "document.title='PWNED'" in dom  # shown, as text


def _rendered_dom(page: Path, tmp_path: Path) -> str:
    """The page's DOM after headless Chromium loaded it and ran its scripts."""
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is missing: `make test` installs it (apt-get install chromium)"
    proc = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
         "--disable-background-networking", "--disable-component-update", f"--user-data-dir={tmp_path / 'chromium'}",
         "--virtual-time-budget=3000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    assert "<html" in proc.stdout, proc.stderr[-2000:]
    return proc.stdout


@pytest.fixture
def settings(tmp_path) -> Settings:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:2]:
        shutil.copy(seed, inbox)
    return Settings(data_dir=tmp_path / "data", warehouse=tmp_path / "w.duckdb", sources=(inbox,))


def _give_an_absurd_institution_name(settings: Settings, part: str) -> tuple[str, str]:
    """What the extractor (say, a new version) might do to one article of the part:
    the article's hash, and another's."""
    output = settings.extracted_dir / "institutions" / Path(part).relative_to(settings.articles_dir)
    facts = pq.read_table(output)
    bad_hash, *others = sorted(set(facts["content_hash"].to_pylist()))
    first = facts["content_hash"].to_pylist().index(bad_hash)
    names = facts["name"].to_pylist()
    names[first] = "Kurum " * 60
    lake.write_atomic(facts.set_column(facts.schema.get_field_index("name"), "name", [names]), output)
    return bad_hash, (others or [""])[0]


def test_facts_failing_the_extraction_gate_are_quarantined_and_the_rest_go_on(settings):
    pipeline.land_articles(settings, datetime(2026, 3, 1, tzinfo=UTC))
    # a run killed before its landing gate: the next check finds the part unchecked
    assert pipeline.check_landed(settings)["quarantined"] == 0
    assert "skipped" in pipeline.check_landed(settings)
    [part] = pipeline.list_pending(settings)
    pipeline.extract(settings, part)

    bad_hash, good_hash = _give_an_absurd_institution_name(settings, part)
    assert pipeline.unchecked_extracted(settings) == [Path(part)]
    result = pipeline.check_extracted(settings)
    assert result["quarantined"] == 1
    for table in ("institutions", "persons", "events"):
        rows = pq.read_table(settings.extracted_dir / table / Path(part).relative_to(settings.articles_dir))
        hashes = set(rows["content_hash"].to_pylist())
        assert bad_hash not in hashes  # every fact of the article, not only the bad row
        if table == "institutions":
            assert good_hash in hashes
    quarantined = pq.read_table(lake.parts(settings.quarantine_dir)[-1]).to_pylist()
    [row] = [r for r in quarantined if r["content_hash"] == bad_hash]
    assert row["stage"] == "extraction gate"
    assert "expect_column_value_lengths_to_be_between(column='name'" in row["reason"]
    assert row["reason"].endswith("on institutions")
    # passed now: not checked again, and nothing left for a later run to publish unchecked
    assert pipeline.unchecked_extracted(settings) == []
    assert "skipped" in pipeline.check_extracted(settings)


def test_the_extraction_gate_takes_a_few_parts_at_a_time_and_checks_them_all(settings, monkeypatch):
    # a part per article, a part per gate batch: the bad article is in the last batch
    monkeypatch.setattr(land_module, "CHUNK_ARTICLES", 1)
    monkeypatch.setattr(pipeline, "GATE_PARTS", 1)
    pipeline.land_articles(settings, datetime(2026, 3, 1, tzinfo=UTC))
    pipeline.check_landed(settings)
    parts = pipeline.list_pending(settings)
    assert len(parts) == 2
    for part in parts:
        pipeline.extract(settings, part)
    bad_hash, _ = _give_an_absurd_institution_name(settings, parts[-1])
    assert pipeline.check_extracted(settings)["quarantined"] == 1
    quarantined = pq.read_table(lake.parts(settings.quarantine_dir)[-1]).to_pylist()
    assert [r["content_hash"] for r in quarantined] == [bad_hash]
    assert pipeline.unchecked_extracted(settings) == []


def test_a_part_rewritten_after_its_gate_is_checked_again(settings):
    pipeline.land_articles(settings, datetime(2026, 3, 1, tzinfo=UTC))
    pipeline.check_landed(settings)
    [part] = pipeline.list_pending(settings)
    table = pq.read_table(part)
    titles = pc.utf8_slice_codeunits(table["title"], 0, 5)
    lake.write_atomic(table.set_column(table.schema.get_field_index("title"), "title", titles), Path(part))
    assert "skipped" not in pipeline.check_landed(settings)  # checked again
