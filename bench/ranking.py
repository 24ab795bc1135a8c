"""Known-item search: a few distinctive words of a real headline (or, for the untitled GDELT articles, of
the lead) should rank that article first, whichever spelling of its names is typed.

How the queries are made, from the three news corpora (every document, in a fixed shuffled order, until
each corpus gives ``PER_CORPUS``, no name more than ``PER_NAME`` times): the headline's first place or
person (not a country) that has another spelling people write, plus the ``OTHER_WORDS`` rarest of its
other words (document frequency in the plain index), in the headline's order. The query is run as the
article prints the name, and respelled: another spelling from ``../shared/eval/variants.tsv`` when that
lists the name, else from the gazetteer; of those, ones alike in Latin letters (a spelling, not a rename)
that wordfreq has seen in running text, the most frequent first; Cyrillic every third query and
whenever no Latin one is left (Kiev for a Kyiv article, Kharkov, Київ, Владимир Путин). Copies of one
article (same title and lead) all count as the article.

Scored by mean reciprocal rank over the first ten hits (MRR@10) and success@1, for Frontline and, in the
same run, plain Whoosh BM25F (StandardAnalyzer over title and text, the default query parser, AND).
Targets: Frontline with any spelling at least plain Whoosh with the article's own spelling, and Frontline
with the own spelling at least plain Whoosh, on both measures. Split by corpus, so the untitled (GDELT)
articles show.
"""

import random
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from whoosh.analysis import STOP_WORDS
from rapidfuzz import fuzz
from unidecode import unidecode
from wordfreq import zipf_frequency

from frontline.index.entities import EntityExtractor
from frontline.search.engine import Engine, SearchRequest

from .common import SHARED, build_plain_index, corpus_index, corpus_paths, plain_parser, read_jsonl

PER_CORPUS = 70
#: No name makes more of a corpus's queries than this (the presidential releases are mostly Zelenskyy's).
PER_NAME = 6
OTHER_WORDS = 3
DEPTH = 10
SEED = 10
#: How alike (rapidfuzz ratio of the Latin letters) a respelling must be: a spelling, not a rename.
MIN_LIKENESS = 45
VARIANTS = SHARED / "eval" / "variants.tsv"
_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@dataclass
class KnownItem:
    doc_id: str
    corpus: str
    own: str
    respelled: str
    name: str
    respelling: str
    relevant: set[str] = field(default_factory=set)


def _variant_rows() -> list[list[str]]:
    """Groups of spellings of one entity from the shared evaluation set (empty when it is absent)."""
    if not VARIANTS.exists():
        return []
    rows = []
    for line in VARIANTS.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        canonical, _kind, others, *_ = line.split("\t") + [""]
        rows.append([canonical, *others.split("|")])
    return rows


def _folded(text: str) -> str:
    """A spelling compared as written, but for case and a possessive."""
    return re.sub(r"'s$", "", text.casefold().replace("’", "'"))


class Respeller:
    """Another spelling of a name that people write: the evaluation set's spellings, else the gazetteer's
    (not a short form, and alike in Latin letters: Kiev for Kyiv, not the Soviet-era Zhdanov for Mariupol),
    the most frequent in running text first (wordfreq: English for Latin letters,
    Ukrainian or Russian for Cyrillic); a spelling wordfreq never saw is nobody's query."""

    def __init__(self, gazetteer):
        self.gazetteer = gazetteer
        self.rows = {_folded(s): row for row in _variant_rows() for s in row}

    def other(self, printed: str, entity_id: str, number: int) -> str:
        own = _folded(printed)
        candidates = self.rows.get(own)
        if candidates is None:
            entity = self.gazetteer.get(entity_id)
            candidates = [s.text for s in (entity.spellings if entity else ()) if s.note not in ("short", "former")]
        candidates = {_plain_letters(c) for c in candidates if len(c.split()) == len(printed.split())}
        attested = sorted((c for c in candidates if _folded(c) != own and _frequency(c) > 1.0
                           and fuzz.ratio(unidecode(c).lower(), unidecode(printed).lower()) >= MIN_LIKENESS),
                          key=lambda c: (-_frequency(c), c))
        cyrillic = [c for c in attested if _CYRILLIC.search(c)]
        latin = [c for c in attested if not _CYRILLIC.search(c)]
        if cyrillic and (number % 3 == 0 or not latin):
            return cyrillic[0]
        return latin[0] if latin else ""


