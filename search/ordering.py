"""The orders a search comes back in, under names that say which way they go."""

from whoosh import sorting

SORTS = ("relevance", "newest", "oldest")
#: The conventional short names (JSON:API, Django): a field ascending, "-" before it descending.
SORT_ALIASES = {"date": "oldest", "-date": "newest"}

#: Oldest first with the undated last: an empty date sorts after every date.
_DATED_LAST = sorting.TranslateFacet(lambda value: value or b"\xff", sorting.FieldFacet("date"))


def canonical_sort(sort: str) -> str:
    """The sort's own name (an alias resolved); ValueError for a sort there is not."""
    sort = SORT_ALIASES.get(sort, sort)
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    return sort


def collector(searcher, sort: str, limit: int | None, ranked: bool):
    """The Whoosh collector for an order; a search with no words to rank by is newest first.

    Every match is visited, so the total and the facet counts come from the same pass as the hits:
    no block skipping, and no matcher replacement (once the page is full, Whoosh would drop the parts
    of an OR whose best score cannot reach it, and with them the documents only they match).
    Undated documents come last in both date orders (newest first sorts their empty date lowest)."""
    if sort == "relevance" and ranked:
        top = searcher.collector(limit=limit, optimize=False)
        top.replace = 0
        return top
    if sort == "oldest":
        return searcher.collector(limit=limit, sortedby=_DATED_LAST)
    return searcher.collector(limit=limit, sortedby="date", reverse=True)
