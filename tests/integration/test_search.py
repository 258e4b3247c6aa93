"""Full-text search from SQL: marts.search_articles in the published warehouse,
Turkish-aware (İ/ı and marks folded, case endings after apostrophes dropped,
words matched by their beginning). The articles are written for this test."""

from __future__ import annotations

import pytest

from haberdar import connect
from tests.conftest import run_pipeline

pytestmark = pytest.mark.integration

ARTICLES = {
    "istanbul.txt": "İSTANBUL’DA YAZILIM PROTOKOLÜ İMZALANDI\n\n12 Mart 2026\n\n"
    "Marmara Yazılım Derneği ile Boğaziçi Teknopark arasında yazılım protokolü imzalandı. "
    "İmza töreni İstanbul’daki teknopark binasında yapıldı.",
    "isparta.txt": "Isparta’da gül fuarı açıldı\n\n14 Mart 2026\n\n"
    "ISPARTA Ticaret ve Sanayi Odası’nın düzenlediği fuar üç gün sürecek. "
    "Fuarda İstanbul’dan gelen firmalar da yer aldı.",
    "van.txt": "Van’da tarım toplantısı\n\n15 Mart 2026\n\nVan Ticaret Borsası tarım üreticileriyle toplandı.",
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    root = tmp_path_factory.mktemp("search")
    (root / "news").mkdir()
    for name, text in ARTICLES.items():
        (root / "news" / name).write_text(text, encoding="utf-8")
    build = run_pipeline([root / "news"], root / "warehouse.duckdb")
    assert build.returncode == 0, build.output[-3000:]
    return build.warehouse


def _titles(warehouse, query: str) -> list[str]:
    with connect(warehouse) as con:
        return [r[0] for r in con.execute("select title from marts.search_articles(?)", [query]).fetchall()]


@pytest.mark.parametrize("query", ["istanbul", "İSTANBUL", "İstanbul’da", "istanbul'dan", "ıstanbul"])
def test_every_spelling_of_a_word_finds_every_article_that_has_it(warehouse, query):
    assert sorted(_titles(warehouse, query)) == [
        "Isparta’da gül fuarı açıldı",
        "İSTANBUL’DA YAZILIM PROTOKOLÜ İMZALANDI",
    ]


def test_the_article_with_the_words_in_its_title_ranks_first(warehouse):
    assert _titles(warehouse, "istanbul")[0] == "İSTANBUL’DA YAZILIM PROTOKOLÜ İMZALANDI"


def test_a_stem_finds_its_inflections_but_not_the_middle_of_a_word(warehouse):
    assert _titles(warehouse, "protokol") == ["İSTANBUL’DA YAZILIM PROTOKOLÜ İMZALANDI"]
    assert _titles(warehouse, "gul fuar") == ["Isparta’da gül fuarı açıldı"]  # without the marks, too
    assert _titles(warehouse, "stanbul") == []


def test_every_word_of_a_query_must_match(warehouse):
    assert _titles(warehouse, "isparta istanbul") == ["Isparta’da gül fuarı açıldı"]
    assert _titles(warehouse, "van istanbul") == []


def test_an_empty_query_finds_nothing_and_a_result_shows_where_it_matched(warehouse):
    assert _titles(warehouse, "") == _titles(warehouse, " ’ ") == []
    with connect(warehouse) as con:
        [(snippet, hits)] = con.execute(
            "select snippet, body_hits from marts.search_articles('borsa')"
        ).fetchall()
    assert "Van Ticaret Borsası" in snippet and hits == 1
