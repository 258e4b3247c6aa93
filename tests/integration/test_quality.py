"""Extraction quality on articles written for the tests (not the bundled sample),
built by the real pipeline and scored by the project's scorer with our own
annotations. Guards against changes that only work for the sample."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import PROJECT_DIR, run_pipeline

pytestmark = [pytest.mark.integration, pytest.mark.xdist_group("pipeline")]

SCORER = PROJECT_DIR.parent / "shared" / "eval" / "score.py"
FIXTURES = PROJECT_DIR / "tests" / "fixtures"
SETS = ["own_articles", "unseen_articles"]


@pytest.mark.skipif(not SCORER.exists(), reason=f"the scorer is not at {SCORER}")
def test_own_articles_score_well(tmp_path):
    build = run_pipeline([FIXTURES / name for name in SETS], tmp_path / "own.duckdb")
    assert build.returncode == 0, build.output[-3000:]
    gold = tmp_path / "gold.json"
    articles = [
        a
        for name in SETS
        for a in json.loads((FIXTURES / f"{name}.annotations.json").read_text())["articles"]
    ]
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
