"""The benchmark's generated news reads like news: endings agree with the word,
and the events it reports carry what real reports carry (a place)."""

import random

import pytest

from haberdar.extract.document import extract_facts
from haberdar.generate import PROFILES, article, locative


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Giresun", "Giresun’da"), ("Gaziantep", "Gaziantep’te"), ("İzmir", "İzmir’de"), ("Sinop", "Sinop’ta"),
     ("Kırşehir", "Kırşehir’de"), ("Rize", "Rize’de"), ("Bartın", "Bartın’da"), ("Ağrı", "Ağrı’da")],
)  # fmt: skip
def test_the_locative_ending_follows_the_last_vowel_and_letter(name, expected):
    assert locative(name) == expected


@pytest.mark.parametrize("profile", PROFILES)
def test_generated_meetings_and_fairs_take_place_in_a_city(profile):
    rng = random.Random(5)
    events = [e for n in range(60) for e in extract_facts(article(rng, n, profile)).events]
    with_city = [e for e in events if e.city]
    assert len(with_city) >= len(events) / 5
