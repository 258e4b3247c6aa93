"""One article in, its facts out: the extraction pipeline over a document.

normalised text -> sentences -> institution names -> roles and persons ->
every mention -> cities -> events and agreements. Every row keeps the sentence
it was read from and its character offsets in the landed text."""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from haberdar import turkish
from haberdar.extract.events import Agreement, Event, EventReader, PersonSpan
from haberdar.extract.institutions import (
    LOCAL_TYPES,
    Entity,
    MentionFinder,
    NameFinder,
    Provinces,
    Registry,
    Span,
    acronym_guess,
    city_from_name,
    compose_name,
    gazetteer_finder,
    parenthetical,
)
from haberdar.extract.lexicon import Lexicon, lexicon
from haberdar.extract.roles import Person, RoleFinder, lemma_title
from haberdar.extract.text import Sentence, Token, split_sentences


@dataclass
class Facts:
    """Everything read from one article, ready to become rows."""

    sentences: list[Sentence]
    entities: list[Entity]
    mentions: dict[int, list[Span]]  # sentence index -> institution spans
    persons: list[Person]
    events: list[Event]
    agreements: list[Agreement]
    mention_counts: dict[int, int] = field(default_factory=dict)  # id(entity) -> count


def _name_words(sentences: list[Sentence]) -> set[str]:
    """Words the article capitalises mid-sentence: names, not sentence starts."""
    return {t.base for s in sentences if not s.is_heading for t in s.tokens[1:] if t.is_cap}


def _branch(sentence: Sentence, last: int, lex: Lexicon) -> bool:
    """Is a national institution's name followed by a province and "İl"/"İlçe"
    ("KOSGEB Eskişehir İl Müdürü"): its local branch, not the institution?"""
    following = sentence.tokens[last + 1 : last + 3]
    return (
        len(following) == 2
        and bool(lex.province_of(following[0].base))
        and following[1].base in {"İl", "İlçe"}
    )


def _find_names(sentences: list[Sentence], registry: Registry, lex: Lexicon, name_words: set[str]) -> None:
    finder, gazetteer = NameFinder(lex, name_words), gazetteer_finder()
    for s in sentences:
        named: set[int] = set()  # tokens inside a name built around a head noun
        for first, name_last, span_last, head in finder.find(s):
            named.update(range(first, span_last + 1))
            acronym, alias, _ = parenthetical(s.tokens, span_last)
            if acronym in lex.not_institutions:
                acronym = None
            name, written = compose_name(s, first, name_last, head)
            # "Karadeniz Ülkeleri Ticaret Birliği": a body of states, whatever its head
            international = any(t.lower in lex.word_sets["international"] for t in s.tokens[first:name_last])
            entity = registry.add(
                name,
                "other" if international else head.type,
                "head",
                acronym=acronym,
                alias=alias,
                confirmed=not s.is_heading,
            )
            if written != name:
                entity.aliases.add(written)
                registry.remember(entity)
        for m in gazetteer.find(s):
            if m.token_start in named or _branch(s, m.token_end, lex):
                continue  # "KOSGEB Eskişehir İl Müdürlüğü" is the directorate, not KOSGEB itself
            e = m.entity
            registry.add(
                e.name, e.type, "gazetteer", acronym=e.acronym, city=e.city, confirmed=not s.is_heading
            )


def _acronym_bodies(sentences: list[Sentence], registry: Registry, lex: Lexicon, provinces: set[str]) -> None:
    """An institution named only by an acronym no text spells out: "TEPAV heyeti",
    "BOSTAŞ yönetimiyle", "OSBÜK ve TEPAV arasında" (beside a known institution)."""
    for s in sentences:
        tokens = s.tokens
        for i in [i for i, t in enumerate(tokens) if t.is_acronym and len(t.base) >= 3]:
            tok = tokens[i]
            if (
                tok.base in lex.not_institutions
                or not _body_frame(tokens, i, registry, lex)
                or _after_given_name(tokens, i, lex)
            ):
                continue  # no institutional frame, or a surname in capitals ("Ali KAYA")
            if not registry.find(tok.base):
                type_, city = acronym_guess(tok.base, lex, provinces)
                registry.add(
                    tok.base, type_, "acronym", acronym=tok.base, city=city, confirmed=not s.is_heading
                )


