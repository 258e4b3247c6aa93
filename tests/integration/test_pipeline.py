"""End to end on the bundled sample: land -> extract -> dbt -> gates -> publish."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from tests.conftest import SEEDS, run_pipeline

pytestmark = pytest.mark.integration

CONTRACT_TABLES = [
    "dim_article", "dim_institution", "dim_person", "fct_event", "bridge_event_institution", "fct_agreement",
    "bridge_agreement_institution", "bridge_agreement_person", "bridge_article_institution", "bridge_article_person",
]  # fmt: skip
KEYS = {
    "dim_article": ["article_key"],
    "dim_institution": ["institution_key"],
    "dim_person": ["person_key"],
    "fct_event": ["event_key"],
    "fct_agreement": ["agreement_key"],
    "bridge_event_institution": ["event_key", "institution_key"],
    "bridge_agreement_institution": ["agreement_key", "institution_key"],
    "bridge_agreement_person": ["agreement_key", "person_key"],
    "bridge_article_institution": ["article_key", "institution_key"],
    "bridge_article_person": ["article_key", "person_key"],
}


def _query(build, sql: str) -> list[tuple]:
    with duckdb.connect(str(build.warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_every_sample_article_landed_exactly_once(seed_build):
    files = sorted(p.name for p in SEEDS.glob("*.txt"))
    rows = _query(seed_build, "select source_uri, content_hash from marts.dim_article order by source_uri")
    assert sorted(uri.rsplit("/", 1)[-1] for uri, _ in rows) == files
    assert len({h for _, h in rows}) == len(files)


def test_every_contract_table_has_rows(seed_build):
    for table in CONTRACT_TABLES:
        [(n,)] = _query(seed_build, f"select count(*) from marts.{table}")
        assert n > 0, f"marts.{table} is empty"


def test_keys_are_unique_and_not_null(seed_build):
    for table, key in KEYS.items():
        cols = ", ".join(key)
        dupes = _query(
            seed_build, f"select {cols}, count(*) from marts.{table} group by all having count(*) > 1"
        )
        nulls = _query(
            seed_build,
            f"select count(*) from marts.{table} where " + " or ".join(f"{c} is null" for c in key),
        )
        assert dupes == [] and nulls == [(0,)], table


def test_every_event_has_two_participants(seed_build):
    thin = _query(
        seed_build,
        """
        select e.event_key from marts.fct_event e
        left join marts.bridge_event_institution b using (event_key)
        group by e.event_key having count(b.institution_key) < 2""",
    )
    assert thin == []


def test_facts_keep_their_evidence(seed_build):
    rows = _query(
        seed_build,
        """
        select e.evidence, a.content_hash, e.char_start, e.char_end, e.extractor_version
        from marts.fct_event e join marts.dim_article a using (article_key)""",
    )
    assert rows and all(evidence and start < end and version for evidence, _, start, end, version in rows)


def test_all_gates_passed_and_data_docs_were_built(seed_build):
    assert "data-quality gates passed: 3 (0 not needed" in seed_build.output
    assert (
        seed_build.data_dir / "gx" / "gx" / "uncommitted" / "data_docs" / "local_site" / "index.html"
    ).exists()


def test_summary_names_the_warehouse(seed_build):
    assert f"warehouse: {seed_build.warehouse}" in seed_build.output
    assert "articles landed: 5 new this run, 5 in the warehouse" in seed_build.output


def _snapshot(build) -> dict[str, list[tuple]]:
    return {t: _query(build, f"select {', '.join(k)} from marts.{t} order by all") for t, k in KEYS.items()}


def test_rebuilding_the_same_input_gives_identical_marts(seed_build, tmp_path):
    # a backfill of a past logical date builds the same marts as today's run
    past = ("--logical-date", "2026-01-05T06:00")
    again = run_pipeline([SEEDS], tmp_path / "again.duckdb", args=past)
    assert again.returncode == 0, again.output[-3000:]
    assert _snapshot(again) == _snapshot(seed_build)
    # and re-running that logical date over the same data folder changes nothing,
    # with dbt run as one Airflow task per model this time
    rerun = run_pipeline([SEEDS], again.warehouse, {"HABERDAR_DBT_TASKS": "model"}, args=past)
    assert rerun.returncode == 0, rerun.output[-3000:]
    assert "✓ dbt.dim_institution_run" in rerun.output and "✓ dbt.dbt_project_test" in rerun.output
    assert (
        "articles landed: 5 new this run, 5 in the warehouse" in rerun.output
    )  # the same partition, rewritten
    assert _snapshot(rerun) == _snapshot(seed_build)


def _whole(build) -> dict[str, list[tuple]]:
    """Every row of every mart (the incremental ones included), surrogate keys and all."""
    with duckdb.connect(str(build.warehouse), read_only=True) as con:
        tables = con.execute("select table_name from duckdb_tables() where schema_name = 'marts'").fetchall()
        return {t: con.execute(f"select * from marts.{t} order by all").fetchall() for (t,) in tables}


def test_an_incremental_build_equals_a_full_refresh_after_new_articles_and_a_correction(tmp_path):
    # (a backfill over the same data folder: test_rebuilding_the_same_input_gives_identical_marts)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    first, corrected, *rest = sorted(SEEDS.glob("*.txt"))
    for seed in [first, corrected, *rest[:-1]]:
        shutil.copy(seed, inbox)
    build = run_pipeline([inbox], tmp_path / "w.duckdb")
    assert build.returncode == 0, build.output[-3000:]
    shutil.copy(rest[-1], inbox)  # a new article
    text = corrected.read_text(encoding="utf-8")
    (inbox / corrected.name).write_text(
        text.replace(".", ". Bu cümle sonradan eklendi.", 1), encoding="utf-8"
    )
    incremental = run_pipeline([inbox], build.warehouse)
    assert incremental.returncode == 0, incremental.output[-3000:]
    rows = _whole(incremental)
    assert len(rows["dim_article_text"]) == len(rest) + 2  # the correction replaced its older version
    full = run_pipeline([inbox], build.warehouse, args=("--full-refresh",))
    assert full.returncode == 0, full.output[-3000:]
    assert "running DAG haberdar_warehouse" in full.output
    assert _whole(full) == rows


def test_a_normal_run_prints_no_warning(seed_build):
    assert "warning" not in seed_build.output.lower(), seed_build.output[-3000:]


def test_a_run_with_nothing_new_neither_rebuilds_nor_republishes(seed_build):
    published = seed_build.warehouse.stat().st_mtime_ns
    again = run_pipeline([SEEDS], seed_build.warehouse)
    assert again.returncode == 0, again.output[-3000:]
    assert "nothing new under the sources and the published warehouse is up to date" in again.output
    assert "running DAG" not in again.output  # not even Airflow is started
    assert "(up to date: not rebuilt, not republished)" in again.output
    assert seed_build.warehouse.stat().st_mtime_ns == published
    assert "warning" not in again.output.lower(), again.output[-3000:]


def test_every_model_and_column_is_documented(seed_build):
    manifest = json.loads((seed_build.data_dir / "dbt" / "target" / "manifest.json").read_text())
    with duckdb.connect(str(seed_build.data_dir / "build" / "warehouse.duckdb"), read_only=True) as con:
        for node in manifest["nodes"].values():
            if node["resource_type"] not in {"model", "seed"}:
                continue
            assert node["description"], f"{node['name']} has no description"
            actual = {r[0] for r in con.execute(
                "select column_name from information_schema.columns where table_schema = ? and table_name = ?",
                [node["schema"], node["alias"]],
            ).fetchall()}  # fmt: skip
            documented = {name for name, col in node["columns"].items() if col.get("description")}
            assert actual - documented == set(), f"{node['name']}: undocumented columns {actual - documented}"
