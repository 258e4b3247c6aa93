"""The report's charts, as Vega-Lite specifications made with Altair. Filters are
Vega-Lite parameters bound to drop-downs, so the page needs no code of its own:
the Vega bundle that vl-convert ships draws them, offline."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import altair as alt
import networkx as nx
import pandas as pd

ASSETS = Path(__file__).resolve().parent / "assets"
ALL = "all"
# the search box's words, folded as marts.search_articles folds them (macros/search.sql):
# the dot JavaScript's lower case leaves after İ (U+0307) and a case ending after an
# apostrophe dropped, ı→i, the marks taken off, the rest spaces
FOLD_STEPS = (
    ("\u0307", ""),
    ("['’‘`][a-zçğıöşüâîû]+", ""),
    ("ı", "i"),
    ("ş", "s"),
    ("ğ", "g"),
    ("ü", "u"),
    ("ö", "o"),
    ("ç", "c"),
    ("â", "a"),
    ("î", "i"),
    ("û", "u"),
    ("[^a-z0-9]+", " "),
)
WIDE, TALL = 760, 520
ROW_WIDTH, GAP = 12.0, 0.6  # the network's groups: row length and space between, in layout units


@cache
def province_shapes() -> list[dict]:
    return json.loads((ASSETS / "provinces.geojson").read_text(encoding="utf-8"))["features"]


def _spec(chart: alt.TopLevelMixin) -> dict:
    with alt.data_transformers.disable_max_rows():
        return chart.to_dict()


def monthly_activity(counts: pd.DataFrame) -> dict:
    """Events and agreements per month (month, kind, count), stacked by kind."""
    chart = (
        alt.Chart(counts, title="Events and agreements per month")
        .mark_bar()
        .encode(
            x=alt.X("month:O", title=None, sort="ascending"),
            y=alt.Y("count:Q", title="reported"),
            color=alt.Color("kind:N", title=None),
            tooltip=["month:O", "kind:N", "count:Q"],
        )
        .properties(width=WIDE, height=220)
    )
    return _spec(chart)


def province_map(activity: pd.DataFrame) -> dict:
    """Turkey's provinces coloured by events and agreements."""
    shapes = alt.Data(values=province_shapes())
    lookup = alt.LookupData(activity, key="province", fields=["events", "agreements", "total"])
    chart = (
        alt.Chart(shapes, title="Events and agreements by province")
        .mark_geoshape(stroke="white", strokeWidth=0.5)
        .transform_lookup(lookup="properties.name", from_=lookup, default="0")
        .transform_calculate(total="toNumber(datum.total)")
        .encode(
            color=alt.Color("total:Q", title="events + agreements", scale=alt.Scale(scheme="blues")),
            tooltip=[
                alt.Tooltip("properties.name:N", title="province"),
                alt.Tooltip("events:Q"),
                alt.Tooltip("agreements:Q"),
            ],
        )
        .project("mercator")
        .properties(width=WIDE, height=340)
    )
    return _spec(chart)


