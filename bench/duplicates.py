"""Near-duplicate stories: the pairs the LSH groups against brute-force Jaccard over every pair.

Ground truth: every pair of documents whose 5-word shingle sets have a Jaccard similarity of at
least THRESHOLD, computed exactly for all pairs (a sparse document × shingle matrix times its
transpose gives every pair's intersection). Predicted: every pair of documents the story grouping
(frontline.index.stories) puts in one story. Run on each of the three news corpora, on all three
together, and on all three with WIRE_COPIES made-up wire copies (fixed seed): a random document
under another headline, with a byline, a paragraph dropped or not, and 0–12% of its words changed,
so that many pairs lie on either side of the threshold. Targets: precision and recall ≥ 0.95
everywhere; indexing with signatures no more than 15% slower than without. What signatures add is
measured directly (the CPU time of signing every text, datasketch's import included) against the CPU
time of indexing the corpora without them; indexing with and without, alternated, is printed beside
it, but on a shared two-core machine those runs differ by more than the signatures cost.
"""

import os
import random
import tempfile
from pathlib import Path

import numpy as np

from frontline.index import stories

from .common import Timer, corpus_paths, read_jsonl


def exact_pairs(texts: list[str], threshold: float) -> set[tuple[int, int]]:
    """Every pair (i < j) whose shingle sets' Jaccard similarity is at least threshold."""
    from scipy.sparse import csr_matrix

    vocabulary: dict[bytes, int] = {}
    rows, cols = [], []
    for number, text in enumerate(texts):
        for shingle in stories.shingles(text):
            rows.append(number)
            cols.append(vocabulary.setdefault(shingle, len(vocabulary)))
    matrix = csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(texts), len(vocabulary)))
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    shared = (matrix @ matrix.T).tocoo()
    upper = shared.row < shared.col
    first, second, both = shared.row[upper], shared.col[upper], shared.data[upper]
    jaccard = both / (sizes[first] + sizes[second] - both)
    keep = jaccard >= threshold
    return set(zip(first[keep].tolist(), second[keep].tolist()))


def grouped_pairs(texts: list[str]) -> set[tuple[int, int]]:
    """Every pair of documents the story grouping puts together."""
    signatures, present = stories.signatures_array(stories.signature(text) for text in texts)
    labels = stories.group(signatures, present, text_of=texts.__getitem__)
    pairs = set()
    for label in np.unique(labels):
        members = np.flatnonzero(labels == label)
        pairs.update((int(a), int(b)) for n, a in enumerate(members) for b in members[n + 1:])
    return pairs


def score(name: str, texts: list[str]) -> tuple[float, float]:
    truth, predicted = exact_pairs(texts, stories.THRESHOLD), grouped_pairs(texts)
    right = len(truth & predicted)
    precision = right / len(predicted) if predicted else 1.0
    recall = right / len(truth) if truth else 1.0
    print(f"  {name:22} {len(texts):5} docs: {len(truth):5} pairs with Jaccard ≥ {stories.THRESHOLD}, "
          f"{len(predicted):5} grouped; precision {precision:.3f}, recall {recall:.3f}")
    return precision, recall


WIRE_COPIES = 400
_BYLINES = ("By Reuters staff", "By the Associated Press", "From our correspondent in Kyiv", "AFP")


def wire_copies(texts: list[str], count: int, seed: int = 1301) -> list[str]:
    """Made-up reprints of random texts: a byline, maybe a paragraph less, some words changed."""
    rng = random.Random(seed)
    vocabulary = [word for text in texts[:200] for word in text.split()]
    copies = []
    for _ in range(count):
        paragraphs = [p for p in rng.choice(texts).split("\n") if p.strip()]
        if len(paragraphs) > 3 and rng.random() < 0.5:
            del paragraphs[rng.randrange(len(paragraphs))]
        words = f"{rng.choice(_BYLINES)}\n{' '.join(paragraphs)}".split()
        changed = rng.choice((0.0, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12))
        copies.append(" ".join(rng.choice(vocabulary) if rng.random() < changed else word for word in words))
    return copies


def _cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def indexing_cost(paths: list[Path], texts: list[str]) -> float:
    """(CPU seconds of indexing plus signing every text) over CPU seconds of indexing without signatures
    (the lower of two runs); the whole runs with signatures beside them."""
    from frontline.index.indexer import index_paths

    real = stories.signature
    timings: dict[str, list[float]] = {"without": [], "with": []}
    for label in ("without", "with", "without", "with"):
        stories.signature = real if label == "with" else (lambda _text: b"")
        try:
            with tempfile.TemporaryDirectory(prefix="frontline-bench-dup-") as directory, Timer() as timer:
                before = _cpu_seconds()
                index_paths(paths, Path(directory) / "index")
                cpu = _cpu_seconds() - before
        finally:
            stories.signature = real
        timings[label].append(cpu)
        print(f"  indexing {label} signatures: {cpu:.1f} CPU s ({timer.seconds:.1f} s)")
    signing = _signing_seconds(texts)
    baseline = min(timings["without"])
    print(f"  signing all {len(texts)} texts in this process: {signing:.1f} CPU s, "
          f"{signing / baseline * 100:.1f}% of indexing's {baseline:.1f} CPU s without them")
    return (baseline + signing) / baseline


def _signing_seconds(texts: list[str]) -> float:
    """CPU seconds to sign every text in a fresh process (datasketch's import included)."""
    import json
    import subprocess
    import sys

    script = ("import json, sys, time; t = time.process_time(); from frontline.index import stories; "
              "texts = json.load(sys.stdin); [stories.signature(x) for x in texts]; print(time.process_time() - t)")
    done = subprocess.run([sys.executable, "-c", script], input=json.dumps(texts), capture_output=True, text=True,
                          check=True)
    return float(done.stdout.strip())


def run() -> None:
    paths = corpus_paths()
    results = []
    every = []
    for path in paths:
        texts = [record.get("text") or "" for record in read_jsonl(path)]
        every.extend(texts)
        results.append(score(path.stem, texts))
    results.append(score("all three", every))
    results.append(score(f"+ {WIRE_COPIES} wire copies", every + wire_copies(every, WIRE_COPIES)))
    met = all(p >= 0.95 and r >= 0.95 for p, r in results)
    print(f"  precision and recall ≥ 0.95 everywhere: {'met' if met else 'NOT met'}")
    ratio = indexing_cost(paths, every)
    print(f"  indexing and signing / indexing alone: {ratio:.2f}× ({(ratio - 1) * 100:+.0f}%; target ≤ +15%: "
          f"{'met' if ratio <= 1.15 else 'NOT met'})")
