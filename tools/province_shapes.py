"""Make the report's province boundaries (include/haberdar/report/assets/provinces.geojson)
from an openly licensed GeoJSON of Turkey's 81 provinces.

    python tools/province_shapes.py SOURCE.geojson

The file in the repository was made from geo/tr-cities-utf8.json of
https://github.com/cihadturhan/tr-geojson (OpenStreetMap data, ODbL 1.0; see
assets/PROVINCES-LICENSE.md). Each province is named as the provinces lexicon
names it (by name or alias) and keyed by its plate number; coordinates are
rounded to 0.01° (about 1 km, plenty for a country map) and repeated points
dropped, which takes the file from 240 KB to about 80 KB."""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

from haberdar import turkish
from haberdar.extract.lexicon import lexicon_rows

TARGET = Path(__file__).resolve().parents[1] / "include/haberdar/report/assets/provinces.geojson"


def _ring(points: list[list[float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat in points:
        point = [round(lon, 2), round(lat, 2)]
        if not out or out[-1] != point:
            out.append(point)
    return out if len(out) >= 4 else []


def _area(ring: list[list[float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2


def _wound(ring: list[list[float]], outer: bool) -> list[list[float]]:
    """Outer rings clockwise, holes counter-clockwise: the order d3-geo (Vega's
    maps) reads as "this area"; the other order means "the whole globe but this"."""
    clockwise = _area(ring) < 0
    return ring if clockwise == outer else ring[::-1]


def _geometry(geometry: dict) -> dict:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    kept = []
    for polygon in polygons:
        rings = [r for r in map(_ring, polygon) if r]
        if rings:
            kept.append([_wound(r, outer=i == 0) for i, r in enumerate(rings)])
    return {"type": "MultiPolygon", "coordinates": kept}


def main(source: Path) -> None:
    by_name = {}
    for row in lexicon_rows("provinces.csv"):
        for name in [row["name"], *filter(None, row["aliases"].split("|"))]:
            by_name[turkish.key(name)] = row
    features = []
    for feature in json.loads(source.read_text(encoding="utf-8"))["features"]:
        province = by_name[turkish.key(feature["properties"]["name"])]
        properties = {"plate": int(province["plate"]), "name": province["name"]}
        features.append(
            {"type": "Feature", "properties": properties, "geometry": _geometry(feature["geometry"])}
        )
    if len(features) != 81:
        sys.exit(f"{source}: {len(features)} provinces, 81 expected")
    features.sort(key=lambda f: f["properties"]["plate"])
    TARGET.write_text(json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")))
    print(f"wrote {TARGET} ({TARGET.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
