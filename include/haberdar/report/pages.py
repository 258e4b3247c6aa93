"""The report's page per institution and page per article. What they show is read
once, capped (the newest LIST_ROWS of each list) and grouped by key, so a page is
then a few dictionary reads and a template: a warehouse of 100,000 articles makes
tens of thousands of pages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd

from haberdar.report.data import Reader
from haberdar.report.highlight import Span, highlight, name_spans

UP = "../"  # these pages are one folder down from the overview
FINDER_CHARS = 2_000  # of each text, in the overview's search box
# of each list on an institution's page, the newest: a ministry is in thousands of
# articles, and the marts (bridge_article_institution, ...) hold them all
LIST_ROWS = 100
TEXT_BATCH = 2_000  # articles whose texts are held at once
ARTICLE_COLUMNS = ("article_key", "title", "published_date", "source_uri")  # of an article's page


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


def institution_href(key: str, up: str = "") -> str:
    return f"{up}institutions/{key}.html"


def article_href(key: str, up: str = "") -> str:
    return f"{up}articles/{key}.html"


def _grouped(rows: Iterable[dict], by: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        out[row[by]].append(row)
    return out


Passage = tuple[str, int, str]  # article key, offset in the article's text, text


class Lookups:
    """Everything a page needs, by key."""

    def __init__(self, reader: Reader, institutions: list[dict], paged: set[str]) -> None:
        self.reader = reader
        self.paged = paged  # the articles with a page of their own
        self.names = {i["institution_key"]: i["canonical_name"] for i in institutions}
        self.events_of = _grouped(reader.records("institution_events", rows=LIST_ROWS), "institution_key")
        self.agreements_of = _grouped(
            reader.records("institution_agreements", rows=LIST_ROWS), "institution_key"
        )
        self.articles_of = _grouped(reader.records("institution_articles", rows=LIST_ROWS), "institution_key")
        self.persons_of = _grouped(reader.records("institution_persons", rows=LIST_ROWS), "institution_key")
        facts = [f for rows in (*self.events_of.values(), *self.agreements_of.values()) for f in rows]
        passages = list({_passage(f) for f in facts})
        self.evidence = dict(zip(passages, self.marked(passages), strict=True))
        with_pages = _keys(paged)
        self.events_in = _grouped(reader.records("article_events", with_pages), "article_key")
        self.agreements_in = _grouped(reader.records("article_agreements", with_pages), "article_key")

    def marked(self, passages: list[Passage]) -> list[Marked]:
        """Each passage with the institutions and persons read from its article marked."""
        table = {"passages": pd.DataFrame(passages, columns=["article_key", "char_start", "text"])
                 .assign(passage=range(len(passages)))}  # fmt: skip
        spans: dict[int, list[Span]] = defaultdict(list)
        for m in self.reader.records("passage_institutions", table):
            key = m["institution_key"]
            spans[m["passage"]].append(
                Span(m["start"], m["end"], institution_href(key, UP), self.names.get(key))
            )
        names: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for p in self.reader.records("passage_persons", table):
            names[p["passage"]].append((p["full_name"], p["label"]))
        return [Marked(text, tuple(spans[i]), tuple(names[i])) for i, (_, _, text) in enumerate(passages)]

    def article_link(self, key: str, source_uri: str) -> str | None:
        """An article's page, else where it was published (if on the web)."""
        if key in self.paged:
            return article_href(key, UP)
        return source_uri if source_uri.startswith(("http://", "https://")) else None

    def fact(self, row: dict) -> dict:
        """An event or agreement as an institution's page lists it."""
        return row | {
            "others": [
                {"name": self.names.get(k, k), "href": institution_href(k, UP)} for k in row["others"]
            ],
            "evidence_html": self.evidence[_passage(row)],
            "article_href": self.article_link(row["article_key"], row["source_uri"]),
        }


def _keys(keys: Iterable[str]) -> dict[str, pd.DataFrame]:
    """Article keys as the table `paged` of a query."""
    return {"paged": pd.DataFrame({"article_key": sorted(keys)}, dtype=str)}


def _passage(fact: dict) -> Passage:
    return fact["article_key"], fact["char_start"], fact["evidence"]


def _total(rows: list[dict]) -> int:
    return rows[0]["total"] if rows else 0


def institution_context(lookups: Lookups, institution: dict) -> dict:
    """What institution.html shows of one institution."""
    key = institution["institution_key"]
    events, agreements = lookups.events_of.get(key, []), lookups.agreements_of.get(key, [])
    articles, persons = lookups.articles_of.get(key, []), lookups.persons_of.get(key, [])
    return {
        "institution": institution,
        "events": [lookups.fact(e) for e in events],
        "agreements": [lookups.fact(a) for a in agreements],
        "persons": persons,
        "articles": [a | {"href": lookups.article_link(a["article_key"], a["source_uri"])} for a in articles],
        "totals": {"events": _total(events), "agreements": _total(agreements), "persons": _total(persons),
                   "articles": _total(articles)},
    }  # fmt: skip


def write_pages(
    write: Callable[..., None], lookups: Lookups, institutions: list[dict], newest: set[str]
) -> list[dict]:
    """The page of every article in lookups.paged (the texts of TEXT_BATCH at a time),
    then every institution's. Returns the newest articles' rows for the overview's search box:
    title, date, href and the search form of title and text (its start)."""
    finder = []
    keys = sorted(lookups.paged)
    for start in range(0, len(keys), TEXT_BATCH):
        batch = lookups.reader.records("article_texts", _keys(keys[start : start + TEXT_BATCH]))
        texts = lookups.marked([(a["article_key"], 0, a["body_text"] or "") for a in batch])
        for row, text_html in zip(batch, texts, strict=True):
            key, article = row["article_key"], {c: row[c] for c in ARTICLE_COLUMNS}
            write(article_href(key), "article.html", up=UP, key=key, article=article, text_html=text_html,
                  events=lookups.events_in.get(key, []), agreements=lookups.agreements_in.get(key, []))  # fmt: skip
            if key in newest:
                finder.append({"title": article["title"] or key, "date": article["published_date"],
                               "href": article_href(key), "search": row["search_title"] + row["search_body"][:FINDER_CHARS]})  # fmt: skip
    for institution in institutions:
        write(institution_href(institution["institution_key"]), "institution.html", up=UP,
              **institution_context(lookups, institution))  # fmt: skip
    return finder
