"""The extraction stage on landed part files: incremental, and the same output
whichever number of processes extracts it."""

import random
from datetime import UTC, date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from haberdar import budget, lake
from haberdar.extract.rows import SCHEMAS
from haberdar.extract.stage import extract_batch, extract_part, pending_parts
from haberdar.generate import article
from haberdar.landing.land import ARTICLE_SCHEMA

RUN = datetime(2025, 5, 6, 9, tzinfo=UTC)


@pytest.fixture
def landed(tmp_path: Path) -> Path:
    rng = random.Random(3)
    rows = [
        {"content_hash": f"{n:064x}", "source_uri": f"/in/{n}.txt", "format": "txt", "title": None,
         "published_date": date(2025, 5, 6), "text": article(rng, n), "size_bytes": 1, "ingested_at": RUN}
        for n in range(450)
    ]  # fmt: skip
    rows[7]["text"] = None  # the extractor fails on this one: it is quarantined, the rest are extracted
    part = lake.partition_file(tmp_path / "articles", RUN, 0)
    lake.write_atomic(pa.Table.from_pylist(rows, ARTICLE_SCHEMA), part)
    return part


def _extract(part: Path, out: Path, processes: int, monkeypatch) -> dict[str, list[dict]]:
    monkeypatch.setenv("HABERDAR_PROCESSES", str(processes))
    articles = part.parents[1]
    result = extract_part(part, articles, out / "extracted", out / "quarantine")
    assert (result.articles, result.quarantined) == (449, 1)
    tables = {name: pq.read_table(out / "extracted" / name / part.relative_to(articles)) for name in SCHEMAS}
    return {name: t.to_pylist() for name, t in tables.items()}


def test_parallel_extraction_gives_the_same_output_in_the_same_order(landed, tmp_path, monkeypatch):
    one = _extract(landed, tmp_path / "one", 1, monkeypatch)
    two = _extract(landed, tmp_path / "two", 2, monkeypatch)
    assert one == two and len(one["events"]) > 400
    [reason] = pq.read_table(next((tmp_path / "two" / "quarantine").rglob("*-extract.parquet")))[
        "reason"
    ].to_pylist()
    assert reason.startswith("extractor error")


def test_only_parts_not_yet_extracted_are_pending(landed, tmp_path, monkeypatch):
    articles, extracted, quarantine = landed.parents[1], tmp_path / "extracted", tmp_path / "quarantine"
    assert pending_parts(articles, extracted, quarantine) == [str(landed)]
    monkeypatch.setenv("HABERDAR_PROCESSES", "1")
    extract_part(landed, articles, extracted, quarantine)
    assert pending_parts(articles, extracted, quarantine) == []
    landed.unlink()  # an operator removes the part: its facts and its quarantined articles go too
    assert pending_parts(articles, extracted, quarantine) == []
    assert not list(extracted.rglob("*.parquet")) and not list(quarantine.rglob("*.parquet"))


def test_extractor_version_follows_the_extractors_code_and_lexicons(tmp_path):
    from haberdar.extract import EXTRACTOR_VERSION, behaviour_files, content_version

    names = {p.name for p in behaviour_files()}
    assert {"gazetteer.csv", "titles.csv", "institutions.py", "turkish.py"} <= names
    assert content_version(behaviour_files()) == EXTRACTOR_VERSION
    copies = []
    for p in behaviour_files():
        copy = tmp_path / p.name
        copy.write_bytes(p.read_bytes())
        copies.append(copy)
    assert content_version(copies) == EXTRACTOR_VERSION
    lexicon = tmp_path / "titles.csv"
    lexicon.write_text(lexicon.read_text(encoding="utf-8") + "Sayman,head,,\n", encoding="utf-8")
    assert content_version(copies) != EXTRACTOR_VERSION


def test_the_schema_placeholder_is_no_part_to_extract(tmp_path: Path):
    articles, extracted = tmp_path / "articles", tmp_path / "extracted"
    lake.ensure_schema_part(articles, ARTICLE_SCHEMA)
    assert pending_parts(articles, extracted, tmp_path / "quarantine") == []
    # dbt still finds every extracted table's columns, before any article is extracted
    for name, schema in SCHEMAS.items():
        placeholder = extracted / name / lake.SCHEMA_PART
        assert pq.read_schema(placeholder).names == schema.names


def _row(text: str) -> dict:
    return {"content_hash": "a" * 64, "source_uri": "/in/x.txt", "text": text, "published_date": None,
            "size_bytes": len(text), "ingested_at": RUN}  # fmt: skip


def test_an_article_over_its_size_or_time_budget_is_quarantined_and_the_others_go_on(monkeypatch):
    ok = "Bolu Valisi Ali Er, Düzce Ticaret ve Sanayi Odası’nı ziyaret etti. " * 3
    monkeypatch.setattr(budget, "MAX_ARTICLE_CHARS", 1_000)
    _, done, rejected = extract_batch([_row(ok), _row(ok * 20)])
    assert len(done) == 1 and "over the extraction budget of 1000" in rejected[0]["reason"]
    monkeypatch.setattr(budget, "MAX_ARTICLE_CHARS", 1_000_000)
    monkeypatch.setattr(budget, "ARTICLE_SECONDS", 0.001)
    _, done, rejected = extract_batch([_row(ok * 2_000)])
    assert done == [] and "extraction took over 0.001s" in rejected[0]["reason"]


def test_evidence_is_bounded_however_long_the_sentence():
    sentence = "Bolu Valisi Ali Er, Düzce TSO’yu ziyaret etti ve " + "uzun uzun görüştü, " * 2_000 + "dedi."
    tables, done, _ = extract_batch([_row(sentence)])
    evidence = tables["institutions"]["evidence"].to_pylist()
    assert done and evidence and max(map(len, evidence)) <= 1_000


def test_facts_read_from_one_sentence_share_one_copy_of_it(tmp_path):
    cities = ["Konya", "Bursa", "Sivas", "Ordu", "Hatay", "Manisa", "Denizli", "Samsun"]
    sentence = "Toplantıya " + ", ".join(f"{c} Ticaret ve Sanayi Odası" for c in cities) + " katıldı."
    row = {"content_hash": "a" * 64, "source_uri": "/in/a.txt", "text": sentence, "size_bytes": 1,
           "ingested_at": RUN, "published_date": None}  # fmt: skip
    tables, _, _ = extract_batch([row])
    part = tmp_path / "institutions.parquet"
    lake.write_atomic(tables["institutions"], part)
    evidence = pq.read_table(part)["evidence"].combine_chunks()
    assert len(evidence) == len(cities) and evidence.to_pylist() == [sentence] * len(cities)
    assert len(evidence.dictionary) == 1  # stored once, each row an index into it
