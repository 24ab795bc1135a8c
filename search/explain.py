"""Why a hit matched: which spelling the document prints for each name in the query."""

from frontline.index.names.resolver import WHY, default_resolver
from frontline.index.names.spelling import normalize

from .query import NameTerm


def explain_matches(names: list[NameTerm], printed: dict[str, set[str]]) -> list[dict]:
    """For each name in the query, the spellings this document prints it in, and why they match.

    "Lisichansk → Lysychansk, Russian-era spelling": the explanation is about
    whichever of the two spellings is not the canonical one.
    """
    matched = []
    resolver = default_resolver()
    for name in names:
        entity = name.resolution.best
        typed = normalize(name.typed)
        for spelling, tokens in printed.items():
            if not tokens & set(name.terms):
                continue
            folded = normalize(spelling)
            same = f" {typed} " in f" {folded} "  # printed as typed, maybe within a longer name
            found = resolver.resolve(folded)
            if folded != normalize(entity.label) and found:
                variant, note = spelling, found.note  # explain what the document prints...
            else:
                variant, note = name.typed, name.resolution.note  # ...unless it prints the canonical name
            why = f"{variant} → {entity.label}" + ("" if note in _PLAIN_NOTES else f", {WHY.get(note, note)}")
            matched.append({
                "query": name.typed,
                "spelling": spelling,
                "entity": entity.label,
                "entity_id": entity.id,
                "kind": entity.kind,
                "variant": not same,
                "why": "same spelling" if same else why,
            })
    return matched


#: Spellings that need no explanation beyond naming the entity.
_PLAIN_NOTES = ("official", "short")
