"""Roles: "<institution> <title> <person>" phrases. They give persons with their
title and institution, and institutions that only a role names ("Erzurum Valisi"
-> Erzurum Valiliği, "Atlas Makine Genel Müdürü" -> the company Atlas Makine)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Final

from haberdar import turkish
from haberdar.extract.implied import TitleContext, implied_institution
from haberdar.extract.institutions import Entity, Registry, first_word, match_head, name_like
from haberdar.extract.lexicon import Lexicon
from haberdar.extract.morphology import (
    is_ablative,
    is_abstract_noun,
    is_genitive,
    is_locative,
    is_member_of,
)
from haberdar.extract.text import Sentence, Token

# plural titles before a list of names, and their singular
SINGULAR: Final = {"Yardımcıları": "Yardımcısı", "Başkanları": "Başkanı", "Üyeleri": "Üyesi",
                   "Yetkilileri": "Yetkilisi", "Temsilcileri": "Temsilcisi", "Müdürleri": "Müdürü",
                   "Milletvekilleri": "Milletvekili"}  # fmt: skip
TITLE_PARTS: Final = frozenset({"head", "modifier", "board", "unit"})


@dataclass
class Role:
    sentence: int
    title: str
    entity: Entity | None
    names: list[tuple[int, int]]  # token spans of full names
    surnames: list[int]  # token indices of lone surnames ("Başkan Kurt")
    org_start: int  # token index where the institution part begins (== title start if none)
    title_start: int
    title_end: int
    listed: bool = False  # its institution is the one of the role before it in a list


@dataclass
class Person:
    full_name: str
    title: str | None
    entity: Entity | None
    mentions: list[tuple[int, int, int]] = field(default_factory=list)  # sentence, start, end

    @property
    def surname(self) -> str:
        return turkish.key(self.full_name.split()[-1])


def _title_kind(lex: Lexicon, tok: Token) -> str | None:
    word = lex.title_word(tok.base)
    if word is None:
        return None
    if not tok.is_cap and word.kind != "head":
        return None  # lower-case modifiers are ordinary words
    return word.kind


class RoleFinder:
    def __init__(self, lex: Lexicon, registry: Registry, provinces: set[str], name_words: set[str],
                 home: str | None = None):  # fmt: skip
        self.lex = lex
        self.home = home  # the province the article is about
        self.registry = registry
        self.provinces = provinces
        self.name_words = name_words
        self._person_tokens: set[int] = set()  # tokens of names found so far in the sentence

    def _title_runs(self, tokens: list[Token]) -> list[tuple[int, int]]:
        runs, i = [], 0
        kinds = [_title_kind(self.lex, t) for t in tokens]  # asked several times a token
        while i < len(tokens):
            if kinds[i] not in TITLE_PARTS:
                i += 1
                continue
            j = i
            while j + 1 < len(tokens):
                nxt = tokens[j + 1]
                if not tokens[j].suffix and kinds[j + 1] in TITLE_PARTS:
                    j += 1
                elif nxt.base == "ve" and j + 2 < len(tokens) and kinds[j + 2]:
                    j += 2
                else:
                    break
            # the run ends at its last head word ("Genel Müdürü", not "Genel")
            last = max((k for k in range(i, j + 1) if kinds[k] == "head"), default=None)
            if last is not None:
                runs.append((self._body_start(tokens, self._after_owner(tokens, i, last), last), last))
            i = j + 1
        return runs

    def _after_owner(self, tokens: list[Token], i: int, last: int) -> int:
        """ "Oda Meclisi Başkanı", "Dernek Yönetim Kurulu Üyesi": a word that stands
        for an institution ("Oda" for the chamber) owns the body after it; it is
        where the institution is named, not part of the title."""
        word = self.lex.title_word(tokens[i].base)
        owner = word is not None and word.kind == "modifier" and word.implies_head is not None
        if owner and i < last and _title_kind(self.lex, tokens[i + 1]) != "head":
            return i + 1
        return i

    def _body_start(self, tokens: list[Token], i: int, last: int) -> int:
        """A title held in a unit takes the unit's name with it: "Kimya Çalışma
        Grubu Başkanı", "Koordinasyon, İş Geliştirme ve Tanıtım Birim Başkanı".
        A unit is part of the institution, never an institution. (Boards are
        named by title words: "Yönetim Kurulu", "Müteşebbis Heyet".)"""
        if not any(_title_kind(self.lex, t) == "unit" for t in tokens[i : last + 1]):
            return i
        start = i
        while start > 1 or (start == 1 and name_like(tokens[0], self.lex, self.name_words)):
            k = start - 1
            if (
                tokens[k].base in {",", "ve"} and k > 0 and self._plain_chunk(tokens, k - 1)
            ) or self._plain_word(tokens[k]):
                start = k
            else:
                break
        while tokens[start].base in {",", "ve"}:
            start += 1
        return start

    def _plain_word(self, tok: Token) -> bool:
        """A capitalised word that names nothing by itself: not an institution's
        head or a bare one ("Ajansın"), an acronym, a place, a title head or a word
        with a case ending."""
        word = self.lex.title_word(tok.base)
        return (
            tok.is_cap and tok.is_word and not tok.suffix and not tok.is_acronym
            and tok.base not in self.lex.head_words and not self._bare_head(tok.base)
            and not self.lex.province_of(tok.base)
            and (word is None or (word.kind != "head" and word.implies_head is None))
        )  # fmt: skip

    @staticmethod
    def _continues_list(before: Token, previous: Role) -> bool:
        """Does a title with no institution of its own go on the previous role's list
        (after a comma, or after "ve" closing a list that already goes on)?"""
        return before.base == "," or (before.base == "ve" and previous.listed)

    def _bare_head(self, word: str) -> bool:
        """ "Ajans", "Odanın", "Teknokentte": a head noun without its name."""
        return bool(self.lex.bare_head_of(word))

    def _plain_chunk(self, tokens: list[Token], end: int) -> bool:
        """Are the capitalised words ending at `end` one more part of a body's name
        (no person's given name among them: "Gülay Ersoy ve Kimya Grubu …")?"""
        k = end
        while k >= 0 and self._plain_word(tokens[k]):
            if turkish.lower(tokens[k].base) in self.lex.given_names:
                return False
            k -= 1
        return k < end

    def _name_after(self, tokens: list[Token], j: int) -> tuple[int, int] | None:
        """The person's name after a title: honorifics ("Prof. Dr.", "Prof Dr") and a
        party adjective ("MHP’li") skipped, up to four words, a surname in capitals
        ("Mert ALKANAT") included."""
        while j < len(tokens) and (
            _title_kind(self.lex, tokens[j]) == "honorific"
            or is_member_of(tokens[j].suffix)
            or tokens[j].lower in self.lex.word_sets["appointed"]  # "Başkanı seçilen Ali Er"
        ):
            j += 1
        parts: list[int] = []
        while j < len(tokens) and len(parts) < 4:
            tok = tokens[j]
            if not (
                self._name_part(tokens, j, parts)
                or (len(tok.base) == 2 and tok.base.endswith(".") and not parts)
            ) or (len(parts) == 3 and not self._ends_name(tokens, j)):
                break
            parts.append(j)
            j += 1
            if tok.suffix:
                break
        return (parts[0], parts[-1]) if parts else None

    @staticmethod
    def _ends_name(tokens: list[Token], j: int) -> bool:
        """A fourth name word only where the capitalised run ends: "Hüseyin Avni Coşkun Çebi,"."""
        return j + 1 == len(tokens) or not tokens[j + 1].is_cap

    def _name_part(self, tokens: list[Token], j: int, parts: list[int]) -> bool:
        tok = tokens[j]
        if not tok.is_cap or not tok.base.isalpha() or self.lex.title_word(tok.base):
            return False
        if (
            tok.base in self.lex.head_words
            or self.lex.names_a_thing(tok.lower)
            or is_abstract_noun(tok.lower)
        ):
            return False
        if tok.is_acronym:  # a surname in capitals, after a given name: not an acronym
            return bool(parts) and len(tok.base) > 2 and self._unknown_acronym(tok.base)
        if parts and self.lex.province_of(tok.base):
            # "Hasan Aydın", "Ayla Kaya Bingöl de" are names; "Ali Kaya Ankara’da" and
            # "Ali Kaya Bursa Valisi" go on past the name
            nxt = tokens[j + 1] if j + 1 < len(tokens) else None
            return not is_locative(tok.suffix) and (
                len(parts) == 1 or not (tok.suffix or (nxt and nxt.is_cap))
            )
        return True

    def _unknown_acronym(self, word: str) -> bool:
        return (
            word not in self.lex.not_institutions
            and word not in self.lex.known_by_acronym
            and self.registry.find(word) is None
        )

    def _org(self, tokens: list[Token], start: int) -> tuple[Entity | None, int, str]:
        """The institution named just before a title, the index where it begins, and its words."""
        found = (
            self._genitive_org(tokens, start)
            or self._bracketed_org(tokens, start)
            or self._represented_org(tokens, start)
        )
        if found:
            return found
        first = self._org_start(tokens, start)
        for s in range(first, start):
            surface = " ".join(t.base for t in tokens[s:start])
            # a bare head stands for a name only alone: "Teknokent Müdürü", not "Akın Gıda Müdürü"
            entity = self.registry.find(surface) or (self._by_head(surface) if s == first else None)
            if entity:
                return entity, s, surface
        return None, first, " ".join(t.base for t in tokens[first:start])

    def _genitive_org(self, tokens: list[Token], start: int) -> tuple[Entity, int, str] | None:
        """ "Bolu Ticaret Odası’nın Başkanı": the institution in the genitive."""
        if not start or not is_genitive(tokens[start - 1].suffix):
            return None
        return self._named_before(tokens, start)

    def _represented_org(self, tokens: list[Token], start: int) -> tuple[Entity, int, str] | None:
        """ "Diyarbakır OSB’yi temsilen Yönetim Kurulu Üyesi", "Bartın TSO adına Meclis
        Başkanı", "Konak Belediyesi’nden Başkan Yardımcısı": the institution the
        person speaks for or comes from."""
        if start >= 1 and is_ablative(tokens[start - 1].suffix):
            end = start  # "Konak Belediyesi’nden Başkan Yardımcısı …": one of its people
        elif start >= 2 and tokens[start - 1].base in self.lex.word_sets["on_behalf"]:
            end = start - 1
        else:
            return None
        return self._named_before(tokens, end)

    def _named_before(self, tokens: list[Token], end: int, strip: int = 0) -> tuple[Entity, int, str] | None:
        """The longest known institution whose name ends right before token `end`
        (its last word less `strip` letters of a case ending typed without an apostrophe)."""
        for s in range(max(0, end - 8), end):
            surface = " ".join(t.base for t in tokens[s:end])
            surface = surface[: len(surface) - strip]
            entity = self.registry.find(surface)
            if entity:
                return entity, s, surface
        return None

    def _bracketed_org(self, tokens: list[Token], start: int) -> tuple[Entity | None, int, str] | None:
        """ "Kocaeli Sanayi Odası (KSO) Başkanı": the acronym in brackets names it."""
        if start < 2 or tokens[start - 1].text != ")" or not tokens[start - 2].is_acronym:
            return None
        entity = self.registry.find(tokens[start - 2].base)
        open_ = next((k for k in range(start - 2, -1, -1) if tokens[k].text == "("), start - 2)
        return entity, open_, tokens[start - 2].base

    def _org_start(self, tokens: list[Token], start: int) -> int:
        """Where the capitalised words before a title begin (past "ve" between names)."""
        first = start
        while first > 0:
            tok = tokens[first - 1]
            if first - 1 in self._person_tokens or _title_kind(self.lex, tok) == "head":
                break  # "Can Yüce ve Ticaret Bakanı": the name before "ve" is a person's
            name_word = tok.is_word and not tok.suffix and (tok.is_cap or tok.base[0].isdigit())
            joins = (
                tok.base == "ve" and first > 1 and tokens[first - 2].is_cap and not tokens[first - 2].suffix
            )
            if not (name_word or joins):
                break
            first -= 1
        lead = first_word(tokens)
        if first == lead < start and not name_like(tokens[lead], self.lex, self.name_words):
            first = lead + 1  # "Toplantıya Yıldız Kimya Genel Müdürü …"
        while first < start and tokens[first].base == "ve":
            first += 1
        return first

    def _by_head(self, surface: str) -> Entity | None:
        """A bare head noun ("Teknokent Genel Müdürü", "Ajansın Genel Sekreteri")
        stands for the article's only institution with that head."""
        if " " in surface:
            return None
        if surface.isupper():
            surface = turkish.capitalize(surface)  # "TEKNOKENT Genel Müdürü"
        hit = match_head([Token(surface, 0, len(surface), surface, "")], 0, self.lex)
        heads = {hit[0].words[-1]} if hit else set()
        heads = heads or set(self.lex.bare_head_of(surface))
        matches = _first_two(self.registry.named_ending(heads))
        if not matches and hit and hit[0].role == "core":  # "TEKNOKENT": the Teknoloji Geliştirme Bölgesi
            matches = _first_two(e for e in self.registry.entities if e.type == hit[0].type)
        return matches[0] if len(matches) == 1 else None

    def _by_type(self, run: tuple[int, int], tokens: list[Token]) -> Entity | None:
        """A title with no institution named ("Vali Hasan Yılmaz") stands for the
        article's only institution of the kind the title implies."""
        for token in tokens[run[0] : run[1] + 1]:
            word = self.lex.title_word(token.base)
            if word and word.implies_type:
                matches = _first_two(e for e in self.registry.entities if e.type == word.implies_type)
                return matches[0] if len(matches) == 1 else None
        return None

    def _implied(self, tokens: list[Token], run: tuple[int, int], phrase: str, entity: Entity | None,
                 sentence: Sentence, named: bool) -> Entity | None:  # fmt: skip
        """The institution a title stands for when the text does not name it in full
        (haberdar.extract.implied proposes it, the registry keeps it)."""
        if entity is not None or not tokens[run[1]].is_cap:
            return entity
        known_types = self.registry.types()
        ctx = TitleContext(tokens, run, phrase, named, self.home, known_types, self.provinces, self.lex)
        proposal = implied_institution(ctx)
        if proposal is None:
            return None
        return self.registry.add(proposal.name, proposal.type, proposal.how, acronym=proposal.acronym,
                                 city=proposal.city, confirmed=not sentence.is_heading)  # fmt: skip

    def find(self, sentence: Sentence) -> list[Role]:
        tokens = sentence.tokens
        roles: list[Role] = []
        self._person_tokens = set()
        represented = self._represented(sentence)
        for run in self._title_runs(tokens):
            entity, org_start, phrase = self._org(tokens, run[0])
            after = self._name_after(tokens, run[1] + 1)
            # a full name follows the title itself ("Başkan’ımız" is "our president", no name)
            named = after is not None and after[1] > after[0] and not tokens[run[1]].suffix
            entity = self._implied(tokens, run, phrase, entity, sentence, named)
            if entity is None and org_start == run[0]:
                entity = self._by_type(run, tokens)
            listed = False
            if entity is None:
                entity = self._listed(tokens, run, org_start, roles, represented)
                listed = entity is not None
            title_words = [t.base for t in tokens[run[0] : run[1] + 1]]
            last = turkish.capitalize(title_words[-1])  # "Bolu milletvekilleri A, B ve C"
            plural = last in SINGULAR
            title_words[-1] = SINGULAR.get(last, title_words[-1])
            role = Role(
                sentence.index, " ".join(title_words), entity, [], [], org_start, run[0], run[1], listed
            )
            j = run[1] + 1
            while True:
                span = self._name_after(tokens, j)
                if span is None:
                    break
                if span[0] == span[1]:
                    role.surnames.append(span[0])
                else:
                    role.names.append(span)
                self._person_tokens.update(range(span[0], span[1] + 1))
                j = span[1] + 1
                if not (plural and j + 1 < len(tokens) and tokens[j].base in {"ve", ","}):
                    break
                j += 1
            if not role.names and not role.surnames and org_start >= 2 and tokens[org_start - 1].base == ",":
                # "Ayşe Kaya, Kocaeli Sanayi Odası Başkanı, …": the title after the name
                span = self._name_before(tokens, org_start - 2)
                if span:
                    role.names.append(span)
                    self._person_tokens.update(range(span[0], span[1] + 1))
            roles.append(role)
        return roles + self._untitled(tokens, sentence.index)

    def _untitled(self, tokens: list[Token], sentence: int) -> list[Role]:
        """People named without a title: "Bakanlıktan Ali Er ve Can Su katıldı" (a
        list of names after an institution in the ablative: its people), "Ali Er,
        Can Su ve Ece Tan’dan oluşan heyet" (a list before "oluşan")."""
        roles = []
        # names follow a capitalised word in the ablative ("Bakanlığından", "TSO’dan")
        for i in [i for i, t in enumerate(tokens[:-1], 1) if t.is_cap and _ablative(t)]:
            tok = tokens[i]
            if tok.lower.startswith("oluşan"):
                names = next(
                    (n for j in range(max(0, i - 15), i) if (n := self._list_ending(tokens, j, i))), []
                )
                if len(names) > 1:
                    roles.append(Role(sentence, "", None, names, [], i, i, i - 1))
            elif tok.is_cap and i not in self._person_tokens:
                found = self._named_before(tokens, i, strip=0 if tokens[i - 1].suffix else 4)
                names = self._name_list(tokens, i)
                if found and names:
                    roles.append(Role(sentence, "", found[0], names, [], found[1], i, i - 1))
        return roles

    def _list_ending(self, tokens: list[Token], j: int, end: int) -> list[tuple[int, int]]:
        """The names from token j that end right before token `end`, starting a phrase."""
        if j and tokens[j - 1].is_cap:
            return []
        names = self._name_list(tokens, j)
        return names if names and names[-1][1] == end - 1 else []

    def _name_list(self, tokens: list[Token], j: int) -> list[tuple[int, int]]:
        """Full names from token j on, joined by commas and "ve", up to a lower-case word."""
        names = []
        while (span := self._name_after(tokens, j)) and span[1] > span[0]:
            if self._person_tokens.intersection(range(span[0], span[1] + 1)):
                break
            names.append(span)
            j = span[1] + 1
            if j >= len(tokens) or tokens[j].base not in {",", "ve"}:
                break
            j += 1
        end = names[-1][1] + 1 if names else j
        return names if end == len(tokens) or not tokens[end].is_cap else []

    def _listed(self, tokens: list[Token], run: tuple[int, int], org_start: int, roles: list[Role],
                represented: tuple[Entity, int] | None) -> Entity | None:  # fmt: skip
        """The institution a title with none of its own takes from the list it is in:
        "A Başkanı X, Yönetim Kurulu Üyesi Y, Zabıta Müdürü Z ve Ruhsat Müdürü W" are A's
        people; so are those after "A’yı temsilen"."""
        if (
            roles
            and org_start > 0
            # "…, AK Parti Genel Başkan Vekili": an acronym names a body of its own
            and not any(t.is_acronym for t in tokens[org_start : run[0]])
            and self._continues_list(tokens[org_start - 1], roles[-1])
        ):
            return self._same_place(tokens, run, roles[-1].entity)
        if represented and represented[1] < run[0] == org_start:
            return represented[0]
        return None

    def _same_place(
        self, tokens: list[Token], run: tuple[int, int], previous: Entity | None
    ) -> Entity | None:
        """The institution a listed title belongs to: the previous one's, unless the
        title names another kind ("İnegöl Kaymakamı A, Belediye Başkanı B": B heads
        the municipality of the same place, İnegöl Belediyesi)."""
        implied = next(
            (w for t in tokens[run[0] : run[1] + 1] if (w := self.lex.title_word(t.base)) and w.implies_type),
            None,
        )
        if previous is None or implied is None or implied.implies_type == previous.type:
            return previous
        place = previous.name.split()[0]
        if not implied.implies_head or not implied.implies_type or not self.lex.province_of(place):
            return None
        return self.registry.add(f"{place} {implied.implies_head}", implied.implies_type, "role")

    def _represented(self, sentence: Sentence) -> tuple[Entity, int] | None:
        """The institution a sentence's people speak for ("A’yı temsilen", "A adına"), and where."""
        on_behalf, tokens = self.lex.word_sets["on_behalf"], sentence.tokens
        for i in [i for i, t in enumerate(tokens) if t.base in on_behalf]:
            if i:
                found = self._named_before(tokens, i)
                if found:
                    return found[0], i
        return None

    def _name_before(self, tokens: list[Token], end: int) -> tuple[int, int] | None:
        """A person's name ending at token `end`: two or three capitalised words,
        the first a known given name, standing alone (not inside a longer name)."""
        for start in (end - 1, end - 2):
            if start < 0:
                continue
            words = tokens[start : end + 1]
            plain = all(
                t.is_cap and t.base.isalpha() and not t.is_acronym and not t.suffix and not self.lex.title_word(t.base)
                and t.base not in self.lex.head_words for t in words
            )  # fmt: skip
            alone = start == 0 or not tokens[start - 1].is_cap or tokens[start - 1].suffix
            if plain and alone and turkish.lower(words[0].base) in self.lex.given_names:
                return start, end
        return None


def _ablative(tok: Token) -> bool:
    """ "TSO’dan", "Bakanlığından": a word in the ablative, with or without an apostrophe."""
    if tok.suffix:
        return is_ablative(tok.suffix)
    return tok.lower.endswith(("ndan", "nden"))


def lemma_title(title: str) -> str:
    """ "Başkanı" -> "Başkan": a one-word title without its possessive ending."""
    words = title.split()
    if len(words) == 1:
        for ending in (
            "ı",
            "i",
            "u",
            "ü",
            "sı",
            "si",
            "ımız",
            "imiz",
            "umuz",
            "ümüz",
            "mız",
            "miz",
            "muz",
            "müz",
        ):
            if words[0].endswith(ending) and turkish.capitalize(words[0][: -len(ending)]) in {
                "Başkan", "Müdür", "Vali", "Bakan", "Kaymakam", "Rektör", "Dekan", "Koordinatör", "Direktör",
            }:  # fmt: skip
                return words[0][: -len(ending)]
    return title


def _first_two(found: Iterator[Entity]) -> list[Entity]:
    """Enough of the matches to tell whether there is exactly one: a scan stops at
    the second (an article of thousands of institutions made each look-up n)."""
    return list(itertools.islice(found, 2))
