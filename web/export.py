"""Every document a search matches, as CSV or JSON, streamed rather than built in memory."""

import csv
import io
import json
import re
from dataclasses import replace
from typing import Iterator

from frontline.search.engine import Engine, SearchRequest

CSV_COLUMNS = ("id", "title", "date", "source", "url", "lang", "score")
#: A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Export:
    """One export: the search's head (total, filters) is computed at once, so a bad query fails
    before streaming starts; the hits are then streamed from the engine without snippets."""

    def __init__(self, engine: Engine, request: SearchRequest):
        self.engine = engine
        self.request = replace(request, offset=0, limit=1, facet_size=1)
        self.first = engine.search(self.request)

    def hits(self) -> Iterator[dict]:
        return self.engine.iter_hits(self.request)

    def filename(self, extension: str) -> str:
        slug = re.sub(r"[^A-Za-z0-9]+", "-", self.request.q).strip("-").lower()[:40]
        return f"frontline-{slug or 'all'}.{extension}"

    def csv(self) -> Iterator[str]:
        """CSV with a byte-order mark, so spreadsheet programs read Cyrillic titles as UTF-8."""
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        buffer.write("\ufeff")
        writer.writerow(CSV_COLUMNS)
        for hit in self.hits():
            writer.writerow([_cell(hit.get(column)) for column in CSV_COLUMNS])
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    def json(self) -> Iterator[str]:
        """{query, filters, total, hits: [...]}, one hit per line."""
        head = {key: self.first[key] for key in ("query", "sort", "filters", "total")}
        yield json.dumps(head, ensure_ascii=False)[:-1] + ', "hits": ['
        for number, hit in enumerate(self.hits()):
            yield ("," if number else "") + "\n" + json.dumps(hit, ensure_ascii=False)
        yield "\n]}\n"


def _cell(value) -> str | float:
    """A CSV cell; text a spreadsheet would run as a formula is prefixed with '."""
    if value is None or isinstance(value, float):
        return "" if value is None else value
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
