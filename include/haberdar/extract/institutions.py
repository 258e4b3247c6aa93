"""Institutions: names built around a head noun ("... Sanayi Odası"), their
acronyms and aliases, national institutions from the gazetteer, and every later
mention of them in the article."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Final

from haberdar import turkish
from haberdar.extract.lexicon import Head, Lexicon, lexicon
from haberdar.extract.morphology import bare_noun, head_form, looks_inflected
from haberdar.extract.text import Sentence, Token

# Head roles that give a name its type and end ("core"), that a capitalised word
# before them turns into a company ("sector": Tekstil, Mobilya) or that only mark
# the words before them as a company's name ("marker": firması, şirketi).
NAMING_ROLES: Final = frozenset({"core", "sector", "marker"})
# Heads that, right after another institution's name, name a part of it: "Ege
# Üniversitesi Mühendislik Fakültesi". (A research centre of a university is an
# institution; a venue never is: "venue" heads in institution_heads.csv.)
PART_TYPES: Final = {"university"}
# Types whose names are exact: a shorter one is another body, not a short form.
EXACT_NAMES: Final = {"ministry", "government_agency"}
# Types whose home city, when the name gives none, is the article's own city.
LOCAL_TYPES: Final = {"company", "industrial_zone", "chamber", "university", "technopark"}
# Upper-case endings of chamber and zone acronyms: ŞUTSO, GTSO, İZTO, ESOSB.
ACRONYM_TYPES: Final = {
    "TSO": "chamber", "SO": "chamber", "TO": "chamber", "TB": "chamber", "OSB": "industrial_zone",
    "SİAD": "association", "İAD": "association", "DER": "association",
}  # fmt: skip


@dataclass(eq=False)  # identity: two entities with equal fields are still two institutions
class Entity:
    """One institution as this article knows it."""

    name: str
    type: str
    how: str
    acronym: str | None = None
    city: str | None = None
    aliases: set[str] = field(default_factory=set)
    confirmed: bool = False  # seen outside a headline
    # the keys of its forms, kept until the name, acronym or aliases change (aliases only grow)
    _keys: tuple[tuple, set[str]] = field(default=((), set()), repr=False)

    def match_keys(self) -> set[str]:
        stamp = (self.name, self.acronym, len(self.aliases))
        if self._keys[0] != stamp:
            self._keys = (stamp, {turkish.key(f) for f in self.forms()})
        return self._keys[1]

    def forms(self) -> set[str]:
        forms = {self.name, *self.aliases}
        for form in lexicon().function_words["company_form"]:
            if self.name.endswith(" " + form):
                forms.add(self.name[: -len(form) - 1])
        if self.acronym:
            forms.add(self.acronym)
        return forms


@dataclass
class Span:
    """An institution named in a sentence (by name, role or person), as token indices."""

    entity: Entity
    token_start: int
    token_end: int


class Registry:
    """The institutions of one article, merged by name, acronym and alias."""

    def __init__(self, lex: Lexicon):
        self.lex = lex
        self.entities: list[Entity] = []
        # key -> the first entity (in order) that has it. An entity's keys only grow
        # (a replaced name stays an alias), so adding its keys keeps the index right;
        # only a removal rebuilds it. One look-up per find, not a scan of every entity.
        self._index: dict[str, Entity] | None = None
        self._by_last: dict[str, dict[int, Entity]] = {}  # last word of a name -> entities (maybe stale)
        self._type_counts: Counter[str | None] = Counter()

    def find(self, surface: str) -> Entity | None:
        if self._index is None:
            self._index, self._by_last = {}, {}
            for e in self.entities:
                self.remember(e)
        return self._index.get(turkish.key(surface))

    def remember(self, entity: Entity) -> None:
        """Index an entity's current keys (after it was added or grew a name)."""
        if self._index is not None:
            for key in entity.match_keys():
                self._index.setdefault(key, entity)
            self._by_last.setdefault(entity.name.rsplit(" ", 1)[-1], {})[id(entity)] = entity

    def named_ending(self, words: Collection[str]) -> Iterator[Entity]:
        """The entities whose name ends with one of the words, each once."""
        self.find("")  # the indexes, built
        seen: set[int] = set()
        for word in words:
            for e in self._by_last.get(word, {}).values():
                if id(e) not in seen and e.name.endswith(" " + word):  # an old name's entry is stale
                    seen.add(id(e))
                    yield e

    def types(self) -> set[str]:
        """The institution types the article has so far (counted as entities come and go)."""
        return {t for t, n in self._type_counts.items() if n > 0 and t is not None}

    def add(self, name: str, type_: str, how: str, *, acronym: str | None = None,
            alias: str | None = None, city: str | None = None, confirmed: bool = True) -> Entity:  # fmt: skip
        known = self.lex.known_by_key.get(turkish.key(name)) or (
            self.lex.known_by_acronym.get(acronym) if acronym else None
        )
        if known:
            name, type_ = known.name, known.type
            acronym, city = acronym or known.acronym, city or known.city
            alias = alias or None
        entity = self.find(name) or (self.find(acronym) if acronym else None)
        old_type = entity.type if entity is not None else None
        if entity is None:
            entity = Entity(name, type_, how)
            self.entities.append(entity)
        elif (
            len(name) > len(entity.name)
            and entity.acronym
            and turkish.key(entity.name) == turkish.key(entity.acronym)
        ):
            entity.aliases.add(entity.name)  # a long form replaces a name that was only an acronym
            entity.name, entity.type = name, type_
        if known:
            entity.aliases.update(known.aliases)
        elif turkish.key(name) != turkish.key(entity.name):
            entity.aliases.add(name)
        if acronym and not entity.acronym:
            entity.acronym = acronym
        if alias:
            entity.aliases.add(alias)
        entity.city = entity.city or city
        entity.confirmed = entity.confirmed or confirmed
        if entity.type == "other" and entity.how == "acronym":
            entity.type = type_  # "DAÜ ile İTÜ …", then "DAÜ Rektörü": a university
        if entity.type != old_type:
            self._type_counts[old_type] -= 1
            self._type_counts[entity.type] += 1
        self.remember(entity)
        return entity

    def merge_forms(self) -> dict[int, Entity]:
        """One institution written two ways in one article becomes one entity: an
        acronym spelled by the name's initials with no parentheses ("ETO" for
        Eskişehir Ticaret Odası), or a shorter form of a longer name with the same
        head ("Yenidoğu Üniversitesi" for Kırıkkale Yenidoğu Üniversitesi). Returns
        id(merged entity) -> the entity it became."""
        merged: dict[int, Entity] = {}
        # who may be the longer form, found through indexes (by name word, by
        # initials) rather than by a scan of every entity for each one: n², with
        # thousands of names in an article
        by_word: dict[str, list[Entity]] = defaultdict(list)
        by_initials: dict[str, list[Entity]] = defaultdict(list)
        for e in self.entities:
            for word in dict.fromkeys(turkish.key(e.name).split()):
                by_word[word].append(e)
            for form in initials(e.name, self.lex):
                by_initials[form].append(e)
        for short in list(self.entities):
            target = self._longer_form(short, by_word, by_initials, merged)
            if target is None:
                continue
            target.aliases |= {short.name, *short.aliases} - {target.name}
            target.acronym = target.acronym or short.acronym
            target.confirmed = target.confirmed or short.confirmed
            self.entities.remove(short)
            self._index = None  # a removal: rebuilt at the next find
            self._type_counts[short.type] -= 1
            merged[id(short)] = target
        return merged

    def adopt_acronyms(self, words: set[str]) -> None:
        """ "AKTSO’nun" in an article that names Akçadere Ticaret ve Sanayi Odası, with
        no parentheses anywhere: the acronym is that institution's, if it fits no other."""
        words = {w for w in words if w not in self.lex.not_institutions}
        owners: dict[str, list[Entity]] = defaultdict(list)
        for e in self.entities:
            if not e.acronym:
                for form in initials(e.name, self.lex) & words:
                    owners[form].append(e)
        for form, found in owners.items():
            if len(found) == 1 and not found[0].acronym:
                found[0].acronym = form
                self.remember(found[0])

    def _longer_form(
        self, short: Entity, by_word: dict[str, list[Entity]], by_initials: dict[str, list[Entity]],
        merged: dict[int, Entity],
    ) -> Entity | None:  # fmt: skip
        words = turkish.key(short.name).split()
        if short.acronym and short.name == short.acronym:
            candidates, fits = by_initials.get(short.acronym, []), lambda e: True
        elif short.type in EXACT_NAMES:
            return None  # "Sanayi Genel Müdürlüğü" is no short form of "Sanayi Bölgeleri Genel Müdürlüğü"
        elif (len(words) >= 2 and not self.lex.province_of(words[0])) or len(words) > 2:
            # a longer form has every word of the short one: those named with its rarest word
            candidates = min((by_word.get(w, []) for w in words), key=len)
            fits = lambda e: _shorter_form(words, e.name)  # noqa: E731
        else:
            return None  # "İstanbul Üniversitesi" is no short form of "İstanbul Teknik Üniversitesi"
        found = [e for e in candidates if e is not short and id(e) not in merged and fits(e)]
        return found[0] if len(found) == 1 else None


