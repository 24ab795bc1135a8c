"""The search page's whole state is its query string.

The page, the JSON API and the exports read the same parameters, so a
shared URL reproduces exactly what its sender saw, the back button works,
and "export" is the page's own query string on another path. Every link the
page offers (a facet value, a chip's ×, a page number) is the current state
with one change.
"""

from urllib.parse import urlencode

from werkzeug.datastructures import MultiDict

from frontline.search.engine import MAX_LIMIT, SearchRequest
from frontline.search.filters import FILTERABLE
from frontline.search.ordering import SORT_ALIASES

#: Parameters that are the search's state; anything else in a URL is ignored.
PARAMS = ("q", *FILTERABLE, "from", "to", "story", "sort", "exact", "collapse", "count", "limit", "offset", "cursor")
#: Parameters that narrow the result set (what "clear all filters" clears).
NARROWING = (*FILTERABLE, "from", "to", "story")
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


class SearchState:
    def __init__(self, args: MultiDict, base: str = "/"):
        """base: the search page's path, which every link leads back to."""
        self.base = base
        self.args = MultiDict((k, v.strip()) for k, v in args.items(multi=True) if k in PARAMS and v.strip())

    @property
    def q(self) -> str:
        return self.args.get("q", "")

    @property
    def exact(self) -> bool:
        return self.args.get("exact", "").lower() in _TRUE

    @property
    def sort(self) -> str:
        """The sort's own name (sort=-date is newest)."""
        sort = self.args.get("sort", "relevance")
        return SORT_ALIASES.get(sort, sort)

    @property
    def collapse(self) -> bool:
        """Reports of one story folded into one hit: unless collapse=0."""
        return self.args.get("collapse", "").lower() not in _FALSE

    @property
    def count_stories(self) -> bool:
        return self.args.get("count", "") == "stories"

    @property
    def narrowed(self) -> bool:
        return any(name in self.args for name in NARROWING)

    def request(self, default_limit: int = 10, max_limit: int = MAX_LIMIT, facet_size: int = 10) -> SearchRequest:
        """The engine request; ValueError (with a message for the user) when a parameter is unreadable."""
        return SearchRequest(
            q=self.q,
            limit=min(self._int("limit", default_limit), max_limit),
            offset=self._int("offset", 0),
            sort=self.sort,
            exact=self.exact,
            filters={name: self.args.getlist(name) for name in FILTERABLE if name in self.args},
            date_from=self.args.get("from", ""),
            date_to=self.args.get("to", ""),
            facet_size=facet_size,
            collapse=self.collapse,
            story=self.args.get("story", ""),
            count_stories=self.count_stories,
            cursor=self.args.get("cursor", ""),
        )

    def _int(self, name: str, default: int) -> int:
        raw = self.args.get(name)
        if raw is None:
            return default
        try:
            return int(raw)
        except ValueError:
            raise ValueError(f"{name} must be a whole number, not {raw!r}") from None

    # -- links: the current state with one change ------------------------------------

    def query_string(self, args: MultiDict | None = None) -> str:
        return urlencode(list((self.args if args is None else args).items(multi=True)))

    def href(self, args: MultiDict | None = None) -> str:
        query = self.query_string(args)
        return f"{self.base}?{query}" if query else self.base

    def _changed(self, keep_offset: bool = False) -> MultiDict:
        """The state to change; a cursor continues only the search it was made for, so it never carries over."""
        args = self.args.copy()
        args.pop("cursor", None)
        if not keep_offset:
            args.pop("offset", None)
        return args

    def is_active(self, name: str, value: str) -> bool:
        return value in self.args.getlist(name)

    def active_first(self, name: str, values: list[dict]) -> list[dict]:
        """A facet's values with the selected ones on top, where they can always be seen and undone."""
        return sorted(values, key=lambda v: not self.is_active(name, v["value"]))

    def toggle(self, name: str, value: str) -> str:
        """Link that adds value to the filter name, or removes it when it is already there."""
        args = self._changed()
        values = args.getlist(name)
        args.setlist(name, [v for v in values if v != value] if value in values else [*values, value])
        return self.href(args)

    def without(self, name: str, value: str) -> str:
        """Link without one value of a parameter."""
        args = self._changed()
        args.setlist(name, [v for v in args.getlist(name) if v != value])
        return self.href(args)

    def replaced(self, **changes) -> str:
        """Link with single-valued parameters replaced (None removes one); offset resets unless given."""
        args = self._changed(keep_offset="offset" in changes)
        for name, value in changes.items():
            args.setlist(name, [] if value is None else [str(value)])
        return self.href(args)

    def cleared(self) -> str:
        """Link keeping the query and its options but no filters."""
        args = self._changed()
        for name in NARROWING:
            args.poplist(name)
        return self.href(args)

    def chips(self, applied: list[dict]) -> list[dict]:
        """Active filters as the URL holds them, labelled as the engine resolved them."""
        labels = {(f["facet"], f["value"]): f["label"] for f in applied}
        return [{"name": name, "value": value, "label": labels.get((name, value), value),
                 "remove": self.without(name, value)}
                for name, value in self.args.items(multi=True) if name in NARROWING]

    def pagination(self, total: int, limit: int) -> dict:
        """Previous, next and a window of page links around the current page (None: a gap)."""
        if not limit or total <= limit:
            return {"pages": [], "previous": None, "next": None}
        offset = self._int("offset", 0)
        current, last = offset // limit, (total - 1) // limit
        shown = sorted({0, last, *range(max(0, current - 2), min(last, current + 2) + 1)})
        pages = []
        for number in shown:
            if pages and number - pages[-1]["number"] > 1:
                pages.append(None)
            pages.append({"number": number, "label": number + 1, "current": number == current,
                          "href": self.replaced(offset=number * limit or None)})
        return {
            "pages": pages,
            "previous": self.replaced(offset=(current - 1) * limit or None) if current > 0 else None,
            "next": self.replaced(offset=(current + 1) * limit) if current < last else None,
        }

    def hidden_fields(self, *leave_out: str) -> list[tuple[str, str]]:
        """The state a form must carry besides its own fields, so submitting it changes only those."""
        return [(k, v) for k, v in self.args.items(multi=True) if k not in (*leave_out, "offset", "cursor")]
