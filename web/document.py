"""One document for reading: its entity mentions, its text cut at them, and documents like it."""

from collections import Counter

from frontline.index.entities import EntityExtractor
from frontline.search.engine import Engine, display_title

#: Reading order of the entity kinds in the page's side panel.
KINDS = ("place", "person", "organization", "weapon")


def mentions(extractor: EntityExtractor, text: str) -> list[dict]:
    """Every entity mention as the API gives it: character offsets into text, kind, facet value, label."""
    return [{"start": f.start, "end": f.end, "text": text[f.start : f.end], "kind": f.kind, "id": f.value,
             "label": f.label, "regions": list(f.regions)} for f in extractor.extract(text).found]


def segments(text: str, found: list[dict]) -> list[tuple[str, dict | None]]:
    """text cut into (slice, mention or None); the template escapes each slice on its own."""
    pieces, position = [], 0
    for mention in found:
        if mention["start"] < position:  # overlapping mentions: the first one wins
            continue
        if mention["start"] > position:
            pieces.append((text[position : mention["start"]], None))
        pieces.append((text[mention["start"] : mention["end"]], mention))
        position = mention["end"]
    if position < len(text):
        pieces.append((text[position:], None))
    return pieces


def entity_summary(found: list[dict]) -> list[tuple[str, list[dict]]]:
    """(kind, entities most-mentioned first) for the side panel."""
    counts = Counter((m["kind"], m["id"]) for m in found)
    first = {}
    for mention in found:
        first.setdefault((mention["kind"], mention["id"]), mention)
    summary = []
    for kind in KINDS:
        entities = [{**first[key], "mentions": n} for key, n in counts.most_common() if key[0] == kind]
        if entities:
            summary.append((kind, entities))
    return summary


def more_like(engine: Engine, doc_id: str, top: int = 5) -> list[dict]:
    """Documents sharing this one's most distinctive words (Whoosh's key terms)."""
    with engine.searcher() as searcher:
        docnum = searcher.document_number(id=doc_id)
        if docnum is None:
            return []
        return [{"id": hit["id"], "title": display_title(hit.fields()), "date": hit.get("date", ""),
                 "source": hit.get("source", "")}
                for hit in searcher.more_like(docnum, "text", top=top, numterms=10)]

