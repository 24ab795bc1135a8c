"""The region map and the month histogram, drawn by the server as SVG.

Drawn on the server, both are plain links: they work without JavaScript,
need no charting library, and every shade and bar is one facet count.
"""

import json
import math
from functools import cache
from pathlib import Path

from frontline.search.facets import month_label

MAP_FILE = Path(__file__).parent / "static" / "ukraine-oblasts.json"
#: Shades of the map: 0 is "no documents", SHADES the most.
SHADES = 5
#: The histogram spans at least this many months, so one month is a bar, not a block,
#: and fills in empty months up to MAX_MONTHS (beyond that, a stray date would make hair-thin bars).
MIN_MONTHS, MAX_MONTHS = 12, 360


@cache
def _outlines() -> dict:
    return json.loads(MAP_FILE.read_text(encoding="utf-8"))


def shade(count: int, most: int) -> int:
    """0 for none, else 1..SHADES on a log scale, so one busy oblast does not wash out the rest."""
    if count <= 0 or most <= 0:
        return 0
    return max(1, math.ceil(SHADES * math.log1p(count) / math.log1p(most)))


def region_map(region_counts: list[dict], label, active: list[str]) -> dict:
    """The oblasts with their counts and shades; label(code) names one."""
    counts = {v["value"]: v["count"] for v in region_counts}
    outlines = _outlines()
    most = max((counts.get(r["code"], 0) for r in outlines["regions"]), default=0)
    regions = [
        {"code": r["code"], "d": r["d"], "label": label(r["code"]), "count": counts.get(r["code"], 0),
         "shade": shade(counts.get(r["code"], 0), most), "active": r["code"] in active}
        for r in outlines["regions"]
    ]
    return {"viewBox": outlines["viewBox"], "regions": regions, "most": most}


def month_bars(date_counts: list[dict], active: list[str], date_from: str = "", date_to: str = "") -> list[dict]:
    """One bar per month from the first dated match to the last, empty months included,
    widened on both sides to MIN_MONTHS; selected months and a selected range stand out."""
    counts = {v["value"]: v["count"] for v in date_counts if len(v["value"]) == 7}
    if not counts:
        return []
    first, last = _number(min(counts)), _number(max(counts))
    missing = max(0, MIN_MONTHS - (last - first + 1))
    months = [_month(n) for n in range(first - missing // 2, last + (missing - missing // 2) + 1)]
    if len(months) > MAX_MONTHS:
        months = sorted(counts)
    most = max(counts.values())
    return [{"value": m, "label": month_label(m), "count": counts.get(m, 0), "height": counts.get(m, 0) / most,
             "active": m in active or _in_range(m, date_from, date_to)} for m in months]


def _in_range(month: str, date_from: str, date_to: str) -> bool:
    """Whether a from/to filter (days or months, either end open) covers the month."""
    if not (date_from or date_to):
        return False
    return (date_from[:7] or month) <= month <= (date_to[:7] or month)


def _number(month: str) -> int:
    """"2022-06" → months since year 0, so ranges are arithmetic."""
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def _month(number: int) -> str:
    return f"{number // 12:04d}-{number % 12 + 1:02d}"
