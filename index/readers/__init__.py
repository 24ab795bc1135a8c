"""Turn files and folders into documents, one reader per format.

Each reader yields :class:`Document` and :class:`Problem` items in file order,
so one malformed line is reported where it is and the lines around it are
still indexed.
"""

import csv
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .decoding import BinaryFileError, decode_file
from .documents import Document, Problem, document_from_mapping

Item = Document | Problem

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
            yield from _read_jsonl(path, rel, text)
        else:
            yield Problem(rel, error.lineno, f"malformed JSON: {error.msg} (column {error.colno}); file skipped")
        return
    records = data if isinstance(data, list) else [data]
    single = len(records) == 1
    for number, obj in enumerate(records, start=1):
        yield from _from_mapping(obj, rel if single else f"{rel}#{number}", rel, None if single else number)


def _read_jsonl(path: Path, rel: str, text: str) -> Iterator[Item]:
    if not text.strip():
        yield Problem(rel, None, "empty file; skipped")
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as error:
            yield Problem(rel, number, f"malformed JSON line: {error.msg} (column {error.colno}); line skipped")
            continue
        yield from _from_mapping(obj, f"{rel}#{number}", rel, number)


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
    ".jsonl": _read_jsonl,
    ".ndjson": _read_jsonl,
    ".csv": _read_csv,
    ".tsv": _read_csv,
    ".html": _read_html,
    ".htm": _read_html,
}


def read_file(path: Path, rel: str) -> Iterator[Item]:
    """All documents and problems of one file.

    A folder walk never passes an unsupported format here; a file named on its
    own is reported rather than silently read as nothing.
    """
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        yield Problem(rel, None, f"unsupported file type {path.suffix or '(no extension)'}; skipped "
                                 f"(supported: {' '.join(sorted(READERS))})")
        return
    try:
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
