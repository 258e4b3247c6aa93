"""Synthetic Turkish industry news for scale measurements only (never for quality
claims): varied templates over all 81 provinces and many institution types,
with persons, visits, meetings, signings, fairs, agreements and dates, plus a
share of duplicates and bad files, as a real inbox has.

    haberdar generate --articles 100000 --out /tmp/inbox
"""

from __future__ import annotations

import math
import random
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from haberdar.extract.lexicon import lexicon
from haberdar.extract.morphology import FRONT_VOWELS, VOICELESS, VOWELS
from haberdar.turkish import MONTHS, lower

MONTH_NAMES = {v: k.capitalize() for k, v in MONTHS.items()}
WORDS = tomllib.loads((Path(__file__).with_name("generate.toml")).read_text(encoding="utf-8"))
FIRST, LAST, SECTORS = WORDS["first_names"], WORDS["last_names"], WORDS["sectors"]
COMPANY_WORDS, TOPICS, SENTENCES = WORDS["company_words"], WORDS["topics"], WORDS["sentences"]


@dataclass
class Org:
    name: str
    acronym: str | None
    title: str  # the title of its head ("Başkanı", "Rektörü")


def _orgs(rng: random.Random, city: str) -> list[Org]:
    sector, word = rng.choice(SECTORS), rng.choice(COMPANY_WORDS)
    initial = city[0].upper()
    return [
        Org(f"{city} Ticaret ve Sanayi Odası", f"{initial}TSO", "Yönetim Kurulu Başkanı"),
        Org(f"{city} Organize Sanayi Bölgesi", None, "Başkanı"),
        Org(f"{city} Üniversitesi", None, "Rektörü"),
        Org(f"{city} Teknokent", None, "Genel Müdürü"),
        Org(f"{city} Büyükşehir Belediyesi", None, "Genel Sekreteri"),
        Org(f"{word} {sector} AŞ", None, "Genel Müdürü"),
        Org(f"{city} {sector} Kümesi", None, "Koordinatörü"),
        Org(f"{city} Sanayici ve İş İnsanları Derneği", None, "Başkanı"),
    ]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def locative(name: str) -> str:
    """ "Giresun’da", "Gaziantep’te", "İzmir’de": the ending follows the last vowel
    (front or back) and the last letter (voiceless consonants harden d to t)."""
    last_vowel = next((c for c in reversed(lower(name)) if c in VOWELS), "a")
    consonant = "t" if name[-1] in VOICELESS else "d"
    return f"{name}’{consonant}{'e' if last_vowel in FRONT_VOWELS else 'a'}"


def _date_text(day: date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month]} {day.year}"


# news: real articles' length and name density; light: the first, shorter profile
PROFILES = ("news", "light")
MEDIAN_CHARS, SPREAD = 1100, 0.6  # lengths drawn log-normally: mean ≈ 1,400, the seeds' 3,000+ in the tail


