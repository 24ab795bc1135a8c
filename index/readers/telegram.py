"""Telegram Desktop's "Export chat history" JSON (``result.json``): one document per message.

A channel's or chat's export is ``{"name", "type", "id", "messages": [...]}``; a whole account's
holds its chats under ``chats.list``. A message's ``text`` is a string or a list of strings and
``{"type", "text", "href"}`` pieces; service messages (a pin, a title change) and messages with no
text (a photo without caption) are left out. The chat is the document's source, its date is
``date_unixtime`` (UTC), a forward says where it came from in the title, and a chat whose
username is known gets its messages' ``t.me`` addresses.
"""

from collections.abc import Iterator
from datetime import datetime, timezone

from .documents import Document, Problem

Item = Document | Problem


def is_export(data) -> bool:
    """Whether parsed JSON is a Telegram Desktop export (one chat's or a whole account's)."""
    if not isinstance(data, dict):
        return False
    chats = data.get("chats")
    return isinstance(data.get("messages"), list) or (isinstance(chats, dict) and isinstance(chats.get("list"), list))


def export_documents(data: dict, rel: str) -> Iterator[Item]:
    """The messages of every chat in the export, in order; a malformed message is reported and skipped."""
    chats = data["chats"]["list"] if isinstance(data.get("chats"), dict) else [data]
    several = len(chats) > 1
    for number, chat in enumerate(chats, start=1):
        if not isinstance(chat, dict) or not isinstance(chat.get("messages"), list):
            yield Problem(rel, None, f"chat {number} has no messages list; skipped")
            continue
        prefix = f"{rel}#{chat.get('id', number)}/" if several else f"{rel}#"
        for message in chat["messages"]:
            yield from _message(chat, message, prefix, rel)


def _message(chat: dict, message, prefix: str, rel: str) -> Iterator[Item]:
    if not isinstance(message, dict) or "id" not in message:
        yield Problem(rel, None, f"a message of {chat.get('name') or 'the chat'} is not an object with an id; skipped")
        return
    if message.get("type", "message") != "message":
        return
    text = plain_text(message.get("text", "")).strip()
    if not text:
        return
    forwarded = message.get("forwarded_from")
    username = chat.get("username")
    yield Document(
        id=f"{prefix}{message['id']}", text=text, title=f"Forwarded from {forwarded}" if forwarded else "",
        date=_date(message), source=chat.get("name") or "", path=rel,
        url=f"https://t.me/{username}/{message['id']}" if username else "",
    )


def plain_text(text) -> str:
    """A message's text as it reads: a string, or its pieces (strings and {type, text} objects) joined."""
    if isinstance(text, str):
        return text
    if isinstance(text, list):
        return "".join(piece if isinstance(piece, str) else str(piece.get("text", "")) if isinstance(piece, dict) else ""
                       for piece in text)
    return ""


def _date(message: dict) -> str:
    """The day the message was sent, from its Unix time (UTC); else the day of its local ``date``."""
    try:
        return datetime.fromtimestamp(int(message["date_unixtime"]), tz=timezone.utc).date().isoformat()
    except (KeyError, TypeError, ValueError, OverflowError, OSError):
        return str(message.get("date", ""))[:10]
