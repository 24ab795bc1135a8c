"""Run a search against the index and shape the answer the CLI and the API share."""

import time
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as wq

from frontline.index.analysis import fold_word
from frontline.index.names import WHY, default_resolver
from frontline.index.spelling import normalize

from .query import SEARCHED_FIELDS, NameTerm, parse_query
from .snippets import make_snippets

SORTS = ("relevance", "date", "-date")
MAX_LIMIT = 1000


class IndexMissingError(FileNotFoundError):
    pass


@dataclass
class SearchRequest:
    q: str = ""
    limit: int = 10
    offset: int = 0
    sort: str = "relevance"
    #: Match words exactly as typed: no other spellings of names.
    exact: bool = False

    def __post_init__(self):
        self.limit = max(0, min(int(self.limit), MAX_LIMIT))
        self.offset = max(0, int(self.offset))
        if self.sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}, not {self.sort!r}")


@dataclass
class Hit:
    fields: dict
    score: float
    snippets: list[str] = field(default_factory=list)
    matched: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        f = self.fields
        return {
            "id": f["id"],
            "title": display_title(f),
            "date": f.get("date", ""),
            "source": f.get("source", ""),
            "url": f.get("url", ""),
            "lang": f.get("lang", ""),
            "score": round(self.score, 4),
            "snippets": self.snippets,
            "matched": self.matched,
        }


def display_title(fields: dict) -> str:
    """The stored title, else the opening words of the text, so no hit is untitled."""
    if fields.get("title"):
        return fields["title"]
    words = fields.get("text", "").split()
    head = " ".join(words[:14])
    return head + (" …" if len(words) > 14 else "")


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
            folded = normalize(fold_word(spelling))
            same = folded == typed or folded.startswith(typed + " ")
            found = resolver.resolve(folded)
            if found and found.note not in _PLAIN_NOTES:
                variant, note = spelling, found.note
            else:
                variant, note = name.typed, name.resolution.note
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


class Engine:
    """One open index; cheap to query many times (the web app keeps one)."""

    def __init__(self, index_dir: Path):
        index_dir = Path(index_dir)
        if not whoosh_index.exists_in(index_dir):
            raise IndexMissingError(f"no index at {index_dir}: run 'frontline index' first")
        self.index_dir = index_dir
        self.ix = whoosh_index.open_dir(index_dir)
        self.analyzer = self.ix.schema["text"].analyzer

    def searcher(self):
        return self.ix.searcher()

    def search(self, request: SearchRequest) -> dict:
        started = time.perf_counter()
        parsed = parse_query(request.q, self.ix.schema, None if request.exact else default_resolver())
        query = parsed.query
        with self.searcher() as searcher:
            results = self._run(searcher, query, request)
            total = len(results)
            page = results[request.offset : request.offset + request.limit]
            terms = {text for fieldname, text in query.iter_all_terms() if fieldname in SEARCHED_FIELDS}
            hits = [self._hit(hit, terms, parsed.names) for hit in page]
        return {
            "query": request.q,
            "total": total,
            "offset": request.offset,
            "limit": request.limit,
            "sort": request.sort,
            "took_ms": round((time.perf_counter() - started) * 1000, 1),
            "hits": [hit.to_json() for hit in hits],
            "facets": {},
        }

    def _run(self, searcher, query, request: SearchRequest):
        wanted = request.offset + request.limit or 1
        if request.sort == "relevance" and not isinstance(query, wq.Every):
            return searcher.search(query, limit=wanted)
        reverse = request.sort != "date"
        return searcher.search(query, limit=wanted, sortedby="date", reverse=reverse)

    def _hit(self, hit, terms, names: list[NameTerm]) -> Hit:
        fields = hit.fields()
        snippets = make_snippets(fields.get("text", ""), terms, self.analyzer)
        return Hit(fields, hit.score or 0.0, snippets.fragments, explain_matches(names, snippets.spellings))

    def document(self, doc_id: str) -> dict | None:
        with self.searcher() as searcher:
            fields = searcher.document(id=doc_id)
        if fields is None:
            return None
        return {**{k: fields.get(k, "") for k in ("id", "date", "source", "url", "lang", "text")},
                "title": display_title(fields)}
