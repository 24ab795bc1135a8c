"""E-mail: a saved message (.eml) or a mailbox (.mbox) of them, one document per message.

The subject is the title, the sender the source, the date the message's; the text is the plain
body (else the HTML body's text). Attachments Frontline can read (a PDF, a Word file, an archive)
are documents of their own, ``message.eml!/report.pdf``, linked to the message as its parent.
"""

import email
import io
import mailbox
from collections.abc import Iterator
from email import policy
from email.message import EmailMessage
from email.utils import parseaddr

from .documents import Document, Problem, read_date
from .source import Source

MESSAGE_SUFFIXES = (".eml",)
MAILBOX_SUFFIXES = (".mbox",)


def read_message(source: Source) -> Iterator[Document | Problem]:
    with source.open() as file:
        message = email.message_from_binary_file(file, policy=policy.default)
    yield from _message(message, source, source.rel)


def read_mailbox(source: Source) -> Iterator[Document | Problem]:
    """Every message of an mbox, `box.mbox#1`, `#2`, … in the order they stand."""
    with source.local_file() as path:
        box = mailbox.mbox(path, factory=lambda file: email.message_from_binary_file(file, policy=policy.default),
                           create=False)
        try:
            empty = True
            for number, message in enumerate(box, start=1):
                empty = False
                yield from _message(message, source, f"{source.rel}#{number}")
            if empty:
                yield Problem.skipped(source.rel, "empty mailbox")
        finally:
            box.close()


def _message(message: EmailMessage, source: Source, rel: str) -> Iterator[Document | Problem]:
    from . import read_source  # the readers of attachments: imported here, as they import this module

    body = _body(message)
    attachments = list(message.iter_attachments())
    if not body.strip() and not attachments:
        yield Problem.skipped(rel, "e-mail without text")
        return
    date, problem = read_date(str(message.get("Date", "")).strip(), rel)
    if problem:
        yield problem
    name, address = parseaddr(str(message.get("From", "")))
    subject = str(message.get("Subject", "")).strip()
    if body.strip():
        yield Document(id=rel, text=body.strip(), title=subject, date=date, source=name or address, path=source.path)
    for number, part in enumerate(attachments, start=1):
        filename = part.get_filename() or f"attachment-{number}"
        data = part.get_payload(decode=True) or b""
        inner = source.inner(f"{rel}!/{filename}", filename, len(data), lambda data=data: io.BytesIO(data))
        for item in read_source(inner):
            if isinstance(item, Document):
                if body.strip():  # else the message is no document to link to
                    item.parent = rel
                item.date = item.date or date
                item.title = item.title or f"{filename} (attached to {subject or 'an e-mail'})"
            yield item


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError):  # an unknown charset: the bytes as best they decode
        content = (part.get_payload(decode=True) or b"").decode("utf-8", errors="replace")
    if part.get_content_subtype() == "html":
        import lxml.html

        return lxml.html.fromstring(content).text_content() if content.strip() else ""
    return content
