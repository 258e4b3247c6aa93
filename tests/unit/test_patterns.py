"""The test before a lexicon regex's search: the literals every match contains."""

import re

import pytest

from haberdar.extract.patterns import Pattern, needles


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bziyaret(ini|i)? gerçekleştir(di|diler)", ("ziyaret",)),
        (r"\b(fikir|görüş) alışverişinde", ("fikir", "görüş")),
        (r"^(heyette|programda)\b", ("heyette", "programda")),
        (r"(?:\bimza)|(?:\bfuar\w*)", ("fuar", "imza")),
        (r"\B(acak|ecek)(tır)?\b|(ıyor|iyor)\W*$", ("acak", "ecek", "iyor", "ıyor")),
    ],
)
def test_the_literals_every_match_begins_with(pattern, expected):
    assert needles(pattern) == expected


@pytest.mark.parametrize(
    "pattern", [r"\w+ dedi", r"(?i)ziyaret", r"(?i:ziyaret)|fuar", r"(?!x)ziyaret", r"(a|\d)b"]
)
def test_a_pattern_without_such_literals_is_always_searched(pattern):
    assert needles(pattern) is None


@pytest.mark.parametrize(
    "text", ["Heyet dün fabrikayı ziyaret etti.", "Ziyaret etti.", "Fuarda imza atıldı.", "Yarın gelecektir."]
)
def test_a_search_finds_what_the_regex_finds(text):
    for pattern in [r"\bziyaret (etti|ettiler)", r"\bimza\w* atıldı", r"\B(acak|ecek)(tır)?\b", r"fuar"]:
        found, expected = Pattern(pattern).search(text), re.search(pattern, text)
        assert (found and found.span()) == (expected and expected.span())
