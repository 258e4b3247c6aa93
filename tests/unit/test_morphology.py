"""Turkish morphology in one module: case endings, possessives, apostrophes as
newsrooms type them. Words and sentences written for these tests."""

import pytest

from haberdar.extract import morphology
from haberdar.extract.text import tokenize


@pytest.mark.parametrize(
    ("written", "base", "suffix"),
    [
        ("ASO’nun", "ASO", "’nun"),
        ("Şarbak 'ın", "Şarbak", "'ın"),  # a space before the apostrophe
        ("TUNA' NIN", "TUNA", "'NIN"),  # a space after it, in capitals
        ("OSB' lerinin", "OSB", "'lerinin"),
    ],
)
def test_a_suffix_after_an_apostrophe_however_typed(written, base, suffix):
    [token] = tokenize(written)
    assert (token.base, token.suffix, token.base_end) == (base, suffix, len(base))


def test_a_quoted_word_after_a_space_is_no_suffix():
    words = [t.text for t in tokenize("bu kavramı 'yenilik' olarak anlattı")]
    assert words == ["bu", "kavramı", "'", "yenilik", "'", "olarak", "anlattı"]


@pytest.mark.parametrize(
    ("suffix", "genitive", "locative"),
    [
        ("’nın", True, False),
        ("' NIN", True, False),
        ("'de", False, True),
        ("’ta", False, True),
        ("’a", False, False),
    ],
)
def test_cases_of_a_suffix(suffix, genitive, locative):
    assert morphology.is_genitive(suffix) is genitive
    assert morphology.is_locative(suffix) is locative


@pytest.mark.parametrize(
    ("form", "head", "expected"),
    [("Odasına", "Odası", True), ("Teknoparkta", "Teknopark", True), ("Odalar", "Odası", False)],
)
def test_head_nouns_take_case_endings_without_an_apostrophe(form, head, expected):
    assert morphology.head_form(form, head) is expected


@pytest.mark.parametrize(
    ("possessed", "bare"),
    [("Odası", "Oda"), ("Bakanlığı", "Bakanlık"), ("Kurumu", "Kurum"), ("Ajansı", "Ajans")],
)
def test_the_bare_noun_of_a_possessive(possessed, bare):
    assert morphology.bare_noun(possessed) == bare


def test_stems_and_inflected_words():
    assert "Teknopark" in morphology.stems("Teknoparkta")
    assert morphology.looks_inflected("Toplantıya")
    assert not morphology.looks_inflected("Mersin")
