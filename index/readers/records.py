"""JSON, JSON Lines and CSV: one document per record, its fields named as exports name them.

A JSON Lines file is streamed a line at a time, so memory stays bounded whatever its size; one
malformed line is reported where it is and the lines around it are still read.
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator

from . import telegram
from .decoding import check_not_binary, decode_bytes
from .documents import Document, Problem, document_from_mapping
from .source import Source, text_reader

JSON_SUFFIXES = (".json",)
LINES_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv", ".tsv")

Item = Document | Problem


@text_reader
def read_json(source: Source, text: str) -> Iterator[Item]:
    rel = source.rel
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        # A JSON Lines file saved as .json is common enough to accept.
        if error.msg == "Extra data":
            yield from _records(source, enumerate(text.splitlines(), start=1))
        else:
            yield Problem(rel, error.lineno, f"malformed JSON: {error.msg} (column {error.colno}); file skipped",
                          "malformed JSON")
        return
    if telegram.is_export(data):
        for item in telegram.export_documents(data, rel):
            if isinstance(item, Document):
                item.path = source.path
            yield item
        return
    records = data if isinstance(data, list) else [data]
    single = len(records) == 1
    for number, obj in enumerate(records, start=1):
        yield from _from_mapping(obj, source, rel if single else f"{rel}#{number}", None if single else number)


def read_lines(source: Source) -> Iterator[Item]:
    """A JSON Lines file line by line: memory for one line, whatever the file's size."""
    check_not_binary(source.head())
    with source.open() as file:
        yield from _records(source, _decoded_lines(source, file))


@text_reader
def read_csv(source: Source, text: str) -> Iterator[Item]:
    rel = source.rel
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    try:
        for number, row in enumerate(reader, start=1):
            line = reader.line_num
            if None in row:
                yield Problem(rel, line, f"row has {len(row[None])} more cells than the header; extra cells ignored")
                del row[None]
            yield from _from_mapping(row, source, f"{rel}#{number}", line)
    except csv.Error as error:
        yield Problem(rel, reader.line_num, f"malformed CSV: {error}; rest of file skipped")


def _from_mapping(obj, source: Source, default_id: str, line: int | None) -> Iterator[Item]:
    if not isinstance(obj, dict):
        yield Problem(source.rel, line, f"expected a JSON object, found {type(obj).__name__}; skipped")
        return
    doc, problems = document_from_mapping(obj, default_id, source.rel, line)
    yield from problems
    if doc is not None:
        doc.path = source.path
        yield doc


def _decoded_lines(source: Source, file) -> Iterator[tuple[int, str] | Problem]:
    """Each line decoded on its own; the first one that is not UTF-8 is reported (a file in another
    encoding would otherwise give a problem a line)."""
    read, reported = 0, False
    for number, raw in enumerate(file, start=1):
        read += len(raw)
        source.consumed(read)
        try:
            yield number, raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            line, note = decode_bytes(raw, number)
            if not reported:
                yield Problem(source.rel, number, f"{note}; later lines like it are decoded the same way unreported")
                reported = True
            yield number, line


def _records(source: Source, lines: Iterable[tuple[int, str] | Problem]) -> Iterator[Item]:
    empty = True
    for entry in lines:
        if isinstance(entry, Problem):
            yield entry
            continue
        number, line = entry
        if not line.strip():
            continue
        empty = False
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as error:
            yield Problem(source.rel, number, f"malformed JSON line: {error.msg} (column {error.colno}); line skipped")
            continue
        yield from _from_mapping(obj, source, f"{source.rel}#{number}", number)
    if empty:
        yield Problem.skipped(source.rel, "empty file")
