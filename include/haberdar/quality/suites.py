"""Expectation suites as code: one function per dataset, returning its suite."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import great_expectations as gx
import great_expectations.expectations as gxe

from haberdar.extract.lexicon import allowed_values

INSTITUTION_TYPES = list(allowed_values("institution_types"))
EVENT_TYPES = list(allowed_values("event_types"))
AGREEMENT_TYPES = list(allowed_values("agreement_types"))
FORMATS = ["txt", "html", "jsonl", "feed"]
OLDEST_NEWS = "1990-01-01"  # landing drops dates outside this window; the gate makes sure


def _suite(name: str, *expectations: gxe.Expectation) -> gx.ExpectationSuite:
    return gx.ExpectationSuite(name=name, expectations=list(expectations))


def columns(suite: gx.ExpectationSuite) -> list[str]:
    """The columns a suite's expectations name, in order."""
    named = (
        getattr(e, attr, None) for e in suite.expectations for attr in ("column", "column_A", "column_B")
    )
    return list(dict.fromkeys(name for name in named if name))


def landed_articles() -> gx.ExpectationSuite:
    return _suite(
        "landed_articles",
        gxe.ExpectColumnValuesToNotBeNull(column="content_hash"),
        gxe.ExpectColumnValuesToBeUnique(column="content_hash"),
        gxe.ExpectColumnValuesToMatchRegex(column="content_hash", regex=r"^[0-9a-f]{64}$"),
        gxe.ExpectColumnValuesToNotBeNull(column="source_uri"),
        # the gate sees the text's length, not the text: 100k articles of text in
        # a DataFrame would cost more memory than the rest of the run
        gxe.ExpectColumnValuesToNotBeNull(column="text_chars"),
        gxe.ExpectColumnValuesToBeBetween(column="text_chars", min_value=1),
        gxe.ExpectColumnValuesToBeInSet(column="format", value_set=FORMATS),
        gxe.ExpectColumnValueLengthsToBeBetween(column="title", max_value=300),
        gxe.ExpectColumnValuesToBeBetween(
            column="published_date",
            min_value=OLDEST_NEWS,
            max_value=date.today().replace(year=date.today().year + 1).isoformat(),
        ),
    )


def extracted_institutions() -> gx.ExpectationSuite:
    return _suite(
        "extracted_institutions",
        gxe.ExpectColumnValuesToNotBeNull(column="name"),
        gxe.ExpectColumnValueLengthsToBeBetween(column="name", min_value=2, max_value=200),
        gxe.ExpectColumnValuesToBeInSet(column="institution_type", value_set=INSTITUTION_TYPES),
        gxe.ExpectColumnValuesToNotBeNull(column="evidence"),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="char_end", column_B="char_start"),
    )


def extracted_persons() -> gx.ExpectationSuite:
    return _suite(
        "extracted_persons",
        gxe.ExpectColumnValuesToNotBeNull(column="full_name"),
        # a full name has at least two words; a lone surname is a later mention
        gxe.ExpectColumnValuesToMatchRegex(column="full_name", regex=r"^\S+(?:\s+\S+)+$"),
        gxe.ExpectColumnValuesToNotBeNull(column="evidence"),
    )


def extracted_events() -> gx.ExpectationSuite:
    return _suite(
        "extracted_events",
        gxe.ExpectColumnValuesToBeInSet(column="event_type", value_set=EVENT_TYPES),
        gxe.ExpectColumnValuesToNotBeNull(column="evidence"),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="char_end", column_B="char_start"),
    )


def extracted_agreements() -> gx.ExpectationSuite:
    return _suite(
        "extracted_agreements",
        gxe.ExpectColumnValuesToBeInSet(column="agreement_type", value_set=AGREEMENT_TYPES),
        gxe.ExpectColumnValuesToNotBeNull(column="evidence"),
    )


def dim_article() -> gx.ExpectationSuite:
    return _suite(
        "dim_article",
        gxe.ExpectColumnValuesToBeUnique(column="article_key"),
        gxe.ExpectColumnValuesToBeUnique(column="source_uri"),
        gxe.ExpectColumnValuesToNotBeNull(column="ingested_at"),
    )


def dim_institution() -> gx.ExpectationSuite:
    return _suite(
        "dim_institution",
        gxe.ExpectColumnValuesToBeUnique(column="institution_key"),
        gxe.ExpectColumnValuesToNotBeNull(column="canonical_name"),
        gxe.ExpectColumnValuesToBeInSet(column="institution_type", value_set=INSTITUTION_TYPES),
        gxe.ExpectColumnProportionOfUniqueValuesToBeBetween(column="canonical_name", min_value=0.95),
    )


def dim_person() -> gx.ExpectationSuite:
    return _suite(
        "dim_person",
        gxe.ExpectColumnValuesToBeUnique(column="person_key"),
        gxe.ExpectColumnValuesToMatchRegex(column="full_name", regex=r"^\S+(?:\s+\S+)+$"),
    )


def fct_event() -> gx.ExpectationSuite:
    return _suite(
        "fct_event",
        gxe.ExpectColumnValuesToBeUnique(column="event_key"),
        gxe.ExpectColumnValuesToBeInSet(column="event_type", value_set=EVENT_TYPES),
        gxe.ExpectColumnValuesToBeBetween(column="participant_count", min_value=2),
    )


def fct_agreement() -> gx.ExpectationSuite:
    return _suite(
        "fct_agreement",
        gxe.ExpectColumnValuesToBeUnique(column="agreement_key"),
        gxe.ExpectColumnValuesToBeInSet(column="agreement_type", value_set=AGREEMENT_TYPES),
        gxe.ExpectColumnValuesToBeBetween(column="party_count", min_value=1),
    )


SuiteFactory = Callable[[], gx.ExpectationSuite]
