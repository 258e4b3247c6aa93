"""Text normalisation, title, published date, language check and identity."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date

from haberdar import turkish

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Terminal escapes ("\x1b[31m") and control characters, bidirectional overrides
# included: they would reorder or recolour what an analyst's terminal or BI tool shows.
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile("[\u00a0\u2007\u202f\u3000\t]")  # (a regex is faster than str.translate here)
# Site furniture that heads many scraped articles; never a title.
_NOT_TITLES = {"haber", "haberler", "paylaş", "anasayfa", "ana sayfa", "gündem", "ekonomi", "son dakika"}
_TURKISH_WORDS = frozenset(
    ["ve", "bir", "bu", "ile", "için", "de", "da", "olarak", "olan", "ki", "çok", "daha", "en", "gibi", "ise", "ne", "sonra", "kadar", "üzere", "yeni", "büyük", "oldu", "etti", "yaptı", "başkanı", "başkan", "il", "ilçe", "türkiye"]
)  # fmt: skip
_TURKISH_LETTERS = frozenset("çğıöşü")  # lower case: words are lowered first


def normalise_text(text: str) -> str:
    """NFC, LF line endings, no invisible characters, no trailing spaces, at most
    one blank line in a row."""
    text = _CONTROLS.sub("", _ANSI.sub("", text))
    text = _SPACES.sub(" ", _INVISIBLE.sub("", unicodedata.normalize("NFC", text)))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [re.sub(r" {2,}", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def clean_line(text: str) -> str:
    """A one-line field (a feed's or a page's title) as normalised text on one line."""
    return " ".join(normalise_text(text).split())


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def header_lines(text: str, limit: int = 8) -> list[str]:
    return [line for line in text.split("\n") if line.strip()][:limit]


OLDEST_NEWS = date(1990, 1, 1)


def plausible(day: date | None) -> date | None:
    """A publication date between 1990 and a year from now; anything else is a
    misread (a page counter, a typo) and is dropped rather than trusted."""
    if day is None or not OLDEST_NEWS <= day <= date.today().replace(year=date.today().year + 1):
        return None
    return day


def published_date(text: str) -> date | None:
    """The article's own date: a line of the header that holds only a date.
    Dates inside body sentences are events, not the publication date."""
    for line in header_lines(text):
        if turkish.is_date_line(line):
            return plausible(turkish.parse_date(line))
    return None


def title(text: str) -> str | None:
    """The first header line that is neither a date nor site furniture."""
    for line in header_lines(text):
        if turkish.is_date_line(line) or turkish.lower(line).strip(" :") in _NOT_TITLES:
            continue
        if len(line) >= 10:
            return line if len(line) <= 300 else line[:297].rstrip() + "..."
    return None


def looks_turkish(text: str) -> bool:
    """A cheap language check: Turkish function words or letters in a real share
    of the words. Short texts get the benefit of the doubt."""
    # a few hundred words tell; str.lower keeps an English "I" from becoming "ı"
    words = re.findall(r"\w+", text[:1500].replace("İ", "i").lower())
    if len(words) < 20:
        return True
    hits = sum(1 for w in words if w in _TURKISH_WORDS or not _TURKISH_LETTERS.isdisjoint(w))
    return hits / len(words) >= 0.12
