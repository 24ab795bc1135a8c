"""Turn files and folders into documents, one reader per format.

Each reader yields :class:`Document` and :class:`Problem` items in file order,
so one malformed line is reported where it is and the lines around it are
still indexed. JSON Lines and large plain texts are streamed (a line, a piece
at a time), so memory stays bounded whatever the file's size.
"""

import csv
import io
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .decoding import SNIFF, BinaryFileError, check_not_binary, decode_bytes, decode_file
from . import telegram
from .documents import Document, Problem, document_from_mapping

Item = Document | Problem
#: Called with the number of bytes of the file read so far (progress by bytes).
Consumed = Callable[[int], None]

#: A plain text larger than this is read, and indexed, in pieces of about TEXT_PIECE bytes,
#: each its own document (`file.txt#3`): a 50 MB book is 200 readable, rankable documents.
LARGE_TEXT = 1 << 20
TEXT_PIECE = 256 << 10

#: Longest first line still taken for a headline rather than a first paragraph.
HEADLINE_MAX = 160
_BYLINE = re.compile(r"^\s*by\s+\S", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;,\"”»]\s*$")


def split_headline(text: str) -> tuple[str, str]:
    """(title, body) for plain text whose first line is a headline, else ("", text).

    A headline is short, does not end like a sentence, and is followed by a
    blank line or a byline ("By Stefan J. Bos").
    """
    lines = text.lstrip("\ufeff\n\r ").split("\n")
    first = lines[0].strip().lstrip("#").strip()
    following = lines[1].strip() if len(lines) > 1 else ""
    if (
        first
        and len(first) <= HEADLINE_MAX
        and not _SENTENCE_END.search(first)
        and (not following or _BYLINE.match(following))
        and len(lines) > 1
    ):
        return first, "\n".join(lines[1:]).strip()
    return "", text.strip()


def _read_text(path: Path, rel: str, text: str) -> Iterator[Item]:
    if not text.strip():
        yield Problem(rel, None, "empty file; skipped")
        return
    title, body = split_headline(text)
    if not title and path.suffix.lower() in (".md", ".markdown"):
        # A Markdown "# " heading is a title even when it reads like a sentence
        # or has no blank line after it.
        first, _, rest = text.lstrip("\ufeff\n\r ").partition("\n")
        if first.startswith("# ") and first[2:].strip():
            title, body = first[2:].strip(), rest.strip()
    yield Document(id=rel, title=title, text=body, path=rel)


def _from_mapping(obj, default_id: str, rel: str, line: int | None) -> Iterator[Item]:
    if not isinstance(obj, dict):
        yield Problem(rel, line, f"expected a JSON object, found {type(obj).__name__}; skipped")
        return
    doc, problems = document_from_mapping(obj, default_id, rel, line)
    yield from problems
    if doc is not None:
        yield doc


def _read_json(path: Path, rel: str, text: str) -> Iterator[Item]:
    if not text.strip():
        yield Problem(rel, None, "empty file; skipped")
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        # A JSON Lines file saved as .json is common enough to accept.
        if error.msg == "Extra data":
            yield from _jsonl_records(rel, enumerate(text.splitlines(), start=1))
        else:
            yield Problem(rel, error.lineno, f"malformed JSON: {error.msg} (column {error.colno}); file skipped")
        return
    if telegram.is_export(data):
        yield from telegram.export_documents(data, rel)
        return
    records = data if isinstance(data, list) else [data]
    single = len(records) == 1
    for number, obj in enumerate(records, start=1):
        yield from _from_mapping(obj, rel if single else f"{rel}#{number}", rel, None if single else number)


def _stream_jsonl(path: Path, rel: str, consumed: Consumed) -> Iterator[Item]:
    """A JSON Lines file line by line: memory for one line, whatever the file's size."""
    with path.open("rb") as file:
        check_not_binary(file.peek(SNIFF)[:SNIFF])
        yield from _jsonl_records(rel, _decoded_lines(rel, file, consumed))


def _decoded_lines(rel: str, file, consumed: Consumed) -> Iterator[tuple[int, str] | Problem]:
    """Each line decoded on its own; the first one that is not UTF-8 is reported (a file in another
    encoding would otherwise give a problem a line)."""
    read, reported = 0, False
    for number, raw in enumerate(file, start=1):
        read += len(raw)
        consumed(read)
        try:
            yield number, raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            line, note = decode_bytes(raw, number)
            if not reported:
                yield Problem(rel, number, f"{note}; later lines like it are decoded the same way unreported")
                reported = True
            yield number, line


def _jsonl_records(rel: str, lines: Iterable[tuple[int, str] | Problem]) -> Iterator[Item]:
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
            yield Problem(rel, number, f"malformed JSON line: {error.msg} (column {error.colno}); line skipped")
            continue
        yield from _from_mapping(obj, f"{rel}#{number}", rel, number)
    if empty:
        yield Problem(rel, None, "empty file; skipped")