def _frequency(spelling: str) -> float:
    if _CYRILLIC.search(spelling):
        return max(zipf_frequency(spelling, "uk"), zipf_frequency(spelling, "ru"))
    return zipf_frequency(spelling, "en")


def _plain_letters(text: str) -> str:
    """The spelling without stress marks (Респу́блика), as people type it."""
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", text)
                                                if not unicodedata.combining(c) or c in "\u0306\u0308"))


def _headline(record: dict) -> str:
    """The title, or for an untitled article its first sentence (at most 40 words)."""
    title = (record.get("title") or "").strip()
    if title:
        return title
    text = " ".join((record.get("text") or "").split())
    return " ".join(re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0].split()[:40])


def _copy_key(record: dict) -> tuple[str, str]:
    return ((record.get("title") or "").strip().casefold(), " ".join((record.get("text") or "").split())[:300])


def make_items(extractor, respeller, searcher_of_plain) -> list[KnownItem]:
    """The known-item queries of the three corpora (see the module's docstring)."""
    items = []
    reader = searcher_of_plain.reader()
    analyzer = searcher_of_plain.schema["text"].analyzer

    def rarity(word: str) -> int:
        tokens = [t.text for t in analyzer(word)]
        return min((reader.doc_frequency("text", t) for t in tokens), default=10**9) if tokens else 10**9

    for path in corpus_paths():
        records = read_jsonl(path)
        copies = defaultdict(set)
        for record in records:
            copies[_copy_key(record)].add(str(record["id"]))
        order = list(records)
        random.Random(SEED).shuffle(order)
        used = Counter()
        for record in order:
            if sum(used.values()) == PER_CORPUS:
                break
            item = _item(record, path.stem, extractor, respeller, rarity, used)
            if item:
                item.relevant = copies[_copy_key(record)]
                items.append(item)
    return items


def _item(record, corpus, extractor, respeller, rarity, used: Counter) -> KnownItem | None:
    """The headline's query, on its first name that can be respelled and is not yet used PER_NAME times."""
    headline = _headline(record)
    names = [f for f in extractor.extract(headline).found
             if f.kind in ("place", "person") and not f.value.startswith(("name:", "person:~", "country:"))
             and used[f.value] < PER_NAME]
    for found in names:
        respelling = respeller.other(found.text, found.value, sum(used.values()))
        if not respelling:
            continue
        before, after = headline[: found.start], headline[found.end :]
        words = [(m.start(), m.group()) for m in _WORD.finditer(before)]
        words += [(found.end + m.start(), m.group()) for m in _WORD.finditer(after)]
        content = [(p, w) for p, w in words if w.casefold() not in STOP_WORDS and len(w) > 2 and rarity(w) > 0]
        chosen = sorted(sorted(content, key=lambda pw: rarity(pw[1]))[:OTHER_WORDS])
        if len(chosen) < OTHER_WORDS:
            continue

        def query(name: str) -> str:
            parts = [(p, w) for p, w in chosen] + [(found.start, name)]
            return " ".join(w for _, w in sorted(parts))

        used[found.value] += 1
        return KnownItem(str(record["id"]), corpus, query(found.text), query(respelling), found.text, respelling)
    return None


def reciprocal_rank(ranked: list[str], relevant: set[str]) -> float:
    for rank, doc_id in enumerate(ranked[:DEPTH], start=1):
        if doc_id in relevant:
            return 1 / rank
    return 0.0


def _scores(ranks: list[float]) -> tuple[float, float]:
    return sum(ranks) / len(ranks), sum(r == 1.0 for r in ranks) / len(ranks)


