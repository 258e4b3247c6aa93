"""The report's page per institution and page per article. The marts are turned
into plain look-ups once (a page is then a few dictionary reads and a template),
since a warehouse of 100,000 articles makes 100,000 pages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from haberdar.report import data
from haberdar.report.highlight import Span, highlight, name_spans, shift

UP = "../"  # these pages are one folder down from the overview
FINDER_CHARS = 2_000  # of each text, in the overview's search box
# of each list on an institution's page, the newest: a ministry is in thousands of
# articles, and the marts (bridge_article_institution, ...) hold them all
LIST_ROWS = 100


@dataclass(frozen=True)
class Marked:
    """A text to show with its institutions and persons marked. Marked when a
    template prints it (Jinja calls __html__), so a page's context is cheap to
    build and to compare with the last report's (its repr) before it is rendered."""

    text: str
    spans: tuple[Span, ...]
    names: tuple[tuple[str, str], ...]  # person's full name, label

    def __html__(self) -> str:
        return highlight(self.text, [*self.spans, *name_spans(self.text, dict(self.names))])


def records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts with None, not NaN, where a value is missing (NaN is truthy in a template)."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def institution_href(key: str, up: str = "") -> str:
    return f"{up}institutions/{key}.html"


def article_href(key: str, up: str = "") -> str:
    return f"{up}articles/{key}.html"


def _grouped(rows: list[dict], by: str, take: Callable[[dict], object] = lambda r: r) -> dict[str, list]:
    out: dict[str, list] = defaultdict(list)
    for row in rows:
        out[row[by]].append(take(row))
    return out


def _newest_first(rows: list[dict], column: str) -> list[dict]:
    """The LIST_ROWS newest rows, undated last."""
    dated = sorted((r for r in rows if r[column] is not None), key=lambda r: str(r[column]), reverse=True)
    return (dated + [r for r in rows if r[column] is None])[:LIST_ROWS]


class Lookups:
    """Everything a page needs, by key."""

    def __init__(self, marts: data.Marts, activity: pd.DataFrame, paged: set[str]) -> None:
        self.paged = paged  # the articles with a page of their own
        self.names = dict(zip(activity["institution_key"], activity["canonical_name"], strict=True))
        self.articles = {a["article_key"]: a for a in records(marts["dim_article"])}
        self.events = {e["event_key"]: e for e in records(data.dated_events(marts))}
        self.agreements = {a["agreement_key"]: a for a in records(data.dated_agreements(marts))}
        event_parties = records(marts["bridge_event_institution"])
        agreement_parties = records(marts["bridge_agreement_institution"])
        self.event_parties = _grouped(event_parties, "event_key", lambda r: r["institution_key"])
        self.agreement_parties = _grouped(agreement_parties, "agreement_key", lambda r: r["institution_key"])
        self.events_of = _grouped(event_parties, "institution_key", lambda r: r["event_key"])
        self.agreements_of = _grouped(agreement_parties, "institution_key", lambda r: r["agreement_key"])
        persons = records(marts["dim_person"])
        full_names = {p["person_key"]: p["full_name"] for p in persons}
        self.signers = _grouped(records(marts["bridge_agreement_person"]), "agreement_key",
                                lambda r: full_names[r["person_key"]])  # fmt: skip
        self.persons_of = _grouped([p for p in persons if p["institution_key"]], "institution_key")
        self.mentioned_in = _grouped(records(marts["bridge_article_institution"]), "institution_key")
        self.events_in = _grouped(list(self.events.values()), "article_key")
        self.agreements_in = _grouped(list(self.agreements.values()), "article_key")
        self.marks = self._institution_marks(marts)
        self.named_persons = self._persons_by_article(marts, persons)

    def _institution_marks(self, marts: data.Marts) -> dict[str, list[Span]]:
        """Per article, a mark for every institution name in its text, linking to the
        institution's page."""
        marks: dict[str, list[Span]] = defaultdict(list)
        for m in marts["fct_institution_mention"].itertuples(index=False):
            marks[m.article_key].append(
                Span(int(m.char_start), int(m.char_end), institution_href(m.institution_key, UP),
                     self.names.get(m.institution_key))
            )  # fmt: skip
        return marks

    @staticmethod
    def _persons_by_article(marts: data.Marts, persons: list[dict]) -> dict[str, dict[str, str]]:
        """Per article, the persons it names: full name -> "name, title" (shown on hover)."""
        label = {p["person_key"]: ", ".join(filter(None, (p["full_name"], p["title"]))) for p in persons}
        name = {p["person_key"]: p["full_name"] for p in persons}
        out: dict[str, dict[str, str]] = defaultdict(dict)
        for row in marts["bridge_article_person"].itertuples(index=False):
            out[row.article_key][name[row.person_key]] = label[row.person_key]
        return out

    def article_link(self, key: str) -> str | None:
        """An article's page, else where it was published (if on the web)."""
        if key in self.paged:
            return article_href(key, UP)
        uri = self.articles[key]["source_uri"]
        return uri if uri.startswith(("http://", "https://")) else None

    def marked(self, text: str, article_key: str, offset: int = 0) -> Marked:
        """text (the article's, or its part starting at offset) with the institutions
        and persons read from the article to be marked."""
        spans = shift(self.marks.get(article_key, []), offset, len(text))
        return Marked(text, tuple(spans), tuple(self.named_persons.get(article_key, {}).items()))


