"""The orders a search comes back in, under names that say which way they go."""

SORTS = ("relevance", "newest", "oldest")
#: The conventional short names (JSON:API, Django): a field ascending, "-" before it descending.
SORT_ALIASES = {"date": "oldest", "-date": "newest"}


def canonical_sort(sort: str) -> str:
    """The sort's own name (an alias resolved); ValueError for a sort there is not."""
    sort = SORT_ALIASES.get(sort, sort)
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    return sort
