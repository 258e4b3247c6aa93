"""The test before a lexicon regex's search: the literals every match contains."""

import re

import pytest

from haberdar.extract.patterns import Pattern, Patterns, needles


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bziyaret(ini|i)? gerçekleştir(di|diler)", ((" gerçekleştir",), ("ziyaret",), ("di",))),
        (r"^(heyette|programda)\b", (("heyette", "programda"),)),
        (r"(?:\bimza)|(?:\bfuar\w*)", (("fuar", "imza"),)),
        (r"\B(acak|ecek)(tır)?\b|(ıyor|iyor)\W*$", (("acak", "ecek", "iyor", "ıyor"),)),
        (r"(?:\btoplantı\w*\W.*\b(yapıldı|düzenlendi))(?!\w)", (("toplantı",), ("düzenlendi", "yapıldı"))),
    ],
)
def test_the_literals_every_match_contains_the_rarest_first(pattern, expected):
    assert needles(pattern) == expected


@pytest.mark.parametrize("pattern", [r"\w+", r"(?i)ziyaret", r"(?i:ziyaret)|fuar", r"(?!x)\w", r"(a|\d)b"])
def test_a_pattern_without_such_literals_is_always_searched(pattern):
    assert needles(pattern) is None


@pytest.mark.parametrize(
    "text",
    [
        "Heyet dün fabrikayı ziyaret etti.",
        "Ziyaret etti.",
        "Fuarda imza atıldı.",
        "Yarın gelecektir.",
        "Fuar dün açıldı.",
        "fuarı gezdi, dün açıldı",
        "kimza atıldı, imzalar atıldı; imza atıldı",
        "programda heyette",
        "heyette programda, fuarlar fuarda açıldı",
        "kimzalandı ve, imzalandılar ile imzalandı ve",
    ],
)
def test_a_search_finds_what_the_regex_finds(text):
    patterns = [r"\bziyaret (etti|ettiler)", r"\bimza\w* atıldı", r"\B(acak|ecek)(tır)?\b", r"fuar",
                r"\bfuar\w*\W.*\b(açıldı|atıldı)", r"(a|\d)b", r"^(heyette|programda)\b",
                r"(?<!k)imza (atıldı|atılacak)", r"(?:\bfuar|\bprogram)\w* (açıldı|heyette)", r"\bimzala\w* (ve|ile)"]  # fmt: skip
    assert Pattern(patterns[-1]).anchored  # a match is tried only where "imzala" begins
    for pattern in patterns:
        found, expected = Pattern(pattern).search(text), re.search(pattern, text)
        assert (found and found.span()) == (expected and expected.span())


def test_named_patterns_give_what_each_gives_in_order():
    named = [("visit", r"\bziyaret (etti|ettiler)"), ("fair", r"\bfuar\w*\W.*\b(açıldı|atıldı)"),
             ("any", r"(a|\d)b"), ("signing", r"\bimza\w* atıldı"), ("fair", r"fuar")]  # fmt: skip
    patterns = Patterns([(name, Pattern(p)) for name, p in named])
    for text in [
        "Fuarda imza atıldı, fuar dün açıldı.",
        "Ziyaret etti.",
        "ab",
        "Bakan fabrikayı ziyaret etti",
        "",
    ]:
        expected = [(name, m.span()) for name, p in named if (m := re.search(p, text))]
        assert [(name, m.span()) for name, m in patterns.found(text)] == expected
        assert patterns.first_name(text) == (expected[0][0] if expected else None)
