"""Facts of one article -> rows of the extraction tables, each with provenance."""

from __future__ import annotations

from typing import Any, Final

import pyarrow as pa

from haberdar import turkish
from haberdar.extract import EXTRACTOR_VERSION
from haberdar.extract.document import Facts
from haberdar.extract.text import Sentence

_PROVENANCE: Final = [
    ("sentence_index", pa.int32()),
    ("char_start", pa.int32()),
    ("char_end", pa.int32()),
    # dictionary-encoded: the facts read from one sentence share one copy of it, in
    # memory and in the Parquet part, not one copy per row
    ("evidence", pa.dictionary(pa.int32(), pa.string())),
    ("extractor_version", pa.string()),
]
SCHEMAS: dict[str, pa.Schema] = {
    "institutions": pa.schema([
        ("content_hash", pa.string()), ("entity_id", pa.int32()), ("name", pa.string()),
        ("name_key", pa.string()), ("acronym", pa.string()), ("alias_keys", pa.list_(pa.string())), ("institution_type", pa.string()), ("city", pa.string()),
        ("aliases", pa.list_(pa.string())), ("found_by", pa.string()), ("mention_count", pa.int32()),
        *_PROVENANCE,
    ]),
    "institution_mentions": pa.schema([
        ("content_hash", pa.string()), ("entity_id", pa.int32()), ("sentence_index", pa.int32()),
        ("char_start", pa.int32()), ("char_end", pa.int32()),
    ]),
    "persons": pa.schema([
        ("content_hash", pa.string()), ("person_id", pa.int32()), ("full_name", pa.string()),
        ("name_key", pa.string()),
        ("title", pa.string()), ("entity_id", pa.int32()), ("mention_count", pa.int32()), *_PROVENANCE,
    ]),
    "events": pa.schema([
        ("content_hash", pa.string()), ("event_id", pa.int32()), ("event_type", pa.string()),
        ("event_date", pa.date32()), ("city", pa.string()), *_PROVENANCE,
    ]),
    "event_participants": pa.schema([
        ("content_hash", pa.string()), ("event_id", pa.int32()), ("entity_id", pa.int32()), ("role", pa.string()),
    ]),
    "agreements": pa.schema([
        ("content_hash", pa.string()), ("agreement_id", pa.int32()), ("agreement_type", pa.string()),
        ("title", pa.string()), ("signed_date", pa.date32()), ("event_id", pa.int32()), *_PROVENANCE,
    ]),
    "agreement_parties": pa.schema([
        ("content_hash", pa.string()), ("agreement_id", pa.int32()), ("entity_id", pa.int32()),
    ]),
    "agreement_signatories": pa.schema([
        ("content_hash", pa.string()), ("agreement_id", pa.int32()), ("person_id", pa.int32()),
    ]),
}  # fmt: skip


# Evidence is for a reader to check a fact: a sentence or two. A pathological
# "sentence" of 200,000 characters copied into every row of its facts would cost
# gigabytes; char_start/char_end still locate the whole span in the article.
EVIDENCE_CHARS: Final = 1_000


def _evidence(sentences: list[Sentence]) -> str:
    text = " ".join(s.text for s in sentences)
    return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 1].rstrip() + "…"


def _provenance(sentences: list[Sentence]) -> dict[str, Any]:
    first = sentences[0]
    return {
        "sentence_index": first.index,
        "char_start": first.start,
        "char_end": sentences[-1].end,
        "evidence": _evidence(sentences),
        "extractor_version": EXTRACTOR_VERSION,
    }


