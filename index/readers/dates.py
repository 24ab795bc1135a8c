"""Document dates to ISO 8601, or a clear refusal.

A wrong date silently files a report under the wrong month, so a date that
could be read two ways (03/04/2022) is refused rather than guessed.
"""

import re
from datetime import date, datetime, timezone

from dateutil import parser as dateparser

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_NUMERIC_DMY = re.compile(r"^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})\b")
_EPOCH = re.compile(r"^\d{9,10}(\.\d+)?$")


class DateError(ValueError):
    pass


def normalize_date(raw: str) -> str:
    """Return YYYY-MM-DD (or YYYY-MM, YYYY when that is all it says); raise DateError otherwise."""
    raw = raw.strip()
    if _ISO_DAY.match(raw):  # most dates already are: read without dateutil's two parses
        try:
            day = date.fromisoformat(raw)
        except ValueError:
            pass
        else:
            if 1900 <= day.year <= date.today().year + 1:
                return raw
    if _EPOCH.match(raw):
        return datetime.fromtimestamp(float(raw), tz=timezone.utc).date().isoformat()
    numeric = _NUMERIC_DMY.match(raw)
    if numeric:
        first, second = int(numeric.group(1)), int(numeric.group(2))
        if first <= 12 and second <= 12 and first != second:
            raise DateError("day and month are ambiguous")
    dayfirst = bool(numeric and int(numeric.group(1)) > 12)
    try:
        # Parsed twice with different defaults: a part that changes was not in the input.
        low = dateparser.parse(raw, dayfirst=dayfirst, default=datetime(1, 1, 1))
        high = dateparser.parse(raw, dayfirst=dayfirst, default=datetime(2, 2, 2))
    except (ValueError, OverflowError) as error:
        raise DateError(str(error) or "unrecognised") from None
    if low.year != high.year:
        raise DateError("no year")
    if not (1900 <= low.year <= date.today().year + 1):
        raise DateError(f"year {low.year} out of range")
    if low.month != high.month:
        return f"{low.year:04d}"
    if low.day != high.day:
        return f"{low.year:04d}-{low.month:02d}"
    return low.date().isoformat()
