"""What a reader produces: documents to index, and problems to report.

Every input format ends up as a mapping of loosely named fields (a CSV header,
a JSON object); :func:`document_from_mapping` is the one place that decides
which of those names mean id, title, date, source, url and text.
"""

import re
from dataclasses import dataclass

from .dates import DateError, normalize_date


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input, located precisely enough to go and fix it."""

    path: str
    line: int | None
    message: str
    #: Set when the whole input was skipped: why, in a few words the run's summary counts by
    #: ("unsupported type image/jpeg", "encrypted PDF").
    reason: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"

    @classmethod
    def skipped(cls, path: str, reason: str, detail: str = "") -> "Problem":
        """A whole input left out, and why ("scanned PDF without a text layer", detail " (12 pages)")."""
        return cls(path, None, f"{reason}{detail}; skipped", reason)


@dataclass
class Document:
    id: str
    text: str
    title: str = ""
    date: str = ""
    source: str = ""
    url: str = ""
    lang: str = ""
    path: str = ""
    #: Where each page after the first starts in the text (a PDF's), so a snippet can say "p. 14".
    pages: tuple[int, ...] = ()
    #: The id of the document this one came with (an e-mail's attachment: the message).
    parent: str = ""

    def content(self) -> str:
        """The fields whose change means the indexed document must be rewritten."""
        return "\x1f".join((self.title, self.date, self.source, self.url, self.lang, self.parent,
                             ",".join(map(str, self.pages)), self.text))


def read_date(raw: str, path: str, line: int | None = None, what: str = "date") -> tuple[str, Problem | None]:
    """(ISO date, None) for a date as an input prints it; ("", the problem) when it cannot be read."""
    if not raw:
        return "", None
    try:
        return normalize_date(raw), None
    except DateError as error:
        return "", Problem(path, line, f"{what} {raw!r} not understood ({error}); left empty")


#: An untitled document is shown, and its title searched, by this many opening words.
LEAD_WORDS = 14
_LEAD = re.compile(r"\s*(?:\S+\s+){0,%d}\S+" % (LEAD_WORDS - 1))


def lead(text: str) -> str:
    """The opening words of a text, as they stand in it (a prefix: the entity layer's spans fit it)."""
    match = _LEAD.match(text)
    return match.group() if match else ""


#: Accepted column / key names for each field, first match wins.
FIELD_NAMES = {
    "id": ("id", "_id", "doc_id", "docid", "guid", "uuid", "article_id"),
    "title": ("title", "headline", "heading", "name"),
    "date": ("date", "published", "published_at", "publish_date", "pubdate", "date_published",
             "datetime", "timestamp", "created_at", "time"),
    "source": ("source", "outlet", "publisher", "site", "sitename", "domain", "feed", "source_name"),
    "url": ("url", "link", "href", "source_url", "permalink"),
    "text": ("text", "body", "content", "article", "full_text", "fulltext", "article_text",
             "description", "summary"),
    "lang": ("lang", "language"),
}


def _pick(mapping: dict, names: tuple[str, ...]) -> str:
    lowered = {str(k).strip().lower(): v for k, v in mapping.items()}
    for name in names:
        value = lowered.get(name)
        if value is not None and str(value).strip():
            return str(value).strip()
    return ""


def document_from_mapping(
    mapping: dict, default_id: str, path: str, line: int | None
) -> tuple[Document | None, list[Problem]]:
    """Build a document from one record; problems are returned, never raised."""
    problems = []
    text = _pick(mapping, FIELD_NAMES["text"])
    if not text:
        return None, [Problem(path, line, "record has no text; skipped")]
    date, problem = read_date(_pick(mapping, FIELD_NAMES["date"]), path, line)
    if problem:
        problems.append(problem)
    doc = Document(
        id=_pick(mapping, FIELD_NAMES["id"]) or default_id,
        text=text,
        title=_pick(mapping, FIELD_NAMES["title"]),
        date=date,
        source=_pick(mapping, FIELD_NAMES["source"]),
        url=_pick(mapping, FIELD_NAMES["url"]),
        lang=_pick(mapping, FIELD_NAMES["lang"]).lower(),
        path=path,
    )
    return doc, problems
