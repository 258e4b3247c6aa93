"""Whether a page is in Turkish: Haberdar's extractor reads Turkish only, so a
page in another language is quarantined rather than landed. (Kept out of
haberdar.turkish, whose every edit is a new extractor version.)"""

from __future__ import annotations

# letters only Turkish (of the languages a Turkish newsroom's pages come in) writes:
# about one letter in twenty of Turkish prose, none of English, German or French
ONLY_TURKISH_LETTERS = frozenset("ıİşŞğĞ")
MIN_LETTERS = 200  # fewer than this: too short to tell


def looks_turkish(text: str, min_share: float = 0.005) -> bool:
    """At least min_share of the letters are letters only Turkish writes (ı, ş, ğ)."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < MIN_LETTERS:
        return True
    return sum(c in ONLY_TURKISH_LETTERS for c in letters) >= min_share * len(letters)
