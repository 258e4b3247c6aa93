"""Extraction quality and entity resolution on articles written for the tests
(not the bundled sample), built by the real pipeline. Guards against changes
that only work for the sample."""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb
import pytest

from tests.conftest import PROJECT_DIR, Build, run_pipeline

pytestmark = pytest.mark.integration

SCORER = PROJECT_DIR.parent / "shared" / "eval" / "score.py"
FIXTURES = PROJECT_DIR / "tests" / "fixtures"
ANNOTATED = ["written_a", "written_b", "written_c"]


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> Build:
    sources = [FIXTURES / name for name in [*ANNOTATED, "cross_outlet"]]
    result = run_pipeline(sources, tmp_path_factory.mktemp("quality") / "quality.duckdb")
    assert result.returncode == 0, result.output[-3000:]
    return result


@pytest.mark.skipif(not SCORER.exists(), reason=f"the scorer is not at {SCORER}")
def test_annotated_articles_score_well(build, tmp_path):
    articles = [
        a
        for name in ANNOTATED
        for a in json.loads((FIXTURES / f"{name}.annotations.json").read_text())["articles"]
    ]
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps({"articles": articles}, ensure_ascii=False))
    proc = subprocess.run(
        [sys.executable, str(SCORER), "--warehouse", str(build.warehouse), "--gold", str(gold), "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    scores = json.loads(proc.stdout)
    assert scores["articles_missing"] == []
    for metric in ("institutions", "persons", "event_pairs", "agreements"):
        assert scores[metric]["f1"] >= 0.9, (metric, scores[metric], scores["per_article"])
    assert scores["published_date"]["accuracy"] == 1.0


def _rows(build: Build, sql: str) -> list[tuple]:
    with duckdb.connect(str(build.warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_an_acronym_alone_resolves_to_the_long_form_another_article_gives(build):
    rows = _rows(
        build, "select canonical_name, acronym, city from marts.dim_institution where acronym = 'DSO'"
    )
    assert rows == [("Denizli Sanayi Odası", "DSO", "Denizli")]
    articles = _rows(
        build,
        """
        select count(distinct b.article_key) from marts.bridge_article_institution b
        join marts.dim_institution i using (institution_key) join marts.dim_article a using (article_key)
        where i.acronym = 'DSO' and a.source_uri like '%/cross_outlet/%'""",
    )
    assert articles == [(2,)]


def test_the_same_person_in_two_articles_is_one_row(build):
    rows = _rows(
        build,
        """
        select p.full_name, i.canonical_name, p.article_count from marts.dim_person p
        join marts.dim_institution i using (institution_key) where p.full_name = 'Ahmet Kasapoğlu'""",
    )
    assert rows == [("Ahmet Kasapoğlu", "Denizli Sanayi Odası", 2)]


def test_two_outlets_reporting_one_meeting_share_an_event_cluster(build):
    rows = _rows(
        build,
        """
        select e.event_type, e.event_cluster_key from marts.fct_event e
        join marts.dim_article a using (article_key) where a.source_uri like '%/cross_outlet/%'""",
    )
    assert sorted(t for t, _ in rows) == ["meeting", "visit"]
    assert len({key for _, key in rows}) == 1
