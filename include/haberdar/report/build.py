"""Writes the static HTML report of a published warehouse: an overview page
(charts, search, every institution), a page per institution and a page per
article. It is written beside the old report and swapped in whole, so a reader
never sees half of one; it needs no server and nothing from the network."""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections import defaultdict
from pathlib import Path

import pandas as pd
import vl_convert
from jinja2 import Environment, FileSystemLoader, select_autoescape

from haberdar.config import ConfigError
from haberdar.report import charts, data
from haberdar.report.highlight import Span, highlight, name_spans, shift

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent / "templates"
VEGA_BUNDLE = "vega-embed.js"
TOP_NODES = 80  # institutions in the network: more is a hairball
# what the overview's search box covers: the newest articles' titles and the start of
# their texts (the page carries them); marts.search_articles covers everything
FINDER_ARTICLES, FINDER_CHARS = 2_000, 2_000
PROGRESS_EVERY = 1_000
MARKER = ".haberdar-report"


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True))
    env.filters["date"] = lambda d: "" if pd.isna(d) else pd.Timestamp(d).strftime("%Y-%m-%d")
    env.filters["label"] = lambda s: "" if not isinstance(s, str) else s.replace("_", " ")
    return env


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts with None, not NaN, where a value is missing (NaN is truthy in a template)."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _institution_href(key: str, up: str = "") -> str:
    return f"{up}institutions/{key}.html"


def _article_href(key: str, up: str = "") -> str:
    return f"{up}articles/{key}.html"


def _activity(marts: data.Marts, participation: pd.DataFrame) -> pd.DataFrame:
    counts = participation.pivot_table(index="institution_key", columns="kind", values="fact_key",
                                       aggfunc="nunique", fill_value=0)  # fmt: skip
    counts = counts.reindex(columns=["event", "agreement"], fill_value=0)
    counts.columns = ["events", "agreements"]
    table = marts["dim_institution"].join(counts, on="institution_key")
    table[["events", "agreements"]] = table[["events", "agreements"]].fillna(0).astype(int)
    table["activity"] = table["events"] + table["agreements"]
    return table.sort_values(["activity", "article_count", "canonical_name"], ascending=[False, False, True])


def _overview_specs(marts: data.Marts, activity: pd.DataFrame, participation: pd.DataFrame) -> dict:
    events, agreements = data.encounters(marts), data.dated_agreements(marts)
    top = activity[activity["activity"] > 0].head(TOP_NODES)
    nodes = pd.DataFrame({"institution_key": top["institution_key"], "name": top["canonical_name"],
                          "type": top["institution_type"], "href": top["institution_key"].map(_institution_href)})  # fmt: skip
    keep = set(nodes["institution_key"])
    node_months = (
        participation[participation["institution_key"].isin(keep)]
        .groupby(["institution_key", "month"], dropna=False)
        .size()
        .reset_index(name="activity")
    )
    pairs = data.links(participation)
    pairs = pairs[pairs["a"].isin(keep) & pairs["b"].isin(keep)]
    cities = data.province_activity(marts).rename(columns={"province": "city"})
    named = top.head(15).assign(href=lambda t: t["institution_key"].map(_institution_href))
    return {
        "network": charts.network(nodes, node_months, pairs),
        "monthly": charts.monthly_activity(events, agreements),
        "map": charts.province_map(cities.rename(columns={"city": "province"})),
        "institutions": charts.top_bars(named, "canonical_name", "Most active institutions", href="href"),
        "cities": charts.top_bars(cities.head(15), "city", "Most active provinces"),
    }


class _Writer:
    """Renders templates into the new report folder and counts the pages."""

    def __init__(self, root: Path) -> None:
        self.root, self.env, self.pages = root, _environment(), 0
        self.started = time.monotonic()

    def page(self, relative: str, template: str, **context) -> None:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.env.get_template(template).render(**context), encoding="utf-8")
        self.pages += 1
        if self.pages % PROGRESS_EVERY == 0:
            log.info("report: %d pages written (%.0f s)", self.pages, time.monotonic() - self.started)