@lru_cache(maxsize=50_000)
def initials(name: str, lex: Lexicon) -> frozenset[str]:
    """Acronyms a name may go by: its words' initials ("ETO"), "ve" left out, the
    first word's first letters standing for a province ("AKTSO", "GATSO")."""
    words = [w for w in name.split() if w != "ve" and w[:1].isalpha()]
    if len(words) < 2:
        return frozenset()
    rest = "".join(turkish.upper(w[0]) for w in words[1:])
    first = turkish.upper(words[0])
    forms = {first[:n] + rest for n in (1, 2, 3)}
    forms |= {p + rest for p in lex.prefixes_of.get(words[0], ())}
    return frozenset(forms)


def _shorter_form(words: list[str], longer: str) -> bool:
    """Are `words` the longer name's words, some left out, with the same last one?"""
    other = turkish.key(longer).split()
    if len(other) <= len(words) or bare_noun(other[-1]) != bare_noun(words[-1]):
        return False
    rest = iter(other)
    return all(w in rest for w in words)


def match_head(tokens: list[Token], i: int, lex: Lexicon) -> tuple[Head, int] | None:
    """The longest head noun starting at token i, and the index of its last token."""
    for head in lex.heads_starting(tokens[i].base):
        n = len(head.words)
        if i + n > len(tokens):
            continue
        if all(
            head_form(tokens[i + k].base, w)
            if k == n - 1
            else tokens[i + k].base == w and not tokens[i + k].suffix
            for k, w in enumerate(head.words)
        ):
            return head, i + n - 1
    return None