class _RowWriter:
    """Rows of one article's facts, table by table; ids are the order of writing,
    and only institutions that are written can be referred to."""

    def __init__(self, content_hash: str, facts: Facts) -> None:
        self.hash, self.facts = content_hash, facts
        self.rows: dict[str, list[dict[str, Any]]] = {name: [] for name in SCHEMAS}
        self.entity_ids: dict[int, int] = {}  # id(entity) -> entity_id, written institutions only
        self.person_ids: dict[str, int] = {}
        self.event_ids: dict[int, int] = {}

    def institutions(self) -> None:
        candidates = {id(e): n for n, e in enumerate(self.facts.entities, start=1)}
        first_mention: dict[int, Sentence] = {}
        mentions = []
        for sentence in self.facts.sentences:
            for span in self.facts.mentions.get(sentence.index, []):
                eid = candidates.get(id(span.entity))
                if eid is None:
                    continue
                last = sentence.tokens[span.token_end]
                first_mention.setdefault(eid, sentence)
                mentions.append({
                    "content_hash": self.hash, "entity_id": eid, "sentence_index": sentence.index,
                    "char_start": sentence.tokens[span.token_start].start, "char_end": last.base_end,
                })  # fmt: skip
        for e in self.facts.entities:
            eid = candidates[id(e)]
            if eid not in first_mention:
                continue  # named only in a headline
            self.entity_ids[id(e)] = eid
            self.rows["institutions"].append({
                "content_hash": self.hash, "entity_id": eid, "name": e.name, "name_key": turkish.key(e.name),
                "acronym": e.acronym, "alias_keys": sorted({turkish.key(a) for a in e.aliases}),
                "institution_type": e.type, "city": e.city, "aliases": sorted(e.aliases), "found_by": e.how,
                "mention_count": self.facts.mention_counts.get(id(e), 0), **_provenance([first_mention[eid]]),
            })  # fmt: skip
        self.rows["institution_mentions"] = mentions

    def persons(self) -> None:
        for n, p in enumerate(self.facts.persons, start=1):
            self.person_ids[p.full_name] = n
            self.rows["persons"].append({
                "content_hash": self.hash, "person_id": n, "full_name": p.full_name,
                "name_key": turkish.key(p.full_name), "title": p.title,
                "entity_id": self.entity_ids.get(id(p.entity)), "mention_count": len(p.mentions),
                **_provenance([self.facts.sentences[p.mentions[0][0]]]),
            })  # fmt: skip

    def events(self) -> None:
        for ev in self.facts.events:
            written = {
                self.entity_ids[id(e)]: role
                for e, role in ev.participants.values()
                if id(e) in self.entity_ids
            }
            if len(written) < 2:
                continue  # an event is institutions meeting: one named only in a headline does not count
            n = self.event_ids[id(ev)] = len(self.event_ids) + 1
            self.rows["events"].append({
                "content_hash": self.hash, "event_id": n, "event_type": ev.type, "event_date": ev.date,
                "city": ev.city, **_provenance(ev.sentences),
            })  # fmt: skip
            self.rows["event_participants"] += [
                {"content_hash": self.hash, "event_id": n, "entity_id": eid, "role": role}
                for eid, role in written.items()
            ]

    def agreements(self) -> None:
        for n, ag in enumerate(self.facts.agreements, start=1):
            self.rows["agreements"].append({
                "content_hash": self.hash, "agreement_id": n, "agreement_type": ag.type, "title": ag.title,
                "signed_date": ag.date or (ag.event.date if ag.event else None),
                "event_id": self.event_ids.get(id(ag.event)), **_provenance([ag.sentence]),
            })  # fmt: skip
            self.rows["agreement_parties"] += [
                {"content_hash": self.hash, "agreement_id": n, "entity_id": self.entity_ids[id(e)]}
                for e in ag.parties.values() if id(e) in self.entity_ids
            ]  # fmt: skip
            self.rows["agreement_signatories"] += [
                {"content_hash": self.hash, "agreement_id": n, "person_id": self.person_ids[name]}
                for name in ag.signatories if name in self.person_ids
            ]  # fmt: skip


def facts_to_rows(content_hash: str, facts: Facts) -> dict[str, list[dict[str, Any]]]:
    writer = _RowWriter(content_hash, facts)
    writer.institutions()
    writer.persons()
    writer.events()
    writer.agreements()
    return writer.rows
