"""Plain text and Markdown: a headline, if the first line is one, and the body; a large file in pieces.

A plain text larger than LARGE_TEXT is read, and indexed, in pieces of about TEXT_PIECE bytes cut at
a paragraph break, each its own document (`file.txt#3`): a 50 MB book is 800 readable, rankable
documents, and memory holds one piece at a time. Analysing a piece briefly takes about 200 bytes a
byte of it, and an indexing worker keeps its high-water mark: at 256 kB pieces a 50 MB text peaked
at 1,180 MB with its workers, at 64 kB at 938 MB (and ran 91 → 79 s).
"""

import re
from collections.abc import Iterator

from .decoding import SNIFF, check_not_binary, decode_bytes
from .documents import Document, Problem
from .source import Source, text_reader

SUFFIXES = (".txt", ".md", ".markdown", ".text")

LARGE_TEXT = 1 << 20
TEXT_PIECE = 64 << 10

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


def read(source: Source) -> Iterator[Document | Problem]:
    yield from (_in_pieces if source.size > LARGE_TEXT else _whole)(source)


@text_reader
def _whole(source: Source, text: str) -> Iterator[Document | Problem]:
    title, body = split_headline(text)
    if not title and source.suffix in (".md", ".markdown"):
        # A Markdown "# " heading is a title even when it reads like a sentence
        # or has no blank line after it.
        first, _, rest = text.lstrip("\ufeff\n\r ").partition("\n")
        if first.startswith("# ") and first[2:].strip():
            title, body = first[2:].strip(), rest.strip()
    yield Document(id=source.rel, title=title, text=body, path=source.path)


def _in_pieces(source: Source) -> Iterator[Document | Problem]:
    """Pieces of about TEXT_PIECE bytes cut at a paragraph (else a line) break, each a document
    `rel#n` titled by the file's headline and its number."""
    with source.open() as file:
        headline, number, line, carried, read = "", 0, 1, b"", 0
        while True:
            block = file.read(TEXT_PIECE)
            if not read:
                check_not_binary(block[:SNIFF])
            read += len(block)
            data = carried + block
            cut = _piece_end(data) if block else len(data)
            piece, carried = data[:cut], data[cut:]
            if piece.strip():
                text, note = decode_bytes(piece, line)
                if note:
                    yield Problem(source.rel, line, note)
                number += 1
                if number == 1:
                    headline, text = split_headline(text)
                title = f"{headline or source.name} (part {number})"
                yield Document(id=f"{source.rel}#{number}", title=title, text=text.strip(), path=source.path)
            line += piece.count(b"\n")
            source.consumed(read - len(carried))
            if not block:
                break
        if not number:
            yield Problem.skipped(source.rel, "empty file")


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