def ends_head(tokens: list[Token], k: int, lex: Lexicon) -> bool:
    """Does a whole head noun end at token k ("… Sanayi Odası", "… OSB"; not the
    "Bölgesi" of "Ege Bölgesi")?"""
    for head in lex.heads_by_last.get(tokens[k].base, ()):
        n = len(head.words)
        if k + 1 >= n and all(tokens[k - n + 1 + m].base == w for m, w in enumerate(head.words)):
            return True
    return False


def name_like(tok: Token, lex: Lexicon, name_words: set[str]) -> bool:
    """Can a sentence-initial capitalised word be part of a name? An acronym, a
    place or a word the article also capitalises mid-sentence can; a connective
    ("Ayrıca") or an inflected word ("Toplantıya") cannot; other words can."""
    if tok.is_acronym or tok.base in name_words or tok.base.endswith("."):
        return True
    if lex.province_of(tok.base) or tok.base in lex.name_starters:
        return True
    return tok.base not in lex.sentence_starters and not looks_inflected(tok.base)


def _is_modifier(tok: Token) -> bool:
    if tok.suffix or not tok.is_word:
        return False
    return tok.is_cap or (tok.base[0].isdigit() and tok.base.endswith("."))


class NameFinder:
    """Finds names built around head nouns in one sentence."""

    def __init__(self, lex: Lexicon, name_words: set[str]):
        self.lex = lex
        self.name_words = name_words  # words seen capitalised mid-sentence in this article

    def _name_like(self, tok: Token) -> bool:
        return name_like(tok, self.lex, self.name_words)

    def _inflected_head(self, tok: Token) -> bool:
        """ "Başkanlığında": a head noun with a case ending ends whatever came before it."""
        hit = match_head([tok], 0, self.lex)
        return hit is not None and tok.base not in self.lex.head_words

    def _connects(self, tokens: list[Token], j: int, i: int) -> bool:
        """Is tokens[j] ("ve", "&", ",") inside the name that ends at head i?
        Yes in "Ticaret ve Sanayi Odası" and "Bilim, Sanayi ve Teknoloji Bakanlığı";
        no in "3. Bölgesi ve 4. OSB" or "Kocaeli ve İstanbul Sanayi Odası"."""
        before, after = tokens[j - 1] if j > 0 else None, tokens[j + 1]
        if before is None or not _is_modifier(before) or self._inflected_head(before) or before.is_acronym:
            return False  # "GÜTEK ve Sarıçam-2 OSB": an acronym is a name of its own
        if self._ends_person(tokens, j):
            return False
        if tokens[j].base == ",":
            return any(t.base == "ve" for t in tokens[j:i])
        if tokens[j].base not in {"ve", "&"}:
            return False
        return (
            before.base not in self.lex.head_last_words
            and self.lex.province_of(before.base) is None
            and self.lex.province_of(after.base) is None
        )

    def _ends_person(self, tokens: list[Token], j: int) -> bool:
        """Do the capitalised words before tokens[j] read as a person's name
        ("Müdürü Tarık Ayvaz ve …", "Ayhan Yılmaz ve …")?"""
        k = j - 1
        while k >= 0 and j - k <= 3 and _is_modifier(tokens[k]) and not tokens[k].is_acronym:
            if turkish.lower(tokens[k].base) in self.lex.given_names:
                return True
            k -= 1
        title = self.lex.title_word(tokens[k].base) if 0 <= k < j - 1 else None
        return title is not None and title.kind in {"head", "honorific"}

    def _left_edge(self, tokens: list[Token], i: int) -> int:
        """Where the name whose head starts at token i begins."""
        edge, j = i, i - 1
        while j >= 0 and i - j <= 10:
            tok = tokens[j]
            if self._ends_before(tok):
                break
            if _is_modifier(tok):
                title = self.lex.title_word(tok.base)
                if (title and title.kind == "head") or self._inflected_head(tok):
                    break
                edge, j = j, j - 1
            elif self._connects(tokens, j, i):
                j -= 1
            else:
                break
        lead = first_word(tokens)
        if edge == lead < i and not self._name_like(tokens[lead]) and not self._names_head(tokens, lead, i):
            edge = lead + 1
        edge = self._past_person(tokens, edge, i)
        while edge < i and tokens[edge].base in {"ve", "&", ","}:
            edge += 1
        return edge

    def _ends_before(self, tok: Token) -> bool:
        """Does a name start after this word? After "İle" joining two names in a
        title-cased headline, a generic adjective ("Kardeş OSB Protokolü", "Diğer
        OSB’ler"), an event's noun ("Kahve Günü Etkinliği Uludağ Teknoparkı") or a
        place in the locative ("Organize Sanayi Bölgesinde X Fabrikası")."""
        words = self.lex.word_sets
        return (
            tok.lower in words["separator"]
            or tok.lower in words["generic"]
            or self.lex.names_a_thing(tok.lower)
            or (not tok.suffix and _POSSESSED_LOCATIVE.search(tok.lower) is not None)
        )

    def _office(self, modifiers: list[Token], head: Head) -> bool:
        """ "Yönetim Kurulu Başkanlığı", "Bölge Müdürlüğü", "Oda Meclisi": title words
        before a head name an office or a board, not an institution ("Birlik OSB"
        does: "Birlik" stands for an institution, and OSB is no board)."""
        words = [self.lex.title_word(t.base) for t in modifiers]
        if not words or not all(words):
            return False
        board = self.lex.title_word(head.words[-1])
        return (board is not None and board.kind == "board") or not any(w.implies_head for w in words if w)

    def _past_person(self, tokens: list[Token], edge: int, i: int) -> int:
        """ "… Üyesi Adnan Çimen Eskişehir Ticaret Borsası": a person's name after a
        title (a given name and a surname) is no part of the next name."""
        for k in range(edge, i - 2):
            title = self.lex.title_word(tokens[k - 1].base) if k > 0 else None
            person = (
                turkish.lower(tokens[k].base) in self.lex.given_names and title and title.kind != "modifier"
            )
            if person and not tokens[k + 1].suffix:
                return k + 2
        return edge

    def _names_head(self, tokens: list[Token], lead: int, i: int) -> bool:
        """ "Yeditepe Üniversitesi …" at a sentence's start: a word right before a
        head noun is its name, whatever its ending looks like (no inflected word
        stands there), unless it is a connective ("Ayrıca Üniversite …")."""
        return i == lead + 1 and tokens[lead].base not in self.lex.sentence_starters

    def find(self, sentence: Sentence) -> list[tuple[int, int, int, Head]]:
        """(first token, last name token, last token incl. units, head) for each name."""
        tokens, found, i = sentence.tokens, [], 0
        while i < len(tokens):
            hit = match_head(tokens, i, self.lex) if tokens[i].is_word else None
            if hit is None:
                i += 1
                continue
            head, name_last, span_last = self._extent(tokens, *hit)
            first = self._left_edge(tokens, i)
            if self._is_name(tokens, first, i, name_last, head):
                found.append((first, name_last, span_last, head))
            i = span_last + 1
        return found

    def _extent(self, tokens: list[Token], head: Head, last: int) -> tuple[Head, int, int]:
        """ "Ankara Üniversitesi Teknokent": a second head renames; "Rektörlüğü" is an
        office and "firması" a marker, inside the span but not the name."""
        name_last = span_last = last
        while not tokens[span_last].suffix and span_last + 1 < len(tokens):
            more = match_head(tokens, span_last + 1, self.lex)
            if more is None:
                break
            if more[0].role in NAMING_ROLES:
                head, name_last = more[0], more[1]
            span_last = more[1]
        return head, name_last, span_last

    def _is_name(self, tokens: list[Token], first: int, i: int, last: int, head: Head) -> bool:
        modifiers = tokens[first:i]
        if head.role in {"unit", "venue"} or not any(t.is_cap or t.base[0].isdigit() for t in modifiers):
            return False
        if head.role == "sector" and not _ends_name(tokens, last):
            return False  # "Menderes Tekstil’in" names a company; "Bursa Tekstil Mühendisleri …" goes on
        if head.requires_before and tokens[i - 1].base not in head.requires_before:
            return False
        if head.words[-1] == "Başkanlığı" and turkish.lower(modifiers[0].base) in self.lex.given_names:
            return False  # "Ali Kaya Başkanlığında": chaired by a person, no agency
        # "X Ajansı Yönetim Kurulu Başkanlığı", "X Üniversitesi Mühendislik Fakültesi": an
        # office or a part of the institution named before it, not an institution
        owner = max((k for k in range(first, i) if ends_head(tokens, k, self.lex)), default=None)
        office = self._office(modifiers if owner is None else tokens[owner + 1 : i], head)
        return not office and not (owner is not None and head.type in PART_TYPES)