def _institution_pages(writer: _Writer, marts: data.Marts, activity: pd.DataFrame, marks: dict) -> None:
    events = data.dated_events(marts).set_index("event_key")
    agreements = data.dated_agreements(marts).set_index("agreement_key")
    names = activity.set_index("institution_key")["canonical_name"]
    people = marts["dim_person"].set_index("person_key")
    by_event = marts["bridge_event_institution"].groupby("event_key")["institution_key"].apply(list)
    by_agreement = (
        marts["bridge_agreement_institution"].groupby("agreement_key")["institution_key"].apply(list)
    )
    signers = marts["bridge_agreement_person"].groupby("agreement_key")["person_key"].apply(list)
    articles = marts["dim_article"].set_index("article_key")
    persons = _persons_by_article(marts)

    def evidence(fact: dict) -> str:
        spans = shift(marks.get(fact["article_key"], []), int(fact["char_start"]), len(fact["evidence"]))
        return highlight(
            fact["evidence"], spans + name_spans(fact["evidence"], persons.get(fact["article_key"], {}))
        )

    def others(keys: list, me: str) -> list[dict]:
        return [{"name": names.get(k, k), "href": _institution_href(k, "../")} for k in keys if k != me]

    event_keys = marts["bridge_event_institution"].groupby("institution_key")["event_key"].apply(list)
    agreement_keys = (
        marts["bridge_agreement_institution"].groupby("institution_key")["agreement_key"].apply(list)
    )
    mentioned = marts["bridge_article_institution"].groupby("institution_key")
    for row in activity.itertuples(index=False):
        key = row.institution_key
        its_events = events.loc[event_keys.get(key, [])].sort_values("when", na_position="last").reset_index()
        its_agreements = agreements.loc[agreement_keys.get(key, [])].sort_values("when").reset_index()
        in_articles = (
            mentioned.get_group(key).join(articles, on="article_key")
            if key in mentioned.groups
            else pd.DataFrame(columns=["article_key", "title", "published_date", "mention_count"])
        )
        writer.page(
            _institution_href(key), "institution.html", up="../", institution=row,
            events=[{**e, "others": others(by_event.get(e["event_key"], []), key), "evidence_html": evidence(e),
                     "article_href": _article_href(e["article_key"], "../")} for e in _records(its_events)],
            agreements=[{**a, "others": others(by_agreement.get(a["agreement_key"], []), key),
                         "signers": [people.loc[p, "full_name"] for p in signers.get(a["agreement_key"], [])],
                         "evidence_html": evidence(a), "article_href": _article_href(a["article_key"], "../")}
                        for a in _records(its_agreements)],
            persons=_records(marts["dim_person"][marts["dim_person"]["institution_key"] == key]),
            articles=[{**a, "href": _article_href(a["article_key"], "../")}
                      for a in _records(in_articles.sort_values("published_date", ascending=False))],
        )  # fmt: skip


def _mention_marks(marts: data.Marts, names: pd.Series) -> dict[str, list[Span]]:
    """Per article, a mark for every institution name in its text, linking to the
    institution's page (hrefs relative to a page one folder down)."""
    marks: dict[str, list[Span]] = defaultdict(list)
    for m in marts["fct_institution_mention"].itertuples(index=False):
        marks[m.article_key].append(
            Span(int(m.char_start), int(m.char_end), _institution_href(m.institution_key, "../"),
                 names.get(m.institution_key))
        )  # fmt: skip
    return marks


def _persons_by_article(marts: data.Marts) -> dict[str, dict[str, str]]:
    """Per article, the persons it names: full name -> "name, title"."""
    people = marts["dim_person"].set_index("person_key")[["full_name", "title"]]
    named = marts["bridge_article_person"].join(people, on="person_key")
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for p in named.itertuples(index=False):
        out[p.article_key][p.full_name] = (
            f"{p.full_name}, {p.title}" if isinstance(p.title, str) else p.full_name
        )
    return out


