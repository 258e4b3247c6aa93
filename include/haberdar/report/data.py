"""What the report reads: the published marts, as pandas frames, and the few
derived frames its charts share (when each event and agreement happened, who
took part, which provinces were active). Tables are read whole through DuckDB's
relational API; the marts stay the one place the warehouse's logic lives."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import pandas as pd

from haberdar import serve

TABLES = (
    "dim_article", "dim_institution", "dim_person", "fct_event", "fct_agreement",
    "bridge_event_institution", "bridge_agreement_institution", "bridge_agreement_person",
    "bridge_article_institution", "bridge_article_person", "fct_institution_mention",
)  # fmt: skip
ARTICLE_COLUMNS = ("article_key", "title", "published_date", "source_uri")


@dataclass
class Marts:
    frames: dict[str, pd.DataFrame]

    def __getitem__(self, table: str) -> pd.DataFrame:
        return self.frames[table]


def read_marts(warehouse: Path) -> Marts:
    """The marts, and the events and agreements dated once for every chart and page."""
    with serve.connect(warehouse) as con:
        # in one order every time: a page built from the same rows is the same page
        frames = {t: con.sql(f"select * from marts.{t} order by all").df() for t in TABLES}
    frames["dim_article"] = frames["dim_article"][list(ARTICLE_COLUMNS)]
    frames["dated_events"] = _when(frames["fct_event"], "event_date", frames["dim_article"])
    frames["dated_agreements"] = _when(frames["fct_agreement"], "signed_date", frames["dim_article"])
    return Marts(frames)


def article_texts(warehouse: Path, keys: list[str], batch_rows: int = 2_000):
    """The texts of the articles keys names, a batch at a time: the report never
    holds them all."""
    with serve.connect(warehouse) as con:
        con.register("paged", pd.DataFrame({"article_key": keys}))
        texts = con.sql(
            "select * from marts.dim_article_text semi join paged using (article_key) order by article_key"
        )
        for batch in texts.fetch_record_batch(batch_rows):
            yield from batch.to_pylist()


def _when(facts: pd.DataFrame, date_column: str, articles: pd.DataFrame) -> pd.DataFrame:
    """A fact's date, or its article's publication date where the text gives none."""
    out = facts.merge(articles[["article_key", "published_date"]], on="article_key", how="left")
    out["when"] = pd.to_datetime(out[date_column]).fillna(pd.to_datetime(out["published_date"]))
    out["month"] = out["when"].dt.strftime("%Y-%m")
    return out


def dated_events(marts: Marts) -> pd.DataFrame:
    return marts["dated_events"]


def encounters(marts: Marts) -> pd.DataFrame:
    """Dated events, one report per real-world encounter (fct_event.event_cluster_key)."""
    events = dated_events(marts)
    return events[events["event_cluster_key"].isna() | ~events.duplicated("event_cluster_key")]


def dated_agreements(marts: Marts) -> pd.DataFrame:
    return marts["dated_agreements"]


def participations(marts: Marts) -> pd.DataFrame:
    """One row per institution per event or agreement: kind (event | agreement),
    fact_key, institution_key, month. Reports of one encounter in several
    articles (fct_event.event_cluster_key) count as one event."""
    # an encounter's month is its earliest report's; its participants, all its reports'
    events = dated_events(marts).assign(fact_key=lambda e: e["event_cluster_key"].fillna(e["event_key"]))
    events["month"] = events.groupby("fact_key")["month"].transform("min")
    agreements = dated_agreements(marts)
    met = marts["bridge_event_institution"].merge(events[["event_key", "fact_key", "month"]], on="event_key")
    signed = marts["bridge_agreement_institution"].merge(
        agreements[["agreement_key", "month"]], on="agreement_key"
    )
    return pd.concat(
        [
            met.assign(kind="event"),
            signed.assign(kind="agreement").rename(columns={"agreement_key": "fact_key"}),
        ],
        ignore_index=True,
    )[["kind", "fact_key", "institution_key", "month"]].drop_duplicates()


def links(participation: pd.DataFrame) -> pd.DataFrame:
    """Pairs of institutions in one event (met) or one agreement (signed), per
    month: a, b (a < b), kind, month, count."""
    rows = []
    for (kind, _, month), group in participation.groupby(["kind", "fact_key", "month"], dropna=False):
        for a, b in combinations(sorted(set(group["institution_key"])), 2):
            rows.append((a, b, "signed with" if kind == "agreement" else "met", month))
    pairs = pd.DataFrame(rows, columns=["a", "b", "kind", "month"])
    return pairs.groupby(["a", "b", "kind", "month"], dropna=False).size().reset_index(name="count")


def province_activity(marts: Marts) -> pd.DataFrame:
    """Events and agreements per province: an event counts where it happened, or,
    where the text does not say, in the provinces of the institutions taking part;
    an agreement in its parties' provinces."""
    institutions = marts["dim_institution"][["institution_key", "city"]]
    events = encounters(marts)
    by_party = marts["bridge_event_institution"].merge(institutions, on="institution_key")
    placed = events[["event_key", "city"]].merge(
        by_party[["event_key", "city"]], on="event_key", how="left", suffixes=("", "_party")
    )
    placed["province"] = placed["city"].fillna(placed["city_party"])
    event_places = placed.dropna(subset=["province"]).drop_duplicates(["event_key", "province"])
    agreement_places = (
        marts["bridge_agreement_institution"]
        .merge(institutions, on="institution_key")
        .dropna(subset=["city"])
        .drop_duplicates(["agreement_key", "city"])
    )
    counts = pd.concat(
        [
            event_places.groupby("province").size().rename("events"),
            agreement_places.groupby("city").size().rename("agreements"),
        ],
        axis=1,
    ).fillna(0)
    counts = counts.astype(int).rename_axis("province").reset_index()
    counts["total"] = counts["events"] + counts["agreements"]
    return counts.sort_values(["total", "province"], ascending=[False, True], ignore_index=True)
