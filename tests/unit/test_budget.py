"""The time budget holds even when its alarm is raised where Python ignores it."""

import contextlib
import time

import pytest

from haberdar.budget import OverBudget, time_budget


def test_an_expiry_swallowed_inside_the_block_is_raised_at_its_end():
    # Stands in for a weakref callback or __del__ that happened to be running when
    # the alarm fired: its exception is ignored and the block runs on.
    with (
        pytest.raises(OverBudget, match=r"took over 0\.01s"),
        time_budget(0.01),
        contextlib.suppress(OverBudget),
    ):
        time.sleep(1)


def test_a_block_within_its_budget_is_left_alone():
    with time_budget(5):
        value = sum(range(1000))
    assert value == 499500
