"""Turkish morphology the extractor needs, in one place: case endings with and
without an apostrophe, possessive nouns and their bare forms, and the suffix
after an apostrophe however a newsroom types it ("ASO’nun", "ASO'nun",
"Şarbak 'ın", "TUNA' NIN")."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from haberdar import turkish

VOWELS: Final = frozenset("aeıioöuüAEIİOÖUÜ")
FRONT_VOWELS: Final = frozenset("eiöüEİÖÜ")  # a suffix after them takes e, not a
VOICELESS: Final = frozenset("fstkçşhp")  # a suffix after them hardens d to t
APOSTROPHE_CLASS: Final = "[’'´`ʼ]"
# Case endings a word takes without an apostrophe, after a vowel ("Odasına") and
# after a consonant ("Teknoparkta").
AFTER_VOWEL: Final = ("nın", "nin", "nun", "nün", "na", "ne", "nı", "ni", "nu", "nü", "nda", "nde", "ndan", "nden",
                      "ndaki", "ndeki", "nca", "nce", "yla", "yle")  # fmt: skip
AFTER_CONSONANT: Final = ("ın", "in", "un", "ün", "a", "e", "ı", "i", "u", "ü", "da", "de", "ta", "te", "dan", "den",
                          "tan", "ten", "daki", "deki", "taki", "teki", "la", "le")  # fmt: skip
ENDINGS: Final = frozenset(AFTER_VOWEL + AFTER_CONSONANT)
_ENDING_LENGTHS: Final = sorted({len(e) for e in ENDINGS})
# What may follow a bare head noun ("Oda", "Odanın", "Ajansa"): nothing, or a short case ending.
BARE_ENDINGS: Final = frozenset({"", "ın", "in", "un", "ün", "a", "e", "da", "de", "dan", "den", "la", "le", "ya", "ye",
                                 "nın", "nin"})  # fmt: skip
GENITIVE: Final = frozenset({"nın", "nin", "nun", "nün", "ın", "in", "un", "ün"})
LOCATIVE: Final = frozenset({"de", "da", "te", "ta"})
ABLATIVE: Final = frozenset({"den", "dan", "ten", "tan", "nden", "ndan"})
MEMBER_OF: Final = frozenset({"li", "lı", "lu", "lü"})  # "MHP’li": a member of, before a person's name
# Endings that mark an ordinary inflected word at a sentence's start ("Toplantıya",
# "Açılışa", "Sözleşmeyi", "Ziyarette"), not the first word of a name.
_INFLECTED: Final = re.compile(
    r"(?:[dt][ae]n?|n[dt][ae]n?|[yn][ae]|y[ıiuü]|[^aeıioöuü][ae]|[ıiuü]n[aeıiuü]|l[ae]r\w*|daki|deki)$"
)


# Suffixes a newsroom types after an apostrophe and a space ("Şarbak 'ın",
# "TUNA' NIN", "OSB' lerinin"): only real endings, so that a quoted word after a
# space ("kavramı 'inovasyon' olarak") is never read as one.
SPACED_SUFFIXES: Final = ("ın", "in", "un", "ün", "nın", "nin", "nun", "nün", "ı", "i", "u", "ü", "yı", "yi", "yu",
                          "yü", "a", "e", "ya", "ye", "na", "ne", "da", "de", "ta", "te", "dan", "den", "tan", "ten",
                          "nda", "nde", "ndan", "nden", "la", "le", "yla", "yle", "daki", "deki", "taki", "teki",
                          "lar", "ler", "ları", "leri", "ların", "lerin", "larının", "lerinin", "larına", "lerine",
                          "larında", "lerinde")  # fmt: skip
SPACED_APOSTROPHE: Final = (
    rf"(?:\s{APOSTROPHE_CLASS}\s?|{APOSTROPHE_CLASS}\s)"
    rf"(?i:{'|'.join(sorted(SPACED_SUFFIXES, key=len, reverse=True))})(?![^\W\d_])"
)


@lru_cache(maxsize=4096)
def suffix_letters(suffix: str) -> str:
    """ "’nın" -> "nın", "' NIN" -> "nın": the letters of an apostrophe suffix, lower case."""
    return turkish.lower(_NOT_LETTERS.sub("", suffix)) if suffix else ""


_NOT_LETTERS: Final = re.compile(rf"{APOSTROPHE_CLASS}|\s")


def is_genitive(suffix: str) -> bool:
    return suffix_letters(suffix) in GENITIVE


def is_locative(suffix: str) -> bool:
    """ "’de", "’ta": at a place."""
    return suffix_letters(suffix) in LOCATIVE


def is_ablative(suffix: str) -> bool:
    """ "’nden", "’dan": from."""
    return suffix_letters(suffix) in ABLATIVE


def is_member_of(suffix: str) -> bool:
    return suffix_letters(suffix) in MEMBER_OF


def head_form(base: str, word: str) -> bool:
    """Is `base` the head word itself or the head word with a case ending
    ("Odasına" for "Odası", "Teknoparkta" for "Teknopark")?"""
    if base == word:
        return True
    if not base.startswith(word) or len(base) <= len(word):
        return False
    return base[len(word) :] in (AFTER_VOWEL if word[-1] in VOWELS else AFTER_CONSONANT)


def stems(base: str) -> list[str]:
    """The word itself and the word without each case ending it could carry."""
    return [base] + [base[:-n] for n in _ENDING_LENGTHS if len(base) > n + 2 and base[-n:] in ENDINGS]


def bare_noun(possessed: str) -> str:
    """The noun without its possessive ending: Odası -> Oda, Bakanlığı -> Bakanlık,
    Kurumu -> Kurum, Ajansı -> Ajans."""
    if possessed[-2:] in {"ğı", "ği", "ğu", "ğü"}:
        return possessed[:-2] + "k"
    if possessed[-2:] in {"sı", "si", "su", "sü"} and possessed[-3:-2] in VOWELS:
        return possessed[:-2]
    if possessed[-1:] in set("ıiuü"):
        return possessed[:-1]
    return possessed


def looks_inflected(word: str) -> bool:
    """Does a capitalised word end like an inflected common noun ("Toplantıya")?"""
    return bool(_INFLECTED.search(turkish.lower(word)))


_ABSTRACT: Final = re.compile(r"l[ıiuü]ğ[ıiuü]")


def is_abstract_noun(lowered: str) -> bool:
    """ "başkanlığında", "cumhurbaşkanlığı", "müdürlüğü" (in lower case): an office,
    never a person's name."""
    return _ABSTRACT.search(lowered) is not None
