"""Facts of one article -> rows of the extraction tables, each with provenance."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from haberdar import turkish
from haberdar.extract import EXTRACTOR_VERSION
from haberdar.extract.document import Facts
from haberdar.extract.text import Sentence

_PROVENANCE = [
    ("sentence_index", pa.int32()),
    ("char_start", pa.int32()),
    ("char_end", pa.int32()),
    ("evidence", pa.string()),
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


def _provenance(sentences: list[Sentence]) -> dict[str, Any]:
    first = sentences[0]
    return {
        "sentence_index": first.index,
        "char_start": first.start,
        "char_end": sentences[-1].end,
        "evidence": " ".join(s.text for s in sentences),
        "extractor_version": EXTRACTOR_VERSION,
    }


def facts_to_rows(content_hash: str, facts: Facts) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in SCHEMAS}
    entity_ids = {id(e): n for n, e in enumerate(facts.entities, start=1)}
    first_mention: dict[int, Any] = {}
    for sentence in facts.sentences:
        for span in facts.mentions.get(sentence.index, []):
            eid = entity_ids.get(id(span.entity))
            if eid is None:
                continue
            tokens = sentence.tokens
            start, end = (
                tokens[span.token_start].start,
                tokens[span.token_end].end - len(tokens[span.token_end].suffix),
            )
            first_mention.setdefault(eid, sentence)
            rows["institution_mentions"].append(
                {"content_hash": content_hash, "entity_id": eid, "sentence_index": sentence.index,
                 "char_start": start, "char_end": end}
            )  # fmt: skip
    for e in facts.entities:
        eid = entity_ids[id(e)]
        if eid not in first_mention:
            continue  # named only in a headline
        rows["institutions"].append({
            "content_hash": content_hash, "entity_id": eid, "name": e.name, "name_key": turkish.key(e.name),
            "acronym": e.acronym, "alias_keys": sorted({turkish.key(a) for a in e.aliases}),
            "institution_type": e.type, "city": e.city, "aliases": sorted(e.aliases), "found_by": e.how,
            "mention_count": facts.mention_counts.get(id(e), 0), **_provenance([first_mention[eid]]),
        })  # fmt: skip
    known = {r["entity_id"] for r in rows["institutions"]}
    rows["institution_mentions"] = [r for r in rows["institution_mentions"] if r["entity_id"] in known]

    person_ids = {}
    for n, p in enumerate(facts.persons, start=1):
        person_ids[p.full_name] = n
        sentence_index = p.mentions[0][0]
        eid = entity_ids.get(id(p.entity)) if p.entity else None
        rows["persons"].append({
            "content_hash": content_hash, "person_id": n, "full_name": p.full_name,
            "name_key": turkish.key(p.full_name), "title": p.title,
            "entity_id": eid if eid in known else None, "mention_count": len(p.mentions),
            **_provenance([facts.sentences[sentence_index]]),
        })  # fmt: skip

    event_ids = {}
    for ev in facts.events:
        written = {
            entity_ids[id(e)]: role for e, role in ev.participants.values() if entity_ids.get(id(e)) in known
        }
        if len(written) < 2:
            continue  # an event is institutions meeting: one named only in a headline does not count
        n = event_ids[id(ev)] = len(event_ids) + 1
        rows["events"].append({
            "content_hash": content_hash, "event_id": n, "event_type": ev.type, "event_date": ev.date,
            "city": ev.city, **_provenance(ev.sentences),
        })  # fmt: skip
        rows["event_participants"] += [
            {"content_hash": content_hash, "event_id": n, "entity_id": eid, "role": role}
            for eid, role in written.items()
        ]
    for n, ag in enumerate(facts.agreements, start=1):
        rows["agreements"].append({
            "content_hash": content_hash, "agreement_id": n, "agreement_type": ag.type, "title": ag.title,
            "signed_date": ag.date or (ag.event.date if ag.event else None),
            "event_id": event_ids.get(id(ag.event)) if ag.event else None, **_provenance([ag.sentence]),
        })  # fmt: skip
        for entity in ag.parties.values():
            if entity_ids.get(id(entity)) in known:
                rows["agreement_parties"].append(
                    {"content_hash": content_hash, "agreement_id": n, "entity_id": entity_ids[id(entity)]}
                )
        for name in ag.signatories:
            if name in person_ids:
                rows["agreement_signatories"].append(
                    {"content_hash": content_hash, "agreement_id": n, "person_id": person_ids[name]}
                )
    return rows