def article(rng: random.Random, number: int, profile: str = PROFILES[0]) -> str:
    """One article: a header, a lead with an event, people with titles, quotes;
    in the news profile, paragraphs more until it reaches a length drawn like
    real news' (bench/article_profile.py compares them)."""
    provinces = sorted(set(lexicon().provinces.values()))
    city = rng.choice(provinces)
    orgs = rng.sample(_orgs(rng, city), 3)
    host, guest, third = orgs
    published = date(2020, 1, 1) + timedelta(days=rng.randrange(2200))
    event_day = published - timedelta(days=rng.randrange(3))
    p1, p2, p3 = _person(rng), _person(rng), _person(rng)
    topic = rng.choice(TOPICS)
    acronym = f" ({host.acronym})" if host.acronym else ""
    kind = rng.randrange(4)
    if kind == 0:
        title = f"{host.name} heyetinden {guest.name}’ne ziyaret"
        lead = (f"{host.name}{acronym} {host.title} {p1} ve beraberindeki heyet, {guest.name} {guest.title} "
                f"{p2} ile bir araya geldi.")  # fmt: skip
    elif kind == 1:
        title = f"{locative(city)} {topic} toplantısı"
        lead = (f"{city} Valisi {p3} başkanlığında {_date_text(event_day)} tarihinde {locative(city)} {topic} "
                f"toplantısı yapıldı. "
                f"Toplantıya {host.name} {host.title} {p1} ile {guest.name} {guest.title} {p2} katıldı.")  # fmt: skip
    elif kind == 2:
        title = f"{host.name} ile {guest.name} arasında iş birliği protokolü"
        lead = (f"{_date_text(event_day)} tarihinde {host.name}{acronym} ile {guest.name} arasında {topic} "
                f"alanında iş birliği protokolü imzalandı. Protokolü {host.title.lower()} {p1} ile {p2} imzaladı.")  # fmt: skip
    else:
        title = f"{locative(city)} {rng.choice(SECTORS)} Fuarı kapılarını açtı"
        lead = (f"{host.name}{acronym} ve {guest.name} iş birliğinde düzenlenen {rng.choice(SECTORS)} Fuarı, "
                f"{_date_text(event_day)} tarihinde {locative(city)} kapılarını açtı. Açılışa {third.name} {third.title} {p3} de katıldı.")  # fmt: skip
    body = (
        f"Görüşmede {topic}, {rng.choice(TOPICS)} ve {rng.choice(TOPICS)} konuları ele alındı. "
        f"{p1.split()[1]}, “{city} sanayisi {rng.choice(TOPICS)} konusunda önemli bir yol katetti. "
        f"Önümüzdeki dönemde de çalışmalarımızı kararlılıkla sürdüreceğiz” dedi.\n\n"
        f"{guest.name} adına konuşan {p2} ise kentin {rng.choice(SECTORS).lower()} sektöründeki potansiyeline "
        f"dikkat çekerek, iş birliğinin bölge ekonomisine katkı sağlayacağını söyledi. Haber no: {number}."
    )
    text = f"{_date_text(published)}\n\n{title}\n\n{lead}\n\n{body}\n"
    if profile == "light":
        return text
    target = min(9000, max(350, round(rng.lognormvariate(math.log(MEDIAN_CHARS), SPREAD))))
    if target < len(text):  # a short news item: the lead and its first paragraph
        return text.rsplit("\n\n", 2)[0] + "\n"
    while len(text) < target:
        text += (
            " ".join(_sentence(rng, city, provinces, event_day) for _ in range(rng.randint(1, 3))) + "\n\n"
        )
    return text


def _sentence(rng: random.Random, city: str, provinces: list[str], day: date) -> str:
    """One of the news profile's sentences, filled with institutions of the city
    (now and then of another province) and new persons."""
    place = city if rng.random() < 0.8 else rng.choice(provinces)
    org, org2 = rng.sample(_orgs(rng, place), 2)
    person = _person(rng)
    return rng.choice(SENTENCES).format(
        org=org.name, title=org.title, person=person, org2=org2.name, title2=org2.title, person2=_person(rng),
        surname=person.split()[1], city=place, topic=rng.choice(TOPICS), sector=rng.choice(SECTORS),
        sector2=rng.choice(SECTORS).lower(), n=rng.randint(12, 480), m=rng.randint(40, 900),
        date=_date_text(day - timedelta(days=rng.randrange(30))),
    )  # fmt: skip


BAD_FILES: list[tuple[str, bytes]] = [
    ("bos.txt", b""),
    ("resim.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)),
    ("english.txt", b"The chamber met the governor to discuss exports and energy prices in the region " * 3),
    ("bozuk.jsonl", b'{"text": eksik\n'),
]


def generate(n: int, out: Path, seed: int = 42, bad_share: float = 0.005, duplicate_share: float = 0.01,
             profile: str = PROFILES[0]) -> dict:  # fmt: skip
    """Write n articles as .txt files in folders of 1,000 (plus duplicates and bad files)."""
    rng = random.Random(seed)
    written = {"articles": 0, "duplicates": 0, "bad": 0}
    previous: str | None = None
    for number in range(n):
        text = article(rng, number, profile)
        folder = out / f"{number // 1000:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"haber_{number:07d}.txt").write_text(text, encoding="utf-8")
        written["articles"] += 1
        if previous and rng.random() < duplicate_share:  # the same story under another name
            (folder / f"kopya_{number:07d}.txt").write_text(previous, encoding="utf-8")
            written["duplicates"] += 1
        if rng.random() < bad_share:
            name, data = rng.choice(BAD_FILES)
            (folder / f"{number:07d}_{name}").write_bytes(data)
            written["bad"] += 1
        previous = text
    return written
