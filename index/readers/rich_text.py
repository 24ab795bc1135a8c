"""RTF and OpenDocument text (.odt): their text, as striprtf and odfdo read it."""

from collections.abc import Iterator

from .documents import Document, Problem
from .source import Source, text_reader
from .text import split_headline

RTF_SUFFIXES = (".rtf",)
ODT_SUFFIXES = (".odt",)


@text_reader
def read_rtf(source: Source, text: str) -> Iterator[Document | Problem]:
    from striprtf.striprtf import rtf_to_text

    yield from _document(source, rtf_to_text(text, errors="ignore"), "")


def read_odt(source: Source) -> Iterator[Document | Problem]:
    import odfdo

    with source.local_file() as path:
        try:
            document = odfdo.Document(path)
            text = document.get_formatted_text()
            title = (document.meta.get_title() or "").strip()
        except Exception as error:  # odfdo raises zipfile, lxml and its own errors alike
            yield Problem.skipped(source.rel, "unreadable OpenDocument file", f" ({error})")
            return
    yield from _document(source, text, title)


def _document(source: Source, text: str, title: str) -> Iterator[Document | Problem]:
    if not text.strip():
        yield Problem.skipped(source.rel, "document without text")
        return
    headline, body = split_headline(text) if not title else ("", text.strip())
    yield Document(id=source.rel, text=body, title=title or headline, path=source.path)