def _after_given_name(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """Does a capitalised word that may be a given name stand before token i
    (not the sentence's first word, which is capitalised anyway: "Fuar BOLFAŞ …")?"""
    before = tokens[i - 1] if i else None
    if before is None or not before.is_cap or before.suffix:
        return False
    return i > 1 or before.lower in lex.given_names


def _body_frame(tokens: list[Token], i: int, registry: Registry, lex: Lexicon) -> bool:
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if nxt is not None and not tokens[i].suffix and nxt.lower.startswith(lex.function_words["acronym_frame"]):
        return True
    # "OSBÜK ve TEPAV" (a known institution ends before), "TEPAV ile Sarıçam OSB" (one starts after)
    before = i >= 2 and tokens[i - 1].base in {"ve", "ile"} and registry.find(tokens[i - 2].base)
    after = (
        i + 2 < len(tokens) and tokens[i + 1].base in {"ve", "ile"} and _starts_known(tokens[i + 2], registry)
    )
    return bool(before or after)


def _starts_known(tok: Token, registry: Registry) -> bool:
    return any(e.name.split()[0] == tok.base or e.acronym == tok.base for e in registry.entities)


def _place_of(sentence: Sentence, token_start: int, lex: Lexicon) -> str | None:
    """ "Çorlu’da bulunan Trakya Yazılım Kümesi" -> Tekirdağ."""
    tokens = sentence.tokens
    for words in lex.function_words["located"]:  # "bulunan", "faaliyet gösteren"
        n = words.count(" ") + 1
        k = token_start - n
        if k >= 1 and " ".join(t.base for t in tokens[k:token_start]) == words:
            place = tokens[k - 1]
            return lex.province_of(place.base) if place.suffix else None
    return None


def _assign_cities(facts: Facts, lex: Lexicon, home: str | None) -> None:
    for s in facts.sentences:
        for span in facts.mentions.get(s.index, []):
            e = span.entity
            e.city = e.city or city_from_name(e.name, lex) or _place_of(s, span.token_start, lex)
    for e in facts.entities:
        national = turkish.key(e.name) in lex.known_by_key
        e.city = (
            e.city
            or city_from_name(e.name, lex)
            or (home if e.type in LOCAL_TYPES and not national else None)
        )
        # "2. Organize Sanayi Bölgesi" names nothing until its city is said
        if e.city and re.match(r"^\d+\.\s", e.name):
            e.aliases.add(e.name)
            e.name = f"{e.city} {e.name}"


def _persons(sentences: list[Sentence], roles_by_sentence: dict) -> list[Person]:
    persons: dict[str, Person] = {}
    longer: dict[str, str] = {}  # "tayyip erdoğan" -> the first key it ends ("recep tayyip erdoğan")
    for s in sentences:
        if s.is_heading:
            continue
        for role in roles_by_sentence.get(s.index, []):
            for a, b in role.names:
                name = " ".join(t.base for t in s.tokens[a : b + 1])
                key = _person_key(name, persons, longer)
                person = persons.setdefault(key, Person(name, lemma_title(role.title) or None, role.entity))
                person.entity = person.entity or role.entity
                person.mentions.append((s.index, s.tokens[a].start, s.tokens[b].base_end))
    _surname_mentions(sentences, roles_by_sentence, list(persons.values()))
    return list(persons.values())


def _surname_mentions(sentences: list[Sentence], roles_by_sentence: dict, persons: list[Person]) -> None:
    """ "Yılmaz" alone is a mention of the article's only person of that surname."""
    by_surname = defaultdict(list)
    for p in persons:
        by_surname[p.surname].append(p)
    for s in sentences:
        for role in roles_by_sentence.get(s.index, []):
            for i in role.surnames:
                candidates = by_surname.get(turkish.key(s.tokens[i].base), [])
                if len(candidates) == 1:
                    tok = s.tokens[i]
                    candidates[0].mentions.append((s.index, tok.start, tok.base_end))


def _person_key(name: str, persons: dict[str, Person], longer: dict[str, str]) -> str:
    """A person's key: "Tayyip Erdoğan" after "Recep Tayyip Erdoğan" is the same
    person, named shorter (found among the word endings of the names met so far,
    not by a scan of every name)."""
    key = turkish.key(name)
    if " " in key:
        key = longer.get(key, key)
    if key not in persons:
        words = key.split()
        for n in range(1, len(words)):
            longer.setdefault(" ".join(words[n:]), key)
    return key


def _dateline_end(sentence: Sentence) -> int:
    """Index of the last token of a dateline credit ("KOCAELİ (DHA) -"), or -1.
    The news agency in it reported the story; it did not take part in it."""
    tokens = sentence.tokens
    for k in range(1, min(6, len(tokens) - 3)):
        if (tokens[k].text == "(" and tokens[k + 1].is_acronym and tokens[k + 2].text == ")"
                and tokens[k + 3].text in {"-", "–", "—"} and all(t.is_acronym for t in tokens[:k])):  # fmt: skip
            return k + 3
    return -1


def _roles(sentences: list[Sentence], registry: Registry, lex: Lexicon, name_words: set[str],
           provinces: Provinces) -> dict:  # fmt: skip
    """Roles sentence by sentence; then one institution under two forms becomes one,
    and a headline name that a body sentence's role refers to is confirmed."""
    role_finder = RoleFinder(lex, registry, set(provinces.everywhere), name_words, provinces.home())
    roles_by_sentence = {s.index: role_finder.find(s) for s in sentences}
    merged = registry.merge_forms()
    registry.adopt_acronyms({t.base for s in sentences if not s.is_heading for t in s.tokens if t.is_acronym})
    for s in sentences:
        for role in roles_by_sentence[s.index]:
            role.entity = merged.get(id(role.entity), role.entity)
            if role.entity is not None and not s.is_heading:
                role.entity.confirmed = True
    return roles_by_sentence


def _mentions(
    sentences: list[Sentence], entities: list[Entity], roles_by_sentence: dict
) -> dict[int, list[Span]]:
    """Every mention of every institution, by name or through a role ("ASO Başkanı")."""
    finder = MentionFinder(entities)
    mentions: dict[int, list[Span]] = {}
    for s in sentences:
        spans = finder.find(s)
        first: dict[int, int] = {}  # id(entity) -> where its first span in the sentence starts
        for sp in spans:
            first[id(sp.entity)] = min(sp.token_start, first.get(id(sp.entity), sp.token_start))
        for role in roles_by_sentence[s.index]:
            covered = first.get(id(role.entity), role.title_start + 1) <= role.title_start
            if role.entity is not None and role.entity.confirmed and not covered:
                spans.append(Span(role.entity, role.org_start, role.title_end))
                first[id(role.entity)] = min(role.org_start, first.get(id(role.entity), role.org_start))
        mentions[s.index] = sorted(spans, key=lambda sp: sp.token_start)
    return mentions


def _events(facts: Facts, lex: Lexicon, published: date | None) -> None:
    people_by_sentence: dict[int, list[PersonSpan]] = defaultdict(list)
    starts: dict[int, list[int]] = {}  # sentence -> its tokens' starts, in order (bisected, not scanned)
    for p in facts.persons:
        for sentence_index, start, _ in p.mentions:
            if sentence_index not in starts:
                starts[sentence_index] = [t.start for t in facts.sentences[sentence_index].tokens]
            token = bisect.bisect_left(starts[sentence_index], start)
            people_by_sentence[sentence_index].append(PersonSpan(p.full_name, p.entity, token))
    reader = EventReader(lex, published)
    for s in facts.sentences:
        credit = _dateline_end(s)
        spans = [sp for sp in facts.mentions[s.index] if sp.token_start > credit]
        reader.read(s, spans, people_by_sentence[s.index])
    facts.events, facts.agreements = reader.finish()


def extract_facts(text: str, published: date | None = None) -> Facts:
    lex = lexicon()
    sentences = split_sentences(text)
    registry = Registry(lex)
    name_words = _name_words(sentences)
    _find_names(sentences, registry, lex, name_words)
    provinces = Provinces.count(sentences, lex)
    _acronym_bodies(sentences, registry, lex, set(provinces.everywhere))
    roles_by_sentence = _roles(sentences, registry, lex, name_words, provinces)
    persons = _persons(sentences, roles_by_sentence)
    entities = [e for e in registry.entities if e.confirmed]
    mentions = _mentions(sentences, entities, roles_by_sentence)
    counts = Counter(id(sp.entity) for spans in mentions.values() for sp in spans)
    facts = Facts(sentences, entities, mentions, persons, [], [], dict(counts))
    _assign_cities(facts, lex, provinces.dominant())
    _events(facts, lex, published)
    return facts