def top_bars(frame: pd.DataFrame, label: str, title: str, href: str | None = None) -> dict:
    """A horizontal bar per row of frame (label, events, agreements), largest first."""
    long = frame.melt(id_vars=[c for c in (label, href) if c], value_vars=["events", "agreements"],
                      var_name="kind", value_name="count")  # fmt: skip
    encoding = {
        "y": alt.Y(f"{label}:N", sort="-x", title=None),
        "x": alt.X("sum(count):Q", title="events + agreements"),
        "color": alt.Color("kind:N", title=None),
        "tooltip": [f"{label}:N", "kind:N", "count:Q"],
    }
    if href:
        encoding["href"] = alt.Href(f"{href}:N")
    chart = alt.Chart(long, title=title).mark_bar().encode(**encoding).properties(width=WIDE // 2 - 60)
    return _spec(chart)


def _layout(nodes: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """Node positions: each group of linked institutions laid out by force (seeded:
    the same data gives the same picture), the groups packed in rows, largest
    first; a force layout of them all would push the groups to the edges."""
    graph = nx.Graph()
    graph.add_nodes_from(nodes["institution_key"])
    for row in pairs.groupby(["a", "b"])["count"].sum().reset_index().itertuples():
        graph.add_edge(row.a, row.b, weight=row.count)
    groups = sorted(nx.connected_components(graph), key=lambda g: (-len(g), min(g)))
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for group in groups:
        size = len(group) ** 0.5  # a group's side grows with the root of its members
        if x > 0 and x + size > ROW_WIDTH:
            x, y, row_height = 0.0, y - row_height - GAP, 0.0
        local = nx.spring_layout(graph.subgraph(group), seed=20261130, weight="weight", scale=size / 2)
        for key, (px, py) in local.items():
            positions[key] = (x + size / 2 + px, y - size / 2 + py)
        x, row_height = x + size + GAP, max(row_height, size)
    xy = pd.DataFrame.from_dict(positions, orient="index", columns=["x", "y"])
    return nodes.join(xy, on="institution_key")


def network(nodes: pd.DataFrame, node_months: pd.DataFrame, pairs: pd.DataFrame) -> dict:
    """Who met whom and who signed with whom. nodes: institution_key, name, type,
    href; node_months: institution_key, month, activity; pairs: a, b, kind, month,
    count (both ends among the nodes). Filtered by period and institution type."""
    placed = _layout(nodes, pairs)
    months = sorted(node_months["month"].dropna().unique()) or ["-"]
    types = sorted(placed["type"].dropna().unique())
    first = alt.param(
        name="from_month", value=months[0], bind=alt.binding_select(options=months, name="from ")
    )
    last = alt.param(name="to_month", value=months[-1], bind=alt.binding_select(options=months, name="to "))
    kind = alt.param(name="institution_type", value=ALL,
                     bind=alt.binding_select(options=[ALL, *types], name="institution type "))  # fmt: skip
    in_period = "datum.month >= from_month && datum.month <= to_month"
    of_type = f"institution_type == '{ALL}' || datum.type == institution_type"
    ends = placed.set_index("institution_key")
    edges = pairs.assign(
        xa=pairs["a"].map(ends["x"]), ya=pairs["a"].map(ends["y"]), xb=pairs["b"].map(ends["x"]),
        yb=pairs["b"].map(ends["y"]), name_a=pairs["a"].map(ends["name"]), name_b=pairs["b"].map(ends["name"]),
        type_a=pairs["a"].map(ends["type"]), type_b=pairs["b"].map(ends["type"]),
    )  # fmt: skip
    x = alt.X("x:Q", axis=None, scale=alt.Scale(zero=False))
    y = alt.Y("y:Q", axis=None, scale=alt.Scale(zero=False))
    edge_layer = (
        alt.Chart(edges)
        .transform_filter(in_period)
        .transform_filter(
            f"institution_type == '{ALL}' || (datum.type_a == institution_type "
            "&& datum.type_b == institution_type)"
        )
        .transform_aggregate(
            count="sum(count)", groupby=["a", "b", "kind", "xa", "ya", "xb", "yb", "name_a", "name_b"]
        )
        .mark_rule(color="#9aa5b1", opacity=0.7)
        .encode(
            x=alt.X("xa:Q", axis=None, scale=alt.Scale(zero=False)),
            y=alt.Y("ya:Q", axis=None, scale=alt.Scale(zero=False)),
            x2="xb:Q",
            y2="yb:Q",
            strokeWidth=alt.StrokeWidth(
                "count:Q",
                title="times together",
                scale=alt.Scale(range=[1, 6]),
                legend=alt.Legend(format="d", tickMinStep=1),
            ),
            strokeDash=alt.StrokeDash("kind:N", title=None),
            tooltip=[
                alt.Tooltip("name_a:N", title="institution"),
                alt.Tooltip("kind:N", title=""),
                alt.Tooltip("name_b:N", title="institution"),
                alt.Tooltip("count:Q", title="times"),
            ],
        )
    )
    nodes_at = node_months.merge(placed, on="institution_key")
    node_layer = (
        alt.Chart(nodes_at)
        .transform_filter(in_period)
        .transform_filter(of_type)
        .transform_aggregate(
            activity="sum(activity)", groupby=["institution_key", "name", "type", "x", "y", "href"]
        )
        .mark_circle(opacity=0.9, stroke="white")
        .encode(
            x=x,
            y=y,
            size=alt.Size(
                "activity:Q",
                title="events + agreements",
                scale=alt.Scale(range=[40, 900]),
                legend=alt.Legend(format="d", tickMinStep=1),
            ),
            color=alt.Color("type:N", title="institution type"),
            href=alt.Href("href:N"),
            tooltip=[
                alt.Tooltip("name:N", title="institution"),
                alt.Tooltip("type:N", title="type"),
                alt.Tooltip("activity:Q", title="events + agreements"),
            ],
        )
    )
    chart = (
        alt.layer(edge_layer, node_layer, title="Who met whom, who signed with whom")
        .add_params(first, last, kind)
        .properties(width=WIDE, height=TALL)
        .configure_view(stroke=None)
    )
    return _spec(chart)


def article_finder(articles: pd.DataFrame) -> dict:
    """A search box over articles: title, date, href, search (the Turkish-aware
    search form of title and text, dim_article_text's). The box's words are folded
    the same way in the page; they match words that begin with them."""
    query = alt.param(name="query", value="", bind=alt.binding(input="search", name="search the news ",
                                                               placeholder="e.g. protokol, Kocaeli’de"))  # fmt: skip
    folded = "lower(query)"
    for pattern, replacement in FOLD_STEPS:
        folded = f'replace({folded}, regexp("{pattern}", "g"), "{replacement}")'
    chart = (
        alt.Chart(articles)
        .transform_calculate(needle=f"' ' + trim({folded})")
        .transform_filter("length(trim(datum.needle)) > 0 && indexof(datum.search, datum.needle) >= 0")
        .transform_window(rank="row_number()", sort=[alt.SortField("date", order="descending")])
        .transform_filter("datum.rank <= 30")
        .transform_calculate(line="(datum.date || '') + '  ' + datum.title")
        .mark_text(
            align="left", baseline="middle", fontSize=13, color="#1f4e99", cursor="pointer", limit=WIDE
        )
        .encode(
            y=alt.Y("rank:O", axis=None),
            text="line:N",
            href=alt.Href("href:N"),
            tooltip=[alt.Tooltip("title:N"), alt.Tooltip("date:N")],
        )
        .add_params(query)
        .properties(width=WIDE, height=alt.Step(20))
        .configure_view(stroke=None)
    )
    return _spec(chart)
