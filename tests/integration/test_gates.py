"""A real Great Expectations checkpoint failing on real data says what failed."""

from __future__ import annotations

import pandas as pd
import pytest

from haberdar.quality import suites
from haberdar.quality.gates import DataQualityError, run_gate

pytestmark = pytest.mark.integration


def test_failing_gate_names_expectation_column_and_values(tmp_path):
    frame = pd.DataFrame({
        "name": ["Konya Sanayi Odası", "Ordu Teknokent"],
        "institution_type": ["chamber", "spaceport"],
        "evidence": ["Konya Sanayi Odası toplandı.", "Ordu Teknokent açıldı."],
        "char_start": [0, 10],
        "char_end": [25, 40],
    })  # fmt: skip
    with pytest.raises(DataQualityError) as failure:
        run_gate("extraction", {"institutions": (frame, suites.extracted_institutions)}, tmp_path)
    message = str(failure.value)
    assert "expect_column_values_to_be_in_set" in message
    assert "institution_type" in message and "spaceport" in message
    assert "extraction.institutions" in message


def test_passing_gate_builds_data_docs(tmp_path):
    frame = pd.DataFrame({
        "event_type": ["visit"], "evidence": ["A, B’yi ziyaret etti."], "char_start": [0], "char_end": [20],
    })  # fmt: skip
    result = run_gate("extraction", {"events": (frame, suites.extracted_events)}, tmp_path)
    assert result.expectations == 3
    assert result.docs.exists()
