"""Turkish orthography helpers: casing with dotted/dotless i, comparison keys,
apostrophe suffixes and dates written the way Turkish newsrooms write them."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Final, TypeVar

T = TypeVar("T")

APOSTROPHES: Final = "'’`´ʼ"

MONTHS: Final = {
    "ocak": 1, "şubat": 2, "mart": 3, "nisan": 4, "mayıs": 5, "haziran": 6,
    "temmuz": 7, "ağustos": 8, "eylül": 9, "ekim": 10, "kasım": 11, "aralık": 12,
}  # fmt: skip
WEEKDAYS: Final = ("pazartesi", "salı", "çarşamba", "perşembe", "cuma", "cumartesi", "pazar")

_MONTH_RE: Final = "|".join(sorted(MONTHS, key=len, reverse=True))
# "28 Şubat 2026", "3 Mart 2025'te"; case-insensitive on the month name.
_TEXT_DATE: Final = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\s+(\d{{4}})\b", re.IGNORECASE)
# "27.12.2019", "27/12/2019", "27-12-2019"
_NUMERIC_DATE: Final = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4})\b")
_ISO_DATE: Final = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


# (str.replace, not str.translate with a table: a dozen times faster on long text)
def lower(text: str) -> str:
    return text.replace("I", "ı").replace("İ", "i").lower()


def upper(text: str) -> str:
    return text.replace("i", "İ").replace("ı", "I").upper()


def capitalize(word: str) -> str:
    return upper(word[:1]) + lower(word[1:]) if word else word


_AS: Final = re.compile(r"a\.\s*ş\.?")
_SUFFIX: Final = re.compile(rf"[{APOSTROPHES}]\w*")
_PUNCT: Final = re.compile(r"[^\w\s]")
_SPACE: Final = re.compile(r"\s+")


MAX_REMEMBERED: Final = 200_000  # distinct words a word cache holds


def remember(cache: dict[str, T], word: str, answer: T) -> T:
    """Keep `answer` for `word` in a word cache and return it. A cache is a plain
    dict (asked from compiled code: cheaper than functools' caches); a stream of
    ever new words empties it rather than letting it grow."""
    if len(cache) >= MAX_REMEMBERED:
        cache.clear()
    cache[word] = answer
    return answer


_KEYS: Final[dict[str, str]] = {}


def key(text: str) -> str:
    """A comparison key: NFC, Turkish lower case, suffixes after an apostrophe and
    punctuation removed, white space folded. "Odası’nın" and "ODASI" share a key."""
    found = _KEYS.get(text)
    if found is None:
        folded = lower(unicodedata.normalize("NFC", text))
        folded = _SUFFIX.sub("", _AS.sub("aş", folded))
        found = remember(_KEYS, text, _SPACE.sub(" ", _PUNCT.sub(" ", folded)).strip())
    return found


def strip_suffix(word: str) -> str:
    """Remove an apostrophe case suffix: "ASO’nun" -> "ASO", "İzmir'de" -> "İzmir"."""
    for i, ch in enumerate(word):
        if ch in APOSTROPHES and i > 0:
            return word[:i]
    return word


_DIGIT: Final = re.compile(r"\d")
YEARS: Final = range(1900, 2101)  # a news date outside these is a misreading (a number, a typo), not a date


def safe_date(y: int, m: int, d: int) -> date | None:
    if y not in YEARS:
        return None
    try:
        return date(y, m, d)
    except ValueError:  # "31 Nisan", "29 Şubat" of a common year
        return None


# "18 Ekim’de", "5 Mart günü": a day and month whose year the reader knows; not
# "19 Mayıs Üniversitesi" or "29 Ekim Caddesi", where the date is a name.
_DAY_MONTH: Final = re.compile(
    rf"\b(\d{{1,2}})\s+((?i:{_MONTH_RE}))(?=[{APOSTROPHES}]|\s+[a-zçğıöşü]|\s*[,.;]|$)"
)


# Full dates and how to read (year, month, day) from a match.
_FULL_DATES: Final = (
    (_TEXT_DATE, lambda m: (int(m[3]), MONTHS[lower(m[2])], int(m[1]))),
    (_NUMERIC_DATE, lambda m: (int(m[3]), int(m[2]), int(m[1]))),
    (_ISO_DATE, lambda m: (int(m[1]), int(m[2]), int(m[3]))),
)


def _days_in_year(text: str, at: int, year: int, full: list[tuple[int, int]]) -> list[tuple[int, int, date]]:
    """ "18 Ekim’de": a day and month read in the given year (not inside a full date)."""
    return [
        (m.start(), m.end(), d)
        for m in _DAY_MONTH.finditer(text, at)
        if not any(a <= m.start() < b for a, b in full)
        and (d := safe_date(year, MONTHS[lower(m[2])], int(m[1])))
    ]


def find_dates(text: str, year: int | None = None) -> list[tuple[int, int, date]]:
    """Every full date in the text with its character span, in reading order.
    With `year`, a day and month without one ("18 Ekim’de") is read in that year."""
    digit = _DIGIT.search(text)
    if digit is None:  # every date has digits; most sentences have none
        return []
    # every date begins with a digit: the patterns read from the first one on
    # (their \b still sees the character before it)
    at = digit.start()
    found: list[tuple[int, int, date]] = []
    for pattern, parts in _FULL_DATES:
        matches = list(pattern.finditer(text, at))
        if year is not None and pattern is _TEXT_DATE:
            found += _days_in_year(text, at, year, [(m.start(), m.end()) for m in matches])
        found += [(m.start(), m.end(), d) for m in matches if (d := safe_date(*parts(m)))]
    return sorted(found)


def parse_date(text: str) -> date | None:
    """The first date in a short string, or None."""
    dates = find_dates(text)
    return dates[0][2] if dates else None


_DATE_LINE_NOISE: Final = re.compile(
    rf"\b({'|'.join(WEEKDAYS)})\b|\b\d{{1,2}}[:.]\d{{2}}\b|[|,\-–—]|\b(yayın|yayınlanma|tarihi|güncelleme)\b",
    re.IGNORECASE,
)


def is_date_line(line: str) -> bool:
    """True for a header line that is only a date ("28 Şubat 2026 Cumartesi",
    "27.12.2019", "Yayın tarihi: 03.05.2024 10:15")."""
    dates = find_dates(line)
    if not dates:
        return False
    rest = line
    for start, end, _ in reversed(dates):
        rest = rest[:start] + rest[end:]
    rest = _DATE_LINE_NOISE.sub(" ", rest)
    return not re.sub(r"[\s:]", "", rest)
