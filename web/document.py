"""One document for reading: its entity mentions, its text cut at them, and documents like it."""

from bisect import bisect_right
from collections import Counter

from frontline.index.entities import EntityExtractor
from frontline.search.engine import Engine, display_title

#: Reading order of the entity kinds in the page's side panel.
KINDS = ("place", "person", "organization", "weapon")


def mentions(extractor: EntityExtractor, text: str) -> list[dict]:
    """Every entity mention as the API gives it: character offsets into text, kind, facet value, label."""
    return [{"start": f.start, "end": f.end, "text": text[f.start : f.end], "kind": f.kind, "id": f.value,
             "label": f.label, "regions": list(f.regions)} for f in extractor.extract(text).found]


def segments(text: str, found: list[dict], marked: list[tuple[int, int]] = ()) -> list[tuple[dict | None, list]]:
    """text cut at entity mentions into (mention or None, pieces), each piece a (slice, number of the query
    match it belongs to or None, whether the match starts there); the template escapes each slice on its
    own. A match that crosses a mention's edge is cut there, both pieces keeping its number."""
    pieces, position = [], 0
    for mention in found:
        if mention["start"] < position:  # overlapping mentions: the first one wins
            continue
        if mention["start"] > position:
            pieces.append((None, _marked(text, position, mention["start"], marked)))
        pieces.append((mention, _marked(text, mention["start"], mention["end"], marked)))
        position = mention["end"]
    if position < len(text):
        pieces.append((None, _marked(text, position, len(text), marked)))
    return pieces


def _marked(text: str, start: int, end: int, marked: list[tuple[int, int]]) -> list[tuple[str, int | None, bool]]:
    """text[start:end] cut at the (sorted, disjoint) matched spans inside it."""
    pieces, position = [], start
    first = bisect_right(marked, start, key=lambda span: span[1])  # the first match ending after start
    for number in range(first, len(marked)):
        match_start, match_end = marked[number]
        if match_start >= end:
            break
        cut_start, cut_end = max(match_start, start), min(match_end, end)
        if cut_start > position:
            pieces.append((text[position:cut_start], None, False))
        pieces.append((text[cut_start:cut_end], number, cut_start == match_start))
        position = cut_end
    if position < end:
        pieces.append((text[position:end], None, False))
    return pieces


def match_summary(text: str, spans: list[tuple[int, int]], matched: list[dict]) -> list[dict]:
    """Each spelling the query matched in text, most often first: how often, and why it matched
    (None for the spelling as typed and for words that are no name)."""
    counts = Counter(text[start:end] for start, end in spans)
    why = {m["spelling"]: m["why"] for m in matched if m["variant"]}
    return [{"spelling": spelling, "count": n, "why": why.get(spelling)} for spelling, n in counts.most_common()]


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

