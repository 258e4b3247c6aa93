"""The lexicons are data the extractor, the quality gates and dbt share: each row
well formed, every type one of the reference lists, every dbt seed the lexicon
file itself (one source for every allowed value)."""

import csv
import re
from pathlib import Path

import pytest

from haberdar.extract.lexicon import LEXICON_DIR, allowed_values, lexicon_rows

SEEDS = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds"
TRIGGER_KINDS = {
    "verb",
    "context",
    "participation",
    "delegation",
    "anaphora",
    "reference",
    "plan",
    "additive",
    "speech",
}


@pytest.mark.parametrize("path", sorted(LEXICON_DIR.glob("*.csv")), ids=lambda p: p.name)
def test_every_row_has_the_headers_fields(path):
    with open(path, encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        bad = [n for n, row in enumerate(reader, start=2) if len(row) != len(header)]
    assert not bad, f"{path.name}: lines {bad} do not have the {len(header)} fields {header} (quote a comma)"


def test_types_in_the_lexicons_are_the_reference_types():
    institution_types = set(allowed_values("institution_types"))
    assert {r["type"] for r in lexicon_rows("institution_heads.csv")} <= institution_types
    assert {r["type"] for r in lexicon_rows("gazetteer.csv")} <= institution_types
    assert {r["implies_type"] for r in lexicon_rows("titles.csv")} - {""} <= institution_types
    event_types = set(allowed_values("event_types"))
    assert {r["event_type"] for r in lexicon_rows("event_triggers.csv")} - {""} <= event_types
    assert {r["agreement_type"] for r in lexicon_rows("agreement_patterns.csv")} <= set(
        allowed_values("agreement_types")
    )


def test_kinds_and_roles_are_the_ones_the_code_reads():
    assert {r["kind"] for r in lexicon_rows("titles.csv")} == {
        "head",
        "modifier",
        "board",
        "unit",
        "honorific",
    }
    assert {r["role"] for r in lexicon_rows("institution_heads.csv")} == {
        "core",
        "unit",
        "venue",
        "marker",
        "sector",
    }
    assert {r["kind"] for r in lexicon_rows("event_triggers.csv")} == TRIGGER_KINDS
    assert {r["role"] for r in lexicon_rows("function_words.csv")} == {
        "abbreviation", "located", "place_noun", "on_behalf", "company_form", "not_name", "separator", "generic", "acronym_frame", "appointed", "domain", "international"
    }  # fmt: skip


def test_every_pattern_compiles():
    for name in ("event_triggers.csv", "agreement_patterns.csv"):
        for row in lexicon_rows(name):
            re.compile(row["pattern"])


def test_every_event_type_has_its_own_specificity():
    rows = lexicon_rows("event_types.csv")
    assert sorted(int(r["specificity"]) for r in rows) == list(range(1, len(rows) + 1))


@pytest.mark.parametrize(
    ("seed", "lexicon"),
    [
        ("institution_types.csv", "institution_types.csv"),
        ("event_types.csv", "event_types.csv"),
        ("agreement_types.csv", "agreement_types.csv"),
        ("provinces.csv", "provinces.csv"),
        ("national_institutions.csv", "gazetteer.csv"),
    ],
)
def test_dbt_seeds_are_the_lexicon_files(seed, lexicon):
    path = SEEDS / seed
    assert path.is_symlink() and path.resolve() == (LEXICON_DIR / lexicon).resolve()


def test_districts_are_listed_once_and_are_no_provinces():
    # a name listed under two provinces is ambiguous on purpose: the reader ignores it
    rows = lexicon_rows("districts.csv")
    names = [r["district"] for r in rows]
    provinces = {r["name"] for r in lexicon_rows("provinces.csv")}
    assert len(rows) == len({(r["district"], r["province"]) for r in rows})
    assert not set(names) & provinces
    assert {r["province"] for r in rows} <= provinces


def test_quarantine_stages_are_the_ones_dbt_accepts():
    import yaml

    from haberdar.quarantine import STAGES

    staging = yaml.safe_load((SEEDS.parent / "models" / "staging" / "_staging.yml").read_text())
    [model] = [m for m in staging["models"] if m["name"] == "stg_lake__quarantine"]
    [column] = [c for c in model["columns"] if c["name"] == "stage"]
    assert column["data_tests"][0]["accepted_values"]["arguments"]["values"] == list(STAGES)