def evaluate(index_dir: Path, records_dir: Path) -> dict[str, dict[str, tuple[float, float]]]:
    """{system: {corpus or 'all': (MRR@10, success@1)}}, printed as a table with the queries Frontline
    ranks lower than plain Whoosh does."""
    engine = Engine(index_dir)
    plain_ix = build_plain_index(records_dir, [r for path in corpus_paths() for r in read_jsonl(path)])
    parser = plain_parser(plain_ix)
    with plain_ix.searcher() as plain:
        items = make_items(EntityExtractor(), Respeller(engine.filter_resolver.gazetteer), plain)

        def plain_ranked(q: str) -> list[str]:
            return [hit["id"] for hit in plain.search(parser.parse(q), limit=DEPTH)]

        def ours(q: str) -> list[str]:
            return [hit["id"] for hit in engine.search(SearchRequest(q=q, limit=DEPTH, facet_size=1))["hits"]]

        runs = {
            "Frontline, any spelling": lambda item: ours(item.respelled),
            "Frontline, own spelling": lambda item: ours(item.own),
            "plain Whoosh, own spelling": lambda item: plain_ranked(item.own),
            "plain Whoosh, any spelling": lambda item: plain_ranked(item.respelled),
        }
        ranks = {name: [reciprocal_rank(run(item), item.relevant) for item in items] for name, run in runs.items()}
    table = {}
    corpora = sorted({item.corpus for item in items})
    for name, values in ranks.items():
        table[name] = {"all": _scores(values)}
        for corpus in corpora:
            table[name][corpus] = _scores([v for v, item in zip(values, items) if item.corpus == corpus])
    _print(table, items, corpora)
    print("  ranked lower than plain Whoosh ranks it (reciprocal ranks: any spelling, own spelling, plain):")
    for number, item in enumerate(items):
        ours_any, ours_own = ranks["Frontline, any spelling"][number], ranks["Frontline, own spelling"][number]
        plain_own = ranks["plain Whoosh, own spelling"][number]
        if min(ours_any, ours_own) < plain_own:
            print(f"    {item.respelled!r} / {item.own!r} ({item.doc_id}): {ours_any:.2f} {ours_own:.2f} {plain_own:.2f}")
    return table


def _print(table, items, corpora) -> None:
    print(f"  {len(items)} known-item queries ({', '.join(f'{c}: {sum(i.corpus == c for i in items)}' for c in corpora)}); "
          f"{sum(bool(_CYRILLIC.search(i.respelling)) for i in items)} respelled into Cyrillic")
    width = max(map(len, table)) + 1
    print(f"  {'':{width}} {'MRR@10':>7} {'S@1':>6}   " + "   ".join(f"{c[:14]:>14}" for c in corpora))
    for name, scores in table.items():
        mrr, success = scores["all"]
        per = "   ".join(f"{scores[c][0]:>6.3f}/{scores[c][1]:.3f}" for c in corpora)
        print(f"  {name + ':':{width}} {mrr:7.3f} {success:6.3f}   {per}")
    any_spelling, own = table["Frontline, any spelling"]["all"], table["Frontline, own spelling"]["all"]
    plain = table["plain Whoosh, own spelling"]["all"]
    print(f"  Frontline any spelling vs plain own spelling: MRR {any_spelling[0] / plain[0]:.3f}x, "
          f"S@1 {any_spelling[1] / plain[1]:.3f}x: {_verdict(any_spelling, plain)}")
    print(f"  Frontline own spelling vs plain own spelling: MRR {own[0] / plain[0]:.3f}x, "
          f"S@1 {own[1] / plain[1]:.3f}x: {_verdict(own, plain)}")


def _verdict(ours: tuple[float, float], plain: tuple[float, float]) -> str:
    """Met when both MRR@10 and success@1 are at least the baseline's."""
    return "met" if ours[0] >= plain[0] and ours[1] >= plain[1] else "NOT met"


def run():
    import tempfile

    evaluate(corpus_index(), Path(tempfile.mkdtemp(prefix="frontline-bench-plain-")) / "plain")