_POSSESSED_LOCATIVE: Final = re.compile(r"(s[ıiuü]n|[ıiuü]n)d[ae]$")  # "Bölgesinde", "Merkezinde"


def _ends_name(tokens: list[Token], last: int) -> bool:
    """Does a name end at token `last` (a case ending, or no capitalised word next)?"""
    return bool(tokens[last].suffix) or last + 1 == len(tokens) or not tokens[last + 1].is_cap


def first_word(tokens: list[Token]) -> int:
    """Index of a sentence's first word, past an opening quote or bracket."""
    return next((k for k, t in enumerate(tokens) if t.is_word), 0)


def compose_name(sentence: Sentence, first: int, last: int, head: Head) -> tuple[str, str]:
    """The name in its dictionary form (no case ending, the head as the lexicon
    spells it: "Kayseri Organize Sanayi Bölgesi") and as written ("Kayseri OSB")."""
    tokens = sentence.tokens
    head_start = last - len(head.words) + 1
    prefix = ""
    if head_start > first:
        a, b = tokens[first].start - sentence.start, tokens[head_start - 1].end - sentence.start
        prefix = sentence.text[a:b].strip() + " "
    if head.role == "marker":  # "Bosphorus Expo firması": the marker is no part of the name
        return prefix.strip(), prefix.strip()
    return prefix + (head.canonical or " ".join(head.words)), prefix + " ".join(head.words)


