"""Every document a search matches, as CSV, JSON or JSON Lines, streamed rather than built in memory.

Each hit is what the API gives for it (passages, matched spellings, entities) plus its regions and
every facet value, and its text unless the request says `text=0`; the engine reads and marks the
hits a batch at a time as the download is consumed. Marking passages is most of an export's time
(about 1–2 ms a hit): `snippets=0` leaves passages and matched spellings out, ten times faster.
"""

import csv
import io
import json
import re
from dataclasses import replace
from typing import Iterator

from frontline.search.engine import Engine, SearchRequest
from frontline.search.facets import DOCUMENT_FACETS
from frontline.search.snippets import plain_text

HIT_COLUMNS = ("id", "title", "date", "source", "url", "lang", "score", "story", "story_size")
#: One column per facet of the document, its values' labels joined by "; ".
FACET_COLUMNS = {"region": "regions", "place": "places", "person": "people", "organization": "organisations",
                 "weapon": "weapons"}
CSV_COLUMNS = (*HIT_COLUMNS, *(FACET_COLUMNS[facet] for facet in DOCUMENT_FACETS), "matched", "snippets", "text")
#: Between the values of one cell, and between a hit's passages (which may hold semicolons themselves).
VALUE_SEPARATOR, SNIPPET_SEPARATOR = "; ", " … "
#: A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Export:
    """One export: the search's head (total, filters) is computed at once, so a bad query fails
    before streaming starts; the hits are then streamed from the engine."""

    def __init__(self, engine: Engine, request: SearchRequest, text: bool = True, snippets: bool = True):
        self.engine = engine
        self.request = replace(request, offset=0, limit=1, facet_size=1, cursor="")
        self.text, self.snippets = text, snippets
        self.first = engine.search(self.request)

    @property
    def total(self) -> int:
        return self.first["total"]

    @property
    def columns(self) -> tuple[str, ...]:
        return CSV_COLUMNS if self.text else CSV_COLUMNS[:-1]

    def hits(self) -> Iterator[dict]:
        return self.engine.iter_hits(self.request, text=self.text, snippets=self.snippets)

    def filename(self, extension: str) -> str:
        slug = re.sub(r"[^A-Za-z0-9]+", "-", self.request.q).strip("-").lower()[:40]
        return f"frontline-{slug or 'all'}.{extension}"

    def csv(self) -> Iterator[str]:
        """CSV with a byte-order mark, so spreadsheet programs read Cyrillic titles as UTF-8."""
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        buffer.write("\ufeff")
        writer.writerow(self.columns)
        for hit in self.hits():
            row = csv_row(hit)
            writer.writerow([_cell(row[column]) for column in self.columns])
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    def json(self) -> Iterator[str]:
        """{query, sort, filters, total, hits: [...]}, one hit per line."""
        head = {key: self.first[key] for key in ("query", "sort", "filters", "total")}
        yield json.dumps(head, ensure_ascii=False)[:-1] + ', "hits": ['
        for number, hit in enumerate(self.hits()):
            yield ("," if number else "") + "\n" + json.dumps(hit, ensure_ascii=False)
        yield "\n]}\n"

    def jsonl(self) -> Iterator[str]:
        """One hit object per line, nothing else: for exports too large to load as one JSON document."""
        for hit in self.hits():
            yield json.dumps(hit, ensure_ascii=False) + "\n"


def csv_row(hit: dict) -> dict:
    """A hit as CSV cells: multi-values joined, passages as plain text with the matched words [bracketed]."""
    row = {column: hit.get(column) for column in HIT_COLUMNS}
    for facet, column in FACET_COLUMNS.items():
        row[column] = VALUE_SEPARATOR.join(value["label"] for value in hit["facets"][facet])
    row["matched"] = VALUE_SEPARATOR.join(dict.fromkeys(match["spelling"] for match in hit["matched"]))
    row["snippets"] = SNIPPET_SEPARATOR.join(plain_text(snippet, "[", "]") for snippet in hit["snippets"])
    row["text"] = hit.get("text", "")
    return row


def _cell(value) -> str | float:
    """A CSV cell; text a spreadsheet would run as a formula is prefixed with '."""
    if value is None or isinstance(value, float):
        return "" if value is None else value
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