def _stream_text(path: Path, rel: str, consumed: Consumed) -> Iterator[Item]:
    """A large plain text in pieces of about TEXT_PIECE bytes cut at a paragraph (else a line) break,
    each a document `rel#n` titled by the file's headline and its number."""
    with path.open("rb") as file:
        check_not_binary(file.peek(SNIFF)[:SNIFF])
        headline, number, line, carried, read = "", 0, 1, b"", 0
        while True:
            block = file.read(TEXT_PIECE)
            read += len(block)
            data = carried + block
            cut = _piece_end(data) if block else len(data)
            piece, carried = data[:cut], data[cut:]
            if piece.strip():
                text, note = decode_bytes(piece, line)
                if note:
                    yield Problem(rel, line, note)
                number += 1
                if number == 1:
                    headline, text = split_headline(text)
                title = f"{headline or path.name} (part {number})"
                yield Document(id=f"{rel}#{number}", title=title, text=text.strip(), path=rel)
            line += piece.count(b"\n")
            consumed(read - len(carried))
            if not block:
                break
        if not number:
            yield Problem(rel, None, "empty file; skipped")


def _piece_end(data: bytes) -> int:
    """Where to cut: after the last paragraph break in the second half, else the last line break, else
    the last space, else (one endless word) after the last whole UTF-8 character."""
    paragraph = data.rfind(b"\n\n", len(data) // 2)
    if paragraph >= 0:
        return paragraph + 2
    for mark in (b"\n", b" "):
        if (cut := data.rfind(mark) + 1) > 0:
            return cut
    lead = len(data) - 1
    while lead > 0 and data[lead] & 0xC0 == 0x80:  # back to the last character's first byte
        lead -= 1
    width = 1 if data[lead] < 0x80 else 2 if data[lead] < 0xE0 else 3 if data[lead] < 0xF0 else 4
    return len(data) if lead + width <= len(data) else lead


def _read_csv(path: Path, rel: str, text: str) -> Iterator[Item]:
    if not text.strip():
        yield Problem(rel, None, "empty file; skipped")
        return
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
            yield from _from_mapping(row, f"{rel}#{number}", rel, line)
    except csv.Error as error:
        yield Problem(rel, reader.line_num, f"malformed CSV: {error}; rest of file skipped")


def _read_html(path: Path, rel: str, text: str) -> Iterator[Item]:
    import trafilatura  # slow to import; only HTML needs it

    if not text.strip():
        yield Problem(rel, None, "empty file; skipped")
        return
    extracted = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    if extracted is not None and not isinstance(extracted, dict):
        extracted = extracted.as_dict()  # trafilatura 2 returns a Document; as_dict=True is deprecated
    body = (extracted or {}).get("text") or ""
    if not body.strip():
        yield Problem(rel, None, "no article text found in HTML; skipped")
        return
    fields = {key: extracted.get(key) for key in ("title", "date", "url")}
    fields["source"] = extracted.get("sitename") or extracted.get("hostname")
    fields["text"] = body
    yield from _from_mapping(fields, rel, rel, None)


READERS = {
    ".txt": _read_text,
    ".md": _read_text,
    ".markdown": _read_text,
    ".json": _read_json,
    ".jsonl": _stream_jsonl,
    ".ndjson": _stream_jsonl,
    ".csv": _read_csv,
    ".tsv": _read_csv,
    ".html": _read_html,
    ".htm": _read_html,
}


#: Readers that take the file, not its decoded text.
STREAMED = {_stream_jsonl}


def read_file(path: Path, rel: str, consumed: Consumed | None = None) -> Iterator[Item]:
    """All documents and problems of one file; consumed(bytes) is told how far into it reading has got.

    A folder walk never passes an unsupported format here; a file named on its
    own is reported rather than silently read as nothing.
    """
    consumed = consumed or (lambda _read: None)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        yield Problem(rel, None, f"unsupported file type {path.suffix or '(no extension)'}; skipped "
                                 f"(supported: {' '.join(sorted(READERS))})")
        return
    try:
        size = path.stat().st_size
        if reader in STREAMED or (reader is _read_text and size > LARGE_TEXT):
            yield from (reader if reader in STREAMED else _stream_text)(path, rel, consumed)
            return
        text, note = decode_file(path)
    except BinaryFileError as error:
        yield Problem(rel, None, str(error))
        return
    except OSError as error:
        yield Problem(rel, None, f"cannot read: {error.strerror or error}")
        return
    if note:
        yield Problem(rel, None, note)
    yield from reader(path, rel, text)
    consumed(size)


def iter_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """(file, id prefix) for every supported file below the given paths, sorted, hidden ones skipped.

    Ids are relative to the folder given on the command line, so the same
    corpus indexed from elsewhere keeps its ids.
    """
    for root in paths:
        if root.is_file():
            yield root, root.name
            continue
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith(".") or Path(name).suffix.lower() not in READERS:
                    continue
                full = Path(folder, name)
                yield full, full.relative_to(root).as_posix()