def parenthetical(tokens: list[Token], after: int) -> tuple[str | None, str | None, int]:
    """An acronym or a short alias in parentheses right after a name:
    "Kocaeli Sanayi Odası (KSO)", "X Teknoloji AŞ (X Teknoloji)". Returns (acronym, alias, last index)."""
    k = after + 1
    if k >= len(tokens) or tokens[k].text != "(":
        return None, None, after
    close = next((m for m in range(k + 1, min(k + 7, len(tokens))) if tokens[m].text == ")"), None)
    if close is None or close == k + 1:
        return None, None, after
    inner = tokens[k + 1 : close]
    if len(inner) == 1 and inner[0].is_acronym:
        return inner[0].base, None, close
    if all(t.is_cap and not t.suffix for t in inner) and len(inner) <= 4:
        return None, " ".join(t.base for t in inner), close
    return None, None, after


def acronym_guess(acronym: str, lex: Lexicon, article_provinces: set[str]) -> tuple[str, str | None]:
    """Type and city of an acronym no text spells out: "ŞUTSO" reads as a chamber
    (…TSO) of the province whose prefix "ŞU" matches one named in the article."""
    for ending, type_ in sorted(ACRONYM_TYPES.items(), key=lambda kv: -len(kv[0])):
        if acronym.endswith(ending) and len(acronym) > len(ending):
            prefix = acronym[: -len(ending)]
            cities = {
                p for p in article_provinces
                if turkish.upper(p).startswith(prefix) or p in lex.province_prefixes.get(prefix, ())
            }  # fmt: skip
            return type_, next(iter(cities)) if len(cities) == 1 else None
    return "other", None


