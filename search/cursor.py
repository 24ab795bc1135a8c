"""Where a page of hits ends, as an opaque string the next request continues from (search_after).

An offset makes the engine rank offset + limit hits to show the last `limit`, and the API caps a page
at 1,000: a cursor lets a client walk every match, a page at a time, without either. It holds the
sort key of the page's last hit — its score and document number by relevance, its date and document
number by date, the orders the engine ranks in — and the next page is the hits that order puts
after it. The cursor also names the search it belongs to (query, filters, sort), so it is refused
with another one, and the index generation it was made on: after a commit the last hit's document
number is looked up again by its id, as documents are renumbered when segments merge.
"""

import base64
import hashlib
import json
from dataclasses import asdict, dataclass

import numpy as np

_VERSION = 1


class CursorError(ValueError):
    """A cursor that cannot be read, or one made for another search: the message says which."""


@dataclass(frozen=True)
class Cursor:
    #: The order it continues: "relevance" (by score), "newest" or "oldest" (by date, the undated last).
    order: str
    #: The last hit's score (relevance) or ISO date ("" when undated).
    key: float | str
    docnum: int
    doc_id: str
    generation: int
    #: Which search it continues (see search_fingerprint).
    search: str

    def encode(self) -> str:
        data = json.dumps({"v": _VERSION, **asdict(self)}, ensure_ascii=False, separators=(",", ":"))
        return base64.urlsafe_b64encode(data.encode()).decode().rstrip("=")

    @classmethod
    def decode(cls, text: str) -> "Cursor":
        try:
            data = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
            if data.pop("v") != _VERSION:
                raise ValueError
            cursor = cls(**data)
            key_type = (int, float) if cursor.order == "relevance" else str
            if cursor.order not in ("relevance", "newest", "oldest") or not isinstance(cursor.key, key_type) \
                    or not isinstance(cursor.docnum, int) or not isinstance(cursor.doc_id, str):
                raise ValueError
            return cursor
        except (ValueError, TypeError, KeyError, AttributeError):
            raise CursorError("the cursor cannot be read: pass the cursor value of a previous answer as it is") from None

    def following(self, documents: np.ndarray, scores: np.ndarray | None, dates: np.ndarray,
                  docnum: int) -> np.ndarray:
        """Of documents (numbers), those the order puts after this cursor's hit, now numbered docnum."""
        later = documents > docnum
        if self.order == "relevance":
            mine = scores[documents]
            return documents[(mine < self.key) | ((mine == self.key) & later)]
        own = dates[documents]
        undated = own == ""
        if self.key == "":  # the walk is in the undated tail
            return documents[undated & later]
        beyond = own < self.key if self.order == "newest" else own > self.key
        return documents[undated | (~undated & beyond) | ((own == self.key) & later)]


def search_fingerprint(q: str, exact: bool, filters: dict[str, list[str]], date_from: str, date_to: str,
                       sort: str, story: str = "", collapse: bool = True) -> str:
    """A short digest of what a search finds and in which order, for refusing a cursor made for another."""
    what = json.dumps([q, exact, sorted((k, sorted(v)) for k, v in filters.items() if v), date_from, date_to, sort,
                       story, collapse], ensure_ascii=False)
    return hashlib.sha1(what.encode()).hexdigest()[:12]