def institution_context(lookups: Lookups, institution: dict) -> dict:
    """What institution.html shows of one institution."""
    key = institution["institution_key"]

    def others(parties: list[str]) -> list[dict]:
        return [
            {"name": lookups.names.get(k, k), "href": institution_href(k, UP)} for k in parties if k != key
        ]

    def fact(row: dict, parties: list[str]) -> dict:
        return row | {
            "others": others(parties),
            "evidence_html": lookups.marked(row["evidence"], row["article_key"], int(row["char_start"])),
            "article_href": lookups.article_link(row["article_key"]),
        }

    events = [lookups.events[k] for k in lookups.events_of.get(key, [])]
    agreements = [lookups.agreements[k] for k in lookups.agreements_of.get(key, [])]
    articles = [lookups.articles[m["article_key"]] | {"mention_count": m["mention_count"],
                                                      "href": lookups.article_link(m["article_key"])}
                for m in lookups.mentioned_in.get(key, [])]  # fmt: skip
    persons = lookups.persons_of.get(key, [])
    return {
        "institution": institution,
        "events": [
            fact(e, lookups.event_parties.get(e["event_key"], [])) for e in _newest_first(events, "when")
        ],
        "agreements": [
            fact(a, lookups.agreement_parties.get(a["agreement_key"], []))
            | {"signers": lookups.signers.get(a["agreement_key"], [])}
            for a in _newest_first(agreements, "when")
        ],
        "persons": sorted(persons, key=lambda p: -p["article_count"])[:LIST_ROWS],
        "articles": _newest_first(articles, "published_date"),
        "totals": {
            "events": len(events),
            "agreements": len(agreements),
            "persons": len(persons),
            "articles": len(articles),
        },
    }


def article_context(lookups: Lookups, text: dict) -> dict:
    """What article.html shows of one article (text: a dim_article_text row)."""
    key = text["article_key"]
    return {
        "key": key,
        "article": lookups.articles[key],
        "text_html": lookups.marked(text["body_text"] or "", key),
        "events": lookups.events_in.get(key, []),
        "agreements": lookups.agreements_in.get(key, []),
    }


def write_pages(
    write: Callable[..., None], warehouse: Path, lookups: Lookups, activity: pd.DataFrame, newest: set[str]
) -> list[dict]:
    """The page of every article in lookups.paged (a batch of texts read at a time),
    then every institution's. Returns the newest articles' rows for the overview's search box:
    title, date, href and the search form of title and text (its start)."""
    finder = []
    for text in data.article_texts(warehouse, sorted(lookups.paged)):
        key = text["article_key"]
        context = article_context(lookups, text)
        write(article_href(key), "article.html", up=UP, **context)
        if key in newest:
            search = text["search_title"] + text["search_body"][:FINDER_CHARS]
            finder.append({"title": context["article"]["title"] or key, "date": context["article"]["published_date"],
                           "href": article_href(key), "search": search})  # fmt: skip
    for institution in records(activity):
        write(institution_href(institution["institution_key"]), "institution.html", up=UP,
              **institution_context(lookups, institution))  # fmt: skip
    return finder
