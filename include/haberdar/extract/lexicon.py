"""Loads the lexicons and gazetteers in haberdar/lexicons once per process."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final

from haberdar import turkish
from haberdar.extract.morphology import BARE_ENDINGS, bare_noun, stems

LEXICON_DIR: Final = Path(__file__).resolve().parent.parent / "lexicons"


@dataclass(frozen=True)
class Head:
    words: tuple[str, ...]
    type: str
    role: str  # "core" names an institution; "unit" is an office inside one
    requires_before: frozenset[str]
    canonical: str | None


@dataclass(frozen=True)
class TitleWord:
    kind: str  # head | modifier | board | unit (bodies inside an institution) | honorific
    implies_head: str | None
    implies_type: str | None


@dataclass(frozen=True)
class KnownInstitution:
    name: str
    acronym: str | None
    type: str
    city: str | None
    aliases: tuple[str, ...]


def lexicon_rows(name: str) -> list[dict[str, str]]:
    with open(LEXICON_DIR / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _words(name: str) -> list[str]:
    with open(LEXICON_DIR / name, encoding="utf-8") as fh:
        return [line.strip() for line in fh if line.strip() and not line.startswith("#")]


class Lexicon:
    def __init__(self) -> None:
        self._load_places()
        self._load_heads()
        self._load_words()
        self._load_gazetteer()

    def _load_places(self) -> None:
        self.provinces: dict[str, str] = {}
        self.province_prefixes: dict[str, set[str]] = defaultdict(set)
        for row in lexicon_rows("provinces.csv"):
            for form in [row["name"], *filter(None, row["aliases"].split("|"))]:
                self.provinces[turkish.key(form)] = row["name"]
            for prefix in row["acronym_prefixes"].split("|"):
                self.province_prefixes[prefix].add(row["name"])
        self.prefixes_of: dict[str, list[str]] = defaultdict(list)  # province -> its acronym prefixes
        for prefix, names in self.province_prefixes.items():
            for name in names:
                self.prefixes_of[name].append(prefix)
        by_district: dict[str, set[str]] = defaultdict(set)
        for row in lexicon_rows("districts.csv"):
            by_district[turkish.key(row["district"])].add(row["province"])
        # A district name shared by two provinces says nothing on its own.
        self.districts = {k: next(iter(v)) for k, v in by_district.items() if len(v) == 1}
        self.countries = {turkish.key(c): c for c in _words("countries.txt")}

    def _load_heads(self) -> None:
        self.heads = [
            Head(
                tuple(row["head"].split()),
                row["type"],
                row["role"],
                frozenset(filter(None, row["requires_before"].split("|"))),
                row["canonical"] or None,
            )
            for row in lexicon_rows("institution_heads.csv")
        ]
        self.heads_by_first: dict[str, list[Head]] = defaultdict(list)
        for head in sorted(self.heads, key=lambda h: -len(h.words)):
            self.heads_by_first[head.words[0]].append(head)
        self.heads_by_last: dict[str, list[Head]] = defaultdict(list)
        for head in self.heads:
            self.heads_by_last[head.words[-1]].append(head)
        self.head_words = {w for h in self.heads for w in h.words if w != "ve"}
        self.head_last_words = {h.words[-1] for h in self.heads}
        # "Ajansı" -> "Ajans": the bare noun takes case endings ("Ajansın", "Odada")
        self.bare_heads: dict[str, set[str]] = defaultdict(set)
        for word in self.head_last_words:
            if word[-1:].islower():
                self.bare_heads[turkish.lower(bare_noun(word))].add(word)

    def _load_words(self) -> None:
        self.titles = {
            row["word"]: TitleWord(row["kind"], row["implies_head"] or None, row["implies_type"] or None)
            for row in lexicon_rows("titles.csv")
        }
        self._title_cache: dict[str, TitleWord | None] = {}
        self._thing_cache: dict[str, bool] = {}
        self._bare_cache: dict[str, frozenset[str]] = {}
        self._province_cache: dict[str, str | None] = {}
        self._heads_cache: dict[str, tuple[Head, ...]] = {}
        self.given_names = {turkish.lower(n) for n in _words("given_names.txt")}
        self.not_institutions = set(_words("not_institutions.txt"))
        self.sentence_starters = set(_words("sentence_starters.txt"))
        self.name_starters = set(_words("name_starters.txt"))
        self.company_titles = set(_words("company_titles.txt"))
        self.function_words: dict[str, tuple[str, ...]] = function_words()
        # the same lists as sets, for the membership questions asked of every token
        self.word_sets = {role: frozenset(words) for role, words in self.function_words.items()}

    def _load_gazetteer(self) -> None:
        self.known: list[KnownInstitution] = []
        self.known_by_key: dict[str, KnownInstitution] = {}
        for row in lexicon_rows("gazetteer.csv"):
            entry = KnownInstitution(
                row["canonical_name"], row["acronym"] or None, row["type"], row["city"] or None,
                tuple(filter(None, row["aliases"].split("|"))),
            )  # fmt: skip
            self.known.append(entry)
            for form in [entry.name, *entry.aliases]:
                self.known_by_key[turkish.key(form)] = entry
        self.known_by_acronym = {e.acronym: e for e in self.known if e.acronym}

    def province_of(self, word: str) -> str | None:
        if word in self._province_cache:  # not try/except: a raised KeyError costs more than a second look-up
            return self._province_cache[word]
        k = turkish.key(word)
        return turkish.remember(self._province_cache, word, self.provinces.get(k) or self.districts.get(k))

    def heads_starting(self, word: str) -> tuple[Head, ...]:
        """The head nouns whose first word this word (or its stem) is, longest
        first, once per word: most words start none."""
        found = self._heads_cache.get(word)
        if found is None:
            heads = (head for stem in stems(word) for head in self.heads_by_first.get(stem, ()))
            found = turkish.remember(self._heads_cache, word, tuple(heads))
        return found

    def bare_head_of(self, word: str) -> frozenset[str]:
        """ "Ajansın", "Oda", "Teknokentte": the head nouns a bare head with a short
        case ending stands for ("Ajansı"); empty for any other word."""
        found = self._bare_cache.get(word)
        if found is None:
            lower = turkish.lower(word)
            heads = (h for bare, heads in self.bare_heads.items()
                     if lower.startswith(bare) and lower[len(bare) :] in BARE_ENDINGS for h in heads)  # fmt: skip
            found = turkish.remember(self._bare_cache, word, frozenset(heads))
        return found

    def names_a_thing(self, lowered: str) -> bool:
        """ "sarayı", "toplantısı", "etkinliği" (in lower case): the noun that ends a
        place's or an event's name, never part of a person's or an institution's."""
        found = self._thing_cache.get(lowered)
        if found is None:
            found = turkish.remember(
                self._thing_cache, lowered, bare_noun(lowered) in self.word_sets["not_name"]
            )
        return found

    def title_word(self, word: str) -> TitleWord | None:
        if word in self._title_cache:
            return self._title_cache[word]
        return turkish.remember(
            self._title_cache, word, self.titles.get(word) or self.titles.get(turkish.capitalize(word))
        )


@cache
def function_words() -> dict[str, tuple[str, ...]]:
    """Closed lists of small words, by role (function_words.csv): abbreviations whose
    full stop ends no sentence, "bulunan"-type words that place an institution, …"""
    found: dict[str, list[str]] = defaultdict(list)
    for row in lexicon_rows("function_words.csv"):
        found[row["role"]].append(row["words"])
    return {role: tuple(words) for role, words in found.items()}


@cache
def allowed_values(table: str) -> tuple[str, ...]:
    """The codes of a reference list ("institution_types", "event_types",
    "agreement_types"): one file feeds the extractor, the quality gates and dbt,
    whose seeds of the same names link to these files."""
    return tuple(row[table.removesuffix("s")] for row in lexicon_rows(f"{table}.csv"))


@cache
def lexicon() -> Lexicon:
    return Lexicon()
