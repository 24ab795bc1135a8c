"""Indexing throughput per shared corpus and query latency, against plain Whoosh built in the same run."""

import tempfile
from pathlib import Path

from frontline.index.indexer import index_paths
from frontline.search.engine import Engine, SearchRequest

from .common import Timer, build_plain_index, corpus_paths, plain_parser, read_jsonl, summarize_ms

QUERIES = (
    "Kyiv", "Kharkiv missile", "Zelensky", "\"air defense\"", "Lugansk OR Donetsk",
    "grain exports", "Mariupol Azovstal", "Shoigu", "nuclear power plant", "Bakhmut -Soledar",
)
ROUNDS = 5


def run():
    work = Path(tempfile.mkdtemp(prefix="frontline-bench-"))
    frontline_dir, plain_dir = work / "frontline", work / "plain"
    print("Indexing throughput (docs/s): Frontline (names layer) vs plain Whoosh (StandardAnalyzer)")
    all_records = []
    for path in corpus_paths():
        records = read_jsonl(path)
        all_records.extend(records)
        summary = index_paths([path], frontline_dir)
        with Timer() as plain:
            build_plain_index(work / f"plain-{path.stem}", records)
        ours = summary.added / summary.seconds
        base = len(records) / plain.seconds
        print(f"  {path.name:24} {summary.added:5} docs  frontline {ours:6.0f}/s  plain {base:6.0f}/s  "
              f"ratio {ours / base:.2f}")
    plain_ix = build_plain_index(plain_dir, all_records)

    engine = Engine(frontline_dir)
    parser = plain_parser(plain_ix)
    ours_ms, base_ms = [], []
    with plain_ix.searcher() as searcher:
        for _ in range(ROUNDS):
            for q in QUERIES:
                with Timer() as t:
                    engine.search(SearchRequest(q=q, limit=10))
                ours_ms.append(t.seconds * 1000)
                with Timer() as t:
                    results = searcher.search(parser.parse(q), limit=10)
                    [hit.highlights("text") for hit in results]
                base_ms.append(t.seconds * 1000)
    print(f"Query latency, {len(QUERIES)} queries x {ROUNDS} rounds, top 10 with snippets, "
          f"{len(all_records)} docs:")
    print(f"  frontline: {summarize_ms(ours_ms)}")
    print(f"  plain:     {summarize_ms(base_ms)}")
    print(f"  ratio (mean): {sum(ours_ms) / sum(base_ms):.2f}")
