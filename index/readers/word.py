"""Word (.docx): paragraphs and tables in the order they stand, and the title, author and date that
the document's core properties give."""

from collections.abc import Iterator

from .documents import Document, Problem
from .source import Source

SUFFIXES = (".docx", ".docm")
#: What python-docx's own template says: not anyone's document's.
_TEMPLATE_AUTHOR = "python-docx"


def read(source: Source) -> Iterator[Document | Problem]:
    import docx  # imported when a Word document is read
    from docx.table import Table

    with source.open() as file:
        try:
            document = docx.Document(file)
        except Exception as error:  # python-docx raises zipfile, lxml and KeyError errors alike
            yield Problem.skipped(source.rel, "unreadable Word document", f" ({error})")
            return
    blocks = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            blocks.extend(_rows(block))
        elif block.text.strip():
            blocks.append(block.text.strip())
    text = "\n\n".join(blocks)
    if not text:
        yield Problem.skipped(source.rel, "Word document without text")
        return
    properties = document.core_properties
    author = (properties.author or "").strip()
    date = properties.created.date().isoformat() if properties.created and author != _TEMPLATE_AUTHOR else ""
    yield Document(id=source.rel, text=text, title=(properties.title or "").strip(), date=date,
                   source="" if author == _TEMPLATE_AUTHOR else author, path=source.path)


def _rows(table) -> list[str]:
    """A table's rows, each a line of its cells' texts (a merged cell once)."""
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    return rows
