"""PDF: the text layer, page by page, with where each page starts so a snippet can say "p. 14".

pypdf reads the text layer; a PDF without one (a scan) is reported as such, not indexed as nothing
(OCR is out of scope). A PDF encrypted against reading is reported; one encrypted only against
editing (an empty user password, common in NGO reports) is read.
"""

import logging
from collections.abc import Iterator

from .documents import Document, Problem, read_date
from .source import Source

SUFFIXES = (".pdf",)
#: A page with fewer letters than this is taken for a scan's stray text (a page number, a stamp).
_TEXT_LAYER_LETTERS = 20


def read(source: Source) -> Iterator[Document | Problem]:
    from pypdf import PdfReader  # imported when a PDF is read
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # what it cannot read is reported as a problem

    with source.local_file() as path:
        try:
            reader = PdfReader(path)
            if reader.is_encrypted and not reader.decrypt(""):
                yield Problem.skipped(source.rel, "encrypted PDF", " (a password is needed to read it)")
                return
            pages = [page.extract_text() or "" for page in reader.pages]
            info = reader.metadata or {}
        except (PdfReadError, ValueError, KeyError, TypeError) as error:
            yield Problem.skipped(source.rel, "unreadable PDF", f" ({error})")
            return
        except NotImplementedError as error:  # an encryption algorithm pypdf cannot undo
            yield Problem.skipped(source.rel, "encrypted PDF", f" ({error})")
            return
    letters = sum(sum(ch.isalpha() for ch in page) for page in pages)
    if letters < _TEXT_LAYER_LETTERS * max(1, len(pages)) // 4:
        noun = "page" if len(pages) == 1 else "pages"
        yield Problem.skipped(source.rel, "scanned PDF without a text layer", f" ({len(pages)} {noun})")
        return
    text, starts = "", []
    for number, page in enumerate(pages):
        if number:
            text += "\n\n"
            starts.append(len(text))
        text += page.strip()
    date, problem = _date(info.get("/CreationDate"), source.rel)
    if problem:
        yield problem
    yield Document(id=source.rel, text=text, title=str(info.get("/Title") or "").strip(), date=date,
                   source=str(info.get("/Author") or "").strip(), path=source.path, pages=tuple(starts))


def _date(raw, rel: str) -> tuple[str, Problem | None]:
    """The creation date of a PDF's info ("D:20220314093000+02'00'") as an ISO date."""
    text = str(raw or "").strip()
    if text.startswith("D:"):
        text = text[2:]
    if len(text) >= 8 and text[:8].isdigit():
        text = f"{text[:4]}-{text[4:6]}-{text[6:8]}"
    return read_date(text, rel, what="creation date")
