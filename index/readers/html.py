"""A saved web page: the article's text, title, date and site, as trafilatura extracts them."""

from collections.abc import Iterator

from .documents import Document, Problem, document_from_mapping
from .source import Source, text_reader

SUFFIXES = (".html", ".htm", ".xhtml")


@text_reader
def read(source: Source, text: str) -> Iterator[Document | Problem]:
    fields = page_fields(text)
    if fields is None:
        yield Problem.skipped(source.rel, "no article text found in HTML")
        return
    doc, problems = document_from_mapping(fields, source.rel, source.rel, None)
    yield from problems
    if doc is not None:
        doc.path = source.path
        yield doc


def page_fields(html: str) -> dict | None:
    """title, date, url, source and text of a page; None when it holds no article text."""
    import trafilatura  # slow to import; only HTML needs it

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if extracted is not None and not isinstance(extracted, dict):
        extracted = extracted.as_dict()  # trafilatura 2 returns a Document; as_dict=True is deprecated
    body = (extracted or {}).get("text") or ""
    if not body.strip():
        return None
    fields = {key: extracted.get(key) for key in ("title", "date", "url")}
    fields["source"] = extracted.get("sitename") or extracted.get("hostname")
    fields["text"] = body
    return fields