def _article_pages(writer: _Writer, warehouse: Path, marts: data.Marts, marks: dict) -> pd.DataFrame:
    """A page per article; returns the search box's rows for the newest articles."""
    by_date = marts["dim_article"].sort_values("published_date", ascending=False)
    newest = set(by_date["article_key"].head(FINDER_ARTICLES))
    articles = {a["article_key"]: a for a in _records(by_date)}
    events = marts["fct_event"].groupby("article_key")
    agreements = marts["fct_agreement"].groupby("article_key")
    finder = []
    persons = _persons_by_article(marts)
    for text in data.article_texts(warehouse):
        key, body = text["article_key"], text["body_text"] or ""
        article = articles[key]
        writer.page(
            _article_href(key), "article.html", up="../", article=article, key=key,
            text_html=highlight(body, marks.get(key, []) + name_spans(body, persons.get(key, {}))),
            events=_records(events.get_group(key)) if key in events.groups else [],
            agreements=_records(agreements.get_group(key)) if key in agreements.groups else [],
        )  # fmt: skip
        if key in newest:
            finder.append({"title": article["title"] or key, "date": writer.env.filters["date"](article["published_date"]),
                           "href": _article_href(key), "search": text["search_title"] + text["search_body"][:FINDER_CHARS]})  # fmt: skip
    return pd.DataFrame(finder, columns=["title", "date", "href", "search"])


def build_report(warehouse: Path, out: Path) -> dict:
    """Write the report of `warehouse` to the folder `out` and return what it holds."""
    _check_replaceable(out)
    started = time.monotonic()
    marts = data.read_marts(warehouse)
    participation = data.participations(marts)
    activity = _activity(marts, participation)
    names = activity.set_index("institution_key")["canonical_name"]
    new = out.with_name(f".{out.name}.new-{os.getpid()}")
    shutil.rmtree(new, ignore_errors=True)
    (new / "assets").mkdir(parents=True)
    (new / "assets" / VEGA_BUNDLE).write_text(vl_convert.javascript_bundle(), encoding="utf-8")
    writer = _Writer(new)
    marks = _mention_marks(marts, names)
    finder = _article_pages(writer, warehouse, marts, marks)
    _institution_pages(writer, marts, activity, marks)
    totals = {"articles": len(marts["dim_article"]), "institutions": len(activity),
              "events": len(marts["fct_event"]), "agreements": len(marts["fct_agreement"]),
              "persons": len(marts["dim_person"])}  # fmt: skip
    specs = _overview_specs(marts, activity, participation) | {"finder": charts.article_finder(finder)}
    writer.page("index.html", "index.html", up="", totals=totals, specs=specs, finder_limit=FINDER_ARTICLES, top_nodes=TOP_NODES,
                institutions=_records(activity.assign(href=activity["institution_key"].map(_institution_href))))  # fmt: skip
    _swap(new, out)
    seconds = round(time.monotonic() - started, 1)
    log.info("report: %d pages in %s (%.1f s)", writer.pages, out, seconds)
    return {"report": str(out / "index.html"), "pages": writer.pages, "seconds": seconds}


def _check_replaceable(out: Path) -> None:
    """Only a report (or nothing) is ever replaced: --out naming a folder of other
    things is refused before anything is written."""
    if out.exists() and not (out / MARKER).exists() and (not out.is_dir() or any(out.iterdir())):
        raise ConfigError(f"{out} exists and is not a Haberdar report: pass an empty or new folder as --out")


def _swap(new: Path, out: Path) -> None:
    """Put the new report where the old one was: two renames, the old one deleted after."""
    (new / MARKER).write_text("a Haberdar report: `haberdar report` replaces this folder whole\n")
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if out.exists():
        out.rename(old)
    new.rename(out)
    shutil.rmtree(old, ignore_errors=True)
