"""Synthetic Turkish industry news for scale measurements only (never for quality
claims): varied templates over all 81 provinces and many institution types,
with persons, visits, meetings, signings, fairs, agreements and dates, plus a
share of duplicates and bad files, as a real inbox has.

    haberdar generate --articles 100000 --out /tmp/inbox
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from haberdar.extract.lexicon import lexicon
from haberdar.turkish import MONTHS

FIRST = ["Ahmet", "Mehmet", "Ayşe", "Fatma", "Mustafa", "Zeynep", "Ali", "Elif", "Hasan", "Emine", "Murat", "Selin",
         "Kemal", "Deniz", "Burak", "Esra", "Osman", "Hülya", "Serkan", "Gül", "İbrahim", "Özlem", "Yusuf", "Derya"]  # fmt: skip
LAST = ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Aydın", "Öztürk", "Arslan", "Doğan", "Kılıç", "Aslan",
        "Çetin", "Kara", "Koç", "Kurt", "Özdemir", "Polat", "Erdem", "Tekin", "Güneş", "Bulut", "Akın", "Uçar"]  # fmt: skip
SECTORS = [
    "Makine",
    "Tekstil",
    "Gıda",
    "Otomotiv",
    "Mobilya",
    "Enerji",
    "Yazılım",
    "Kimya",
    "Plastik",
    "Metal",
]
COMPANY_WORDS = [
    "Anadolu",
    "Yıldız",
    "Atlas",
    "Mavi",
    "Kuzey",
    "Ege",
    "Toros",
    "Zirve",
    "Öncü",
    "Umut",
    "Doruk",
]
MONTH_NAMES = {v: k.capitalize() for k, v in MONTHS.items()}
TOPICS = ["ihracat hedefleri", "yeşil dönüşüm", "dijitalleşme", "nitelikli iş gücü", "yatırım teşvikleri",
          "lojistik sorunları", "Ar-Ge projeleri", "enerji verimliliği"]  # fmt: skip


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


def _date_text(day: date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month]} {day.year}"


def article(rng: random.Random, number: int) -> str:
    """One article: a header, a lead with an event, people with titles, quotes."""
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
        title = f"{city}’da {topic} toplantısı"
        lead = (f"{city} Valisi {p3} başkanlığında {_date_text(event_day)} tarihinde {topic} toplantısı yapıldı. "
                f"Toplantıya {host.name} {host.title} {p1} ile {guest.name} {guest.title} {p2} katıldı.")  # fmt: skip
    elif kind == 2:
        title = f"{host.name} ile {guest.name} arasında iş birliği protokolü"
        lead = (f"{_date_text(event_day)} tarihinde {host.name}{acronym} ile {guest.name} arasında {topic} "
                f"alanında iş birliği protokolü imzalandı. Protokolü {host.title.lower()} {p1} ile {p2} imzaladı.")  # fmt: skip
    else:
        title = f"{city}’da {rng.choice(SECTORS)} Fuarı kapılarını açtı"
        lead = (f"{host.name}{acronym} ve {guest.name} iş birliğinde düzenlenen {rng.choice(SECTORS)} Fuarı, "
                f"{_date_text(event_day)} tarihinde kapılarını açtı. Açılışa {third.name} {third.title} {p3} de katıldı.")  # fmt: skip
    body = (
        f"Görüşmede {topic}, {rng.choice(TOPICS)} ve {rng.choice(TOPICS)} konuları ele alındı. "
        f"{p1.split()[1]}, “{city} sanayisi {rng.choice(TOPICS)} konusunda önemli bir yol katetti. "
        f"Önümüzdeki dönemde de çalışmalarımızı kararlılıkla sürdüreceğiz” dedi.\n\n"
        f"{guest.name} adına konuşan {p2} ise kentin {rng.choice(SECTORS).lower()} sektöründeki potansiyeline "
        f"dikkat çekerek, iş birliğinin bölge ekonomisine katkı sağlayacağını söyledi. Haber no: {number}."
    )
    return f"{_date_text(published)}\n\n{title}\n\n{lead}\n\n{body}\n"


BAD_FILES: list[tuple[str, bytes]] = [
    ("bos.txt", b""),
    ("resim.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)),
    ("english.txt", b"The chamber met the governor to discuss exports and energy prices in the region " * 3),
    ("bozuk.jsonl", b'{"text": eksik\n'),
]


def generate(
    n: int, out: Path, seed: int = 42, bad_share: float = 0.005, duplicate_share: float = 0.01
) -> dict:
    """Write n articles as .txt files in folders of 1,000 (plus duplicates and bad files)."""
    rng = random.Random(seed)
    written = {"articles": 0, "duplicates": 0, "bad": 0}
    previous: str | None = None
    for number, text in enumerate(_stream(rng, n)):
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


def _stream(rng: random.Random, n: int) -> Iterator[str]:
    for number in range(n):
        yield article(rng, number)
