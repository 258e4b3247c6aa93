"""The worst-case benchmark (bench/hostile.py): its generators make the articles
they promise, and its verdict flags superlinear time and broken budgets."""

import pytest

from bench import hostile


@pytest.mark.parametrize("generator", sorted(hostile.GENERATORS))
def test_each_generator_makes_an_article_of_the_size_asked(generator):
    text = hostile.GENERATORS[generator](3_000)
    assert 3_000 <= len(text) < 3_300


def _run(chars: int, seconds: float, mib: float = 10.0) -> dict:
    return {"generator": "g", "chars": chars, "seconds": seconds, "peak_mib": mib, "rows": 1}


def test_linear_growth_within_budget_passes():
    assert hostile._verdicts([_run(50_000, 1.0), _run(100_000, 2.1), _run(200_000, 4.3)]) == []


def test_quadratic_growth_is_flagged_even_under_the_time_budget():
    [verdict] = hostile._verdicts(
        [_run(25_000, 0.1), _run(50_000, 0.4), _run(100_000, 1.6), _run(200_000, 6.4)]
    )
    assert "superlinear" in verdict and "grew 8.0×" in verdict
    # timed too short to mean anything, the smallest article is no reference
    assert hostile._verdicts([_run(25_000, 0.01), _run(50_000, 0.2), _run(200_000, 0.9)]) == []


def test_time_memory_and_unfinished_runs_are_flagged():
    assert len(hostile._verdicts([_run(100_000, 6.0), _run(200_000, 12.0, mib=900)])) == 2
    [verdict] = hostile._verdicts([_run(100_000, 1.0), _run(200_000, None)])
    assert "did not finish" in verdict
