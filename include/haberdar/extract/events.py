"""Events (visits, meetings, signings, fairs …) and agreements, read sentence by
sentence from Turkish predicates, with the visiting delegation carried over from
earlier sentences and "ayrı ayrı" (separately) read as separate meetings."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Final

from haberdar import turkish
from haberdar.extract.institutions import Entity, Span
from haberdar.extract.lexicon import Lexicon, lexicon_rows
from haberdar.extract.morphology import is_genitive, is_locative
from haberdar.extract.patterns import Pattern, Patterns
from haberdar.extract.text import Sentence, Token

# When one sentence fits several types, the more specific one wins.
TYPE_PRIORITY: Final = [
    row["event_type"] for row in sorted(lexicon_rows("event_types.csv"), key=lambda r: int(r["specificity"]))
]
ACTIVE_SIGNING: Final = re.compile(
    r"\b(imzaladı|imzaladılar|imza attı|imza attılar|imza koydu|imza koydular|imzalamıştır)\b"
)
FUTURE: Final = re.compile(r"\bimza(lanacak|layacak|layacağ|lanması planlan)")
SEPARATELY: Final = re.compile(r"\bayrı ayrı\b")
BETWEEN: Final = {"arasında", "arasındaki"}  # "A ile B arasında(ki) protokol": the parties come before it
GENERIC: Final = "other"
GENERIC_REFERENCES: Final = {"ceremony", GENERIC}  # "törene", "programa": words any kind of event has
RECENT_SENTENCES: Final = 3  # how far back a speaker's "de … söyledi" reaches


@dataclass(frozen=True)
class Triggers:
    verbs: Patterns
    context: Patterns
    participation: Pattern
    delegation: Pattern
    anaphora: Pattern
    references: Patterns  # an event named by its noun: "toplantıda", "imza töreninde"
    plan: Pattern  # a sentence about what will happen
    additive: Pattern  # "X’in de katıldığı toplantıda": the event already told
    speech: Pattern  # "Y de … söyledi": one more speaker at the event just told
    agreements: Patterns


@cache
def triggers() -> Triggers:
    rows = lexicon_rows("event_triggers.csv")
    agreements = Patterns(
        [(r["agreement_type"], Pattern(r["pattern"])) for r in lexicon_rows("agreement_patterns.csv")]
    )

    def whole(pattern: str) -> Pattern:
        # a verb ends where its word ends: "gerçekleşti" is not in "gerçekleştirilen"
        return Pattern(f"(?:{pattern})(?!\\w)")

    def one(kind: str) -> Pattern:
        return Pattern("|".join(f"(?:{r['pattern']})" for r in rows if r["kind"] == kind))

    return Triggers(
        verbs=Patterns([(r["event_type"], whole(r["pattern"])) for r in rows if r["kind"] == "verb"]),
        context=Patterns([(r["event_type"], Pattern(r["pattern"])) for r in rows if r["kind"] == "context"]),
        participation=one("participation"),
        delegation=one("delegation"),
        anaphora=one("anaphora"),
        references=Patterns(
            [(r["event_type"], Pattern(r["pattern"])) for r in rows if r["kind"] == "reference"]
        ),
        plan=one("plan"),
        additive=one("additive"),
        speech=one("speech"),
        agreements=agreements,
    )


@dataclass
class PersonSpan:
    name: str
    entity: Entity | None
    token_start: int


@dataclass
class Event:
    type: str
    sentences: list[Sentence]
    participants: dict[int, tuple[Entity, str]] = field(default_factory=dict)  # id(entity) -> (entity, role)
    date: date | None = None
    city: str | None = None

    def add(self, entity: Entity, role: str = "participant") -> None:
        self.participants.setdefault(id(entity), (entity, role))

    @property
    def entities(self) -> set[int]:
        return set(self.participants)


@dataclass
class Agreement:
    type: str
    title: str
    sentence: Sentence
    parties: dict[int, Entity]
    signatories: list[str]
    date: date | None
    event: Event | None


def _event_type(text: str) -> str | None:
    # each verb is tried only where its words are (patterns.Pattern)
    found = {t for t, _ in triggers().verbs.found(text)}
    if not found:
        return None
    found |= {t for t, _ in triggers().context.found(text)}
    return min(found, key=TYPE_PRIORITY.index)


def _sentence_city(sentence: Sentence, lex: Lexicon) -> str | None:
    tokens = sentence.tokens
    for i, tok in enumerate(tokens):
        city = lex.province_of(tok.base) if tok.is_cap else None
        place_noun = i + 1 < len(tokens) and tokens[i + 1].base in lex.word_sets["place_noun"]
        if city and (is_locative(tok.suffix) or place_noun):  # "İzmir’de", "İzmir temasları"
            return city
    return None


class EventReader:
    def __init__(self, lex: Lexicon, published: date | None = None):
        self.lex = lex
        self.published = published
        self.delegation: list[Entity] = []
        self.events: list[Event] = []
        self.agreements: list[Agreement] = []
        self.organisers: list[tuple[str, Entity]] = []  # (kind of event, who organised it)
        self._signed_at: dict[int, list[Agreement]] = {}  # id(event) -> its agreements (set by finish)
        self._dates: dict[int, date | None] = {}  # sentence index -> its first date

    def _date(self, sentence: Sentence) -> date | None:
        """The first date of the sentence (asked again for each event and agreement it tells)."""
        if sentence.index not in self._dates:
            self._dates[sentence.index] = self._first_date(sentence)
        return self._dates[sentence.index]

    def _first_date(self, sentence: Sentence) -> date | None:
        """The first date of the sentence; "18 Ekim’de" is read in the article's year
        (the year before, if that would put it more than a month after publication)."""
        year = self.published.year if self.published else None
        dates = turkish.find_dates(sentence.text, year)
        if not dates:
            return None
        found = dates[0][2]
        if self.published and (found - self.published).days > 31 and found.year == self.published.year:
            # "29 Şubat" of a leap year read a year back: no such day, so no date
            return turkish.safe_date(found.year - 1, found.month, found.day)
        return found

    def _participants(self, sentence: Sentence, spans: list[Span], people: list[PersonSpan]) -> list[Span]:
        purpose = _purpose_clause(sentence)
        spans = [
            s for s in spans
            if not _is_place(sentence, s, self.lex)
            and s.entity.type != "media"  # "(DHA)", "AA muhabirine": who reports, not who meets
            and not purpose[0] <= s.token_start < purpose[1]
        ]  # fmt: skip
        found = spans + [Span(p.entity, p.token_start, p.token_start) for p in people if p.entity]
        for i, tok in enumerate(sentence.tokens):
            if not tok.lower.startswith("heyet"):
                continue
            before = [
                s for s in found
                if s.token_end < i and i - s.token_end <= 6
                # "X ile görüşen heyet", "X Başkanı Y’ye ziyaret gerçekleştiren heyet": X is met, not visiting
                and not any(t.base == "ile" or (t.suffix and not is_genitive(t.suffix))
                            for t in sentence.tokens[s.token_end + 1 : i])
            ]  # fmt: skip
            if before:  # "SAMSO heyeti", "DSO Başkanı X ve beraberindeki heyet"
                lead = max(before, key=lambda s: s.token_end).entity
                # another lead is another delegation: carrying every earlier one made
                # each visit of an article of many delegations take them all along
                self.delegation = (
                    [lead] + [e for e in self.delegation if e is not lead]
                    if lead in self.delegation
                    else [lead]
                )
            else:  # a bare "Heyet": the delegation we already know
                found += [Span(e, i, i) for e in self.delegation]
        return sorted(found, key=lambda s: s.token_start)

    def read(self, sentence: Sentence, spans: list[Span], people: list[PersonSpan]) -> None:
        if sentence.is_heading or sentence.in_quote:
            return
        participants = self._participants(sentence, spans, people)
        if not participants:
            return  # "Fuara 300 firma katıldı": no institution named, nothing to record
        text = _trigger_text(sentence)
        self._note_organisers(sentence, participants)
        t = triggers()
        kind = _event_type(text)
        told = (t.participation.search(text) and t.anaphora.search(text)) or t.additive.search(text)
        if told and self.events:
            kind = None  # "Zirveye A ve B de katıldı": more people at the event just told
        if kind is None:
            self._attend(sentence, text, participants)
        else:
            self._new_events(kind, sentence, text, participants, people)

    def _attend(self, sentence: Sentence, text: str, participants: list[Span]) -> None:
        """A sentence with no event predicate of its own may still tell who was at an
        event: "Toplantıya A ve B katıldı", "A’nın da katıldığı toplantıda …",
        "B Rektörü, imza töreninde …". It joins the last event of its kind, or
        opens one ("A’da düzenlenen toplantıda açıkladı")."""
        t = triggers()
        referenced = t.references.first_name(text)
        if referenced is None and self._recent(sentence) and t.speech.search(text):
            referenced = GENERIC  # "Y de … söyledi": another speaker at the event just told
        if (referenced is None and not t.participation.search(text)) or t.plan.search(text):
            return
        if referenced is None and t.delegation.search(text) and not self.events:
            # "Ziyaretlerde; A, B ve C yer aldı": who travelled, not whom they met
            self.delegation += [s.entity for s in participants if s.entity not in self.delegation]
            return
        event = self._last_event(referenced)
        if event is None and referenced is not None:
            event = Event(
                referenced, [sentence], date=self._date(sentence), city=_sentence_city(sentence, self.lex)
            )
            self.events.append(event)
        if event is not None:
            event.date = event.date or self._date(sentence)
            for s in participants:
                event.add(s.entity)

    def _note_organisers(self, sentence: Sentence, participants: list[Span]) -> None:
        """ "X tarafından düzenlenen fuar": X takes part in the fair, whichever
        sentence tells the fair itself (kept for `finish`)."""
        if "tarafından" not in sentence.text:
            return
        tokens = sentence.tokens
        for s in participants:
            # "X tarafından", "X firması tarafından"
            by = next(
                (
                    k
                    for k in (s.token_end + 1, s.token_end + 2)
                    if k < len(tokens) and tokens[k].base == "tarafından"
                ),
                None,
            )
            if by is not None:
                organised = next(
                    (k for k in range(by + 1, min(by + 8, len(tokens))) if _organises(tokens[k])), None
                )
                after = " ".join(t.lower for t in tokens[organised:]) if organised else ""
                kind = triggers().references.first_name(after)
                if kind is None and organised:
                    kind = triggers().context.first_name(after)
                if kind:
                    self.organisers.append((kind, s.entity))

    def _recent(self, sentence: Sentence) -> bool:
        """Was an event told in the last few sentences?"""
        return bool(self.events) and sentence.index - self.events[-1].sentences[-1].index <= RECENT_SENTENCES

    def _last_event(self, kind: str | None) -> Event | None:
        """The latest event a reference points back to: of the same kind (a visit and
        a meeting are one encounter), or of any kind for bare attendance and for a
        word any event has ("törene", "açılışa", "programa")."""
        same = (e for e in reversed(self.events) if kind and _event_class(e.type) == _event_class(kind))
        found = next(same, None)
        if found is None and (kind is None or kind in GENERIC_REFERENCES) and self.events:
            found = self.events[-1]
        return found

    def _new_events(self, kind: str, sentence: Sentence, text: str, participants: list[Span],
                    people: list[PersonSpan]) -> None:  # fmt: skip
        if SEPARATELY.search(text):
            groups = self._split(sentence, participants)
        else:
            groups = self._tour(sentence, participants) if kind == "visit" else [participants]
        for group in groups:
            event = Event(
                kind, [sentence], date=self._date(sentence), city=_sentence_city(sentence, self.lex)
            )
            for s in group:
                event.add(s.entity)
            if kind == "visit" and any(e.entity in self.delegation for e in group):
                for e in self.delegation:
                    event.add(e, "delegation")
            self.events.append(event)
        if kind == "signing_ceremony":
            self._agreement(sentence, text, participants, people, self.events[-1])

    def _tour(self, sentence: Sentence, participants: list[Span]) -> list[list[Span]]:
        """ "Heyet, A’yı, B’yi ve C’yi ziyaret etti": a delegation's round of visits,
        one visit per host (hosts visited in turn did not meet each other)."""
        if not self.delegation or not any(t.lower.startswith("heyet") for t in sentence.tokens):
            return [participants]
        visitors = [s for s in participants if s.entity in self.delegation]
        hosts: dict[int, Span] = {}
        for s in participants:
            if s.entity not in self.delegation:
                hosts.setdefault(id(s.entity), s)
        if not visitors or len(hosts) < 2:
            return [participants]
        return [[*visitors, host] for host in hosts.values()]

    def _split(self, sentence: Sentence, participants: list[Span]) -> list[list[Span]]:
        """ "A, B ve C ile ayrı ayrı bir araya geldi": one meeting of A with each of B and C."""
        comma = next((i for i, t in enumerate(sentence.tokens) if t.base == ","), None)
        if comma is None:
            return [participants]
        subject = [s for s in participants if s.token_start < comma]
        others = [
            s for s in participants if s.token_start > comma and s.entity not in {x.entity for x in subject}
        ]
        if not subject or len({s.entity.name for s in others}) < 2:
            return [participants]
        seen, groups = set(), []
        for s in others:
            if s.entity.name not in seen:
                seen.add(s.entity.name)
                groups.append([*subject, s])
        return groups

    def _agreement(self, sentence: Sentence, text: str, participants: list[Span], people: list[PersonSpan],
                   event: Event) -> None:  # fmt: skip
        if FUTURE.search(text):
            return
        written = turkish.lower(sentence.text)  # the title is cut from the text as written
        match = next(triggers().agreements.found(written), None)
        if match is None:
            return
        kind, m = match
        between = next((i for i, t in enumerate(sentence.tokens) if t.lower in BETWEEN), None)
        # "Projeyi hazırlayan A hazır bulundu; protokolü B ile C imzaladı": the signing clause's parties
        clause = _clause_start(sentence, m.start())
        parties = [
            s.entity for s in participants
            if s.token_start >= clause and (between is None or s.token_start < between)
        ]  # fmt: skip
        signatories = [p.name for p in people] if ACTIVE_SIGNING.search(text) else []
        self.agreements.append(Agreement(
            kind, _agreement_title(sentence, m.start(), m.end()), sentence,
            {id(e): e for e in parties}, signatories, self._date(sentence), event,
        ))  # fmt: skip

    def finish(self) -> tuple[list[Event], list[Agreement]]:
        """Drop events with fewer than two institutions, merge repeats (a lead paragraph
        printed twice, the same signing told in two sentences)."""
        first_of_class: dict[str, Event] = {}
        for e in self.events:
            first_of_class.setdefault(_event_class(e.type), e)
        for kind, entity in self.organisers:
            if (organised := first_of_class.get(_event_class(kind))) is not None:
                organised.add(entity)
        events: list[Event] = []
        self._signed_at = {}
        for a in self.agreements:
            if a.event is not None:
                self._signed_at.setdefault(id(a.event), []).append(a)
        # (type, id(entity)) -> positions in events of the kept events with it: the
        # events an event may repeat share its entities, so only those are compared
        having: dict[tuple[str, int], list[int]] = defaultdict(list)
        for event in self.events:
            if len(event.participants) < 2:
                continue
            same = self._repeated(event, events, having)
            if same is None:
                same, added = len(events), list(event.participants)
                events.append(event)
            else:
                added = [i for i in event.participants if i not in events[same].participants]
                self._merge_event(events[same], event)
            for entity_id in added:
                having[(event.type, entity_id)].append(same)
        return events, self._agreements(events)

    @staticmethod
    def _repeated(event: Event, events: list[Event], having: dict[tuple[str, int], list[int]]) -> int | None:
        """The position of the first kept event this one repeats, if any (see
        _same_event): one whose entities are all its own, or who has all of its."""
        shared = Counter(
            i for entity_id in event.participants for i in having.get((event.type, entity_id), ())
        )
        return next(
            (i for i in sorted(shared)
             if shared[i] in (len(event.participants), len(events[i].participants)) and _same_event(events[i], event)),
            None,
        )  # fmt: skip

    def _merge_event(self, same: Event, event: Event) -> None:
        same.sentences += event.sentences
        same.date = same.date or event.date
        for entity, role in event.participants.values():
            same.add(entity, role)
        for a in self._signed_at.pop(id(event), []):  # its agreements were signed at the one it repeats
            a.event = same
            self._signed_at.setdefault(id(same), []).append(a)

    def _agreements(self, events: list[Event]) -> list[Agreement]:
        agreements: list[Agreement] = []
        kept = {id(e) for e in events}
        # (type, id(party)) -> positions in agreements: a repeat shares a party, so only those are compared
        having: dict[tuple[str, int], list[int]] = defaultdict(list)
        for a in self.agreements:
            if a.event is not None and id(a.event) not in kept:
                a.event = None
            shared = sorted({i for p in a.parties for i in having.get((a.type, p), ())})
            position = next((i for i in shared if _same_agreement(agreements[i], a)), None)
            if position is None:
                for p in a.parties:
                    having[(a.type, p)].append(len(agreements))
                agreements.append(a)
            else:
                same = agreements[position]
                for p in set(a.parties) - set(same.parties):
                    having[(a.type, p)].append(position)
                same.parties.update(a.parties)
                same.signatories += [s for s in a.signatories if s not in same.signatories]
                same.date = same.date or a.date
                same.event = same.event or a.event
        return agreements


def _trigger_text(sentence: Sentence) -> str:
    """The sentence as trigger patterns read it: lower case, apostrophes dropped
    ("Töreni’nde" is "törenide", a reference like "törende")."""
    text = turkish.lower(sentence.text)
    for mark in turkish.APOSTROPHES:  # (str.replace where there is one: a regex reads every character)
        if mark in text:
            text = text.replace(mark, "")
    return text


def _event_class(kind: str) -> str:
    """A visit told by the host is a meeting told by the guest."""
    return "encounter" if kind in {"visit", "meeting"} else kind


def _is_place(sentence: Sentence, span: Span, lex: Lexicon) -> bool:
    """ "Arsin OSB’nde faaliyet gösteren X": the zone says where X is; it takes no part."""
    tokens = sentence.tokens
    if not tokens[span.token_end].suffix.endswith(("de", "da", "te", "ta")):
        return False
    following = " ".join(t.lower for t in tokens[span.token_end + 1 : span.token_end + 3])
    return following.startswith(lex.function_words["located"])


def _clause_start(sentence: Sentence, offset: int) -> int:
    """The first token of the clause (between semicolons) holding text offset `offset`."""
    start = sentence.start + offset
    semicolons = [i for i, t in enumerate(sentence.tokens) if t.base == ";" and t.start < start]
    return semicolons[-1] + 1 if semicolons else 0


def _organises(tok: Token) -> bool:
    return tok.lower.startswith(("düzenlen", "organize"))


def _purpose_clause(sentence: Sentence) -> tuple[int, int]:
    """The tokens of a "… -mak üzere" clause ("X’teki toplantıya katılmak üzere
    Trabzon’a gelen heyet"): what the visitors came for, not whom they met."""
    if "üzere" not in sentence.text:
        return 0, 0
    tokens = sentence.tokens
    for i, tok in enumerate(tokens):
        if tok.base == "üzere" and i and tokens[i - 1].lower.endswith(("mak", "mek")):
            start = max((k for k in range(i) if tokens[k].base == ","), default=-1) + 1
            return start, i
    return 0, 0


def _compatible(a: date | None, b: date | None) -> bool:
    return a is None or b is None or a == b


def _same_event(a: Event, b: Event) -> bool:
    if a.type != b.type or not _compatible(a.date, b.date):
        return False
    return a.entities <= b.entities or b.entities <= a.entities


def _same_agreement(a: Agreement, b: Agreement) -> bool:
    if a.type != b.type or not _compatible(a.date, b.date):
        return False
    pa, pb = set(a.parties), set(b.parties)
    return bool(pa | pb) and len(pa & pb) / len(pa | pb) >= 0.5


def _agreement_title(sentence: Sentence, start: int, end: int) -> str:
    """The document as the text names it: "ATİK Mutabakat Metni", "İş birliği protokolü"."""
    phrase = sentence.text[start:end].strip()
    for stem in ("protokol", "sözleşme", "anlaşma"):
        if turkish.lower(phrase).startswith(stem):
            phrase = stem
    before = sentence.text[:start].rstrip()
    if phrase == "protokol" and re.search(r"iş ?birliği$", turkish.lower(before)):
        phrase = "iş birliği protokolü"
    acronym = re.search(r"\((\w+)\)$", before)
    if acronym:
        phrase = f"{acronym.group(1)} {phrase}"
    return turkish.upper(phrase[:1]) + phrase[1:]
