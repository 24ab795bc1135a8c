"""Where a collection's own reports place a name that several places share.

"Zaitseve", "Pisky" and "Pervomaisk" each name places in several oblasts.
When a report says no more than the name, the issue's rule is "the larger
or better-known place" — and what is better known to a collection of war
reports is what the rest of that collection says: if other reports place
"Pervomaisk" in Luhansk Oblast by their own words ("Pervomaisk, Luhansk
region"), a bare "Pervomaisk" in the same collection is that one too.

Only placements a text settles itself count (never a guess, so the prior
cannot feed on itself), a name needs MIN_REPORTS such reports, and its
leading oblast must outnumber the next DOMINANCE times over; otherwise the
size rules in :mod:`.entities` decide, or nothing does.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable

from .model import Extraction

#: Reports that must place a name by their own words before others follow them.
MIN_REPORTS = 2
#: ... and by how much the leading oblast must outnumber the next.
DOMINANCE = 3


def settled_placements(extraction: Extraction) -> set[tuple[str, str]]:
    """(shared name, oblast) for each name the text itself placed among its namesakes."""
    return {(item.namesakes, item.regions[0]) for item in extraction.found
            if item.namesakes and not item.guessed and item.regions}


def open_names(extraction: Extraction) -> set[str]:
    """Shared names the text left to a guess: what a change of the prior may re-decide."""
    return {item.namesakes for item in extraction.found if item.namesakes and item.guessed}


def place_prior(placements_per_document: Iterable[Iterable[tuple[str, str]]]) -> dict[str, str]:
    """Shared name → the oblast the collection's reports place it in, where they agree enough."""
    reports: dict[str, Counter] = defaultdict(Counter)
    for placements in placements_per_document:
        for name, region in set(map(tuple, placements)):
            reports[name][region] += 1
    prior = {}
    for name, counts in reports.items():
        (leader, count), *others = counts.most_common(2)
        if count >= MIN_REPORTS and count >= DOMINANCE * (others[0][1] if others else 0):
            prior[name] = leader
    return prior
