"""Bytes on disk to text, without losing a file to one bad byte.

Field reports arrive as UTF-8, Windows-1251 exports and the occasional PDF
renamed to .txt; each case gets the most faithful text available and a note
saying what was done.
"""

from pathlib import Path

from charset_normalizer import from_bytes

#: A NUL byte in the first block is the cheapest reliable sign of a binary file.
SNIFF = 8192


class BinaryFileError(ValueError):
    pass


def check_not_binary(head: bytes) -> None:
    """Refuse a file whose first block has NUL bytes (UTF-16, which has them, is text)."""
    if b"\x00" in head[:SNIFF] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BinaryFileError("binary file (NUL bytes); skipped")


def decode_file(path: Path) -> tuple[str, str | None]:
    """Return (text, note); note says how the text was recovered when it was not clean UTF-8."""
    data = path.read_bytes()
    check_not_binary(data)
    return decode_bytes(data)


def decode_bytes(data: bytes, first_line: int = 1) -> tuple[str, str | None]:
    """(text, note) of one file or one piece of it (whose first line is first_line of the file)."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        bad_line = first_line + data[: error.start].count(b"\n")
    best = from_bytes(data).best()
    if best is not None and best.encoding not in ("utf_8", "utf-8"):
        return str(best), f"not valid UTF-8 (first bad byte on line {bad_line}); decoded as {best.encoding}"
    text = data.decode("utf-8", errors="replace")
    return text, f"not valid UTF-8 (first bad byte on line {bad_line}); undecodable bytes replaced"
