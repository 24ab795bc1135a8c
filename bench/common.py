"""What every benchmark needs: the shared corpora, a timer, percentiles, a plain-Whoosh baseline."""

import json
import statistics
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.analysis import StandardAnalyzer
from whoosh.fields import ID, TEXT, Schema
from whoosh.qparser import MultifieldParser

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPORA = ("press-releases.jsonl", "gdelt-articles.jsonl", "nyt-guardian.jsonl")


def corpus_paths() -> list[Path]:
    paths = [SHARED / "corpora" / name for name in CORPORA]
    missing = [p for p in paths if not p.exists()]
    if missing:
        sys.exit(f"bench: {missing[0]} not found: the benchmarks read ../shared/corpora")
    return paths


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def summarize_ms(values: list[float]) -> str:
    return f"p50 {percentile(values, 50):.1f} ms, p95 {percentile(values, 95):.1f} ms, mean {statistics.mean(values):.1f} ms"


def report_latency(ours: tuple[str, list[float]], baseline: tuple[str, list[float]], target_ms: float) -> None:
    """Both timings, whether our p95 meets the target, and the ratio of means."""
    (our_name, our_ms), (base_name, base_ms) = ours, baseline
    width = max(len(our_name), len(base_name)) + 1
    print(f"  {our_name + ':':{width}} {summarize_ms(our_ms)}")
    print(f"  {base_name + ':':{width}} {summarize_ms(base_ms)}")
    p95 = percentile(our_ms, 95)
    print(f"  p95 {p95:.0f} ms against the {target_ms:.0f} ms target: {'met' if p95 < target_ms else 'NOT met'}; "
          f"ratio of means {sum(our_ms) / sum(base_ms):.2f}")


class Timer:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start


def build_plain_index(directory: Path, records: list[dict]):
    """The baseline: Whoosh out of the box (StandardAnalyzer), same fields and documents."""
    directory.mkdir(parents=True, exist_ok=True)
    schema = Schema(id=ID(stored=True, unique=True), title=TEXT(stored=True, analyzer=StandardAnalyzer()),
                    text=TEXT(stored=True, analyzer=StandardAnalyzer()))
    ix = whoosh_index.create_in(directory, schema)
    with ix.writer(limitmb=256) as writer:
        for record in records:
            writer.add_document(id=str(record["id"]), title=record.get("title") or "", text=record.get("text") or "")
    return ix


def plain_parser(ix) -> MultifieldParser:
    return MultifieldParser(["title", "text"], ix.schema)


@lru_cache(maxsize=1)
def corpus_index() -> Path:
    """The three news corpora indexed by Frontline once per run, for the benchmarks that only search."""
    from frontline.index.indexer import index_paths

    directory = Path(tempfile.mkdtemp(prefix="frontline-bench-corpora-")) / "index"
    index_paths(corpus_paths(), directory)
    return directory