def city_from_name(name: str, lex: Lexicon) -> str | None:
    """The province a name states: "Kocaeli Sanayi Odası", "KOSGEB Eskişehir İl
    Müdürlüğü"; a leading district counts ("Gebze Teknik Üniversitesi" -> Kocaeli);
    a name listing several provinces ("Bursa Eskişehir Bilecik …") states none."""
    words = name.split()
    provinces = {p for w in words if (p := lex.provinces.get(turkish.key(w)))}
    if len(provinces) == 1:
        return provinces.pop()
    return lex.province_of(words[0]) if words and not provinces else None


@dataclass(frozen=True)
class Provinces:
    """The provinces an article names, counted once: in all its lines and in its body."""

    everywhere: Counter[str]
    body: Counter[str]

    @classmethod
    def count(cls, sentences: list[Sentence], lex: Lexicon) -> Provinces:
        everywhere: Counter[str] = Counter()
        body: Counter[str] = Counter()
        for s in sentences:
            found = [c for t in s.tokens if t.is_cap and (c := lex.province_of(t.base))]
            if found:  # (Counter.update is Python code: not called for nothing)
                everywhere.update(found)
                if not s.is_heading:
                    body.update(found)
        return cls(everywhere, body)

    def dominant(self) -> str | None:
        """The province the article is about: named most often, and clearly so."""
        return _clear_winner(self.everywhere)

    def home(self) -> str | None:
        """The province the body is about: the only one it names, or the one it
        names most, and clearly so (headlines and page furniture left out)."""
        return next(iter(self.body)) if len(self.body) == 1 else _clear_winner(self.body)


def _clear_winner(counts: Counter[str]) -> str | None:
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] * 1.5 > ranked[0][1]):
        return None
    return ranked[0][0]


class MentionFinder:
    """Every occurrence of every known form of every entity, leftmost-longest."""

    def __init__(self, entities: list[Entity]):
        self.by_first: dict[str, list[tuple[tuple[str, ...], bool, Entity]]] = {}
        for e in entities:
            for form in e.forms():
                keys = tuple(turkish.key(w) for w in form.split())
                if not keys or not all(keys):
                    continue
                is_acronym = form == e.acronym
                self.by_first.setdefault(keys[0], []).append((keys, is_acronym, e))
        for forms in self.by_first.values():
            forms.sort(key=lambda f: -len(f[0]))

    def find(self, sentence: Sentence) -> list[Span]:
        tokens, resume = sentence.tokens, 0
        found: list[Span] = []
        keys = [t.key for t in tokens]
        # only where a known form starts: most tokens start none
        for i in [i for i, key in enumerate(keys) if key in self.by_first]:
            if i < resume:
                continue
            hit = None
            for form, is_acronym, entity in self.by_first[keys[i]]:
                n = len(form)
                if is_acronym and not tokens[i].is_acronym:
                    continue
                if i + n <= len(tokens) and all(
                    keys[i + k] == w or (k == n - 1 and head_form(keys[i + k], w)) for k, w in enumerate(form)
                ):
                    hit = (entity, i + n - 1)
                    break
            if hit is None:
                continue
            entity, last = hit
            resume = last + 1
            if (
                i >= 2
                and tokens[i - 1].text == "("
                and found
                and found[-1].entity is entity
                and found[-1].token_end == i - 2
            ):
                continue  # "Denizli Sanayi Odası (DSO)": the acronym defines, it is not a second mention
            found.append(Span(entity, i, last))
        return found


@cache
def gazetteer_finder() -> MentionFinder:
    """Finds national institutions of the gazetteer, by full name, alias or acronym."""
    return MentionFinder([
        Entity(k.name, k.type, "gazetteer", k.acronym, k.city, set(k.aliases)) for k in lexicon().known
    ])  # fmt: skip
