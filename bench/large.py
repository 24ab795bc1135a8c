"""python -m bench large [--text-mb 50] [--jsonl-gb 1]: one large plain text and one large JSON Lines file,
each indexed by `frontline index` in a child process, at a quarter (text) or a tenth (JSON Lines) of its size
and at full size: time, throughput, peak PSS with the workers (target < 1 GB), and how the time per
megabyte grows from the small file to the large one (linear: about 1).

The text is real report paragraphs of the three news corpora (fixed seed), as a book or a dump of notes
is; the JSON Lines are the scale benchmark's synthetic documents (about 3 kB each).
"""

import argparse
import tempfile
from pathlib import Path

from .common import SHARED
from .formats import MEMORY_TARGET_MB, paragraphs
from .scale import DOC_CHARS, index_in_child, iter_synthetic, write_jsonl

MB = 1 << 20
#: Bytes of one synthetic document's JSON line: its text, and its id, title, date and source.
LINE_BYTES = DOC_CHARS + 300


def write_text(path: Path, megabytes: float) -> Path:
    source = paragraphs()
    with path.open("w", encoding="utf-8") as out:
        written, number = 0, 0
        while written < megabytes * MB:
            paragraph = source[number % len(source)] + "\n\n"
            out.write(paragraph)
            written += len(paragraph.encode())
            number += 1
    return path


def run(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench large")
    parser.add_argument("--text-mb", type=float, default=50.0)
    parser.add_argument("--jsonl-gb", type=float, default=1.0)
    options = parser.parse_args(argv)
    if not (SHARED / "corpora").exists():
        raise SystemExit("bench: ../shared/corpora not found")
    with tempfile.TemporaryDirectory(prefix="frontline-bench-large-") as directory:
        work = Path(directory)
        texts = [write_text(work / f"notes-{mb:g}mb.txt", mb) for mb in (options.text_mb / 4, options.text_mb)]
        _compare("plain text", [(path, index_in_child(work / f"index-{path.stem}", path)) for path in texts])
        documents = int(options.jsonl_gb * 1024 * MB / LINE_BYTES)
        feeds = [write_jsonl(work / f"feed-{count}.jsonl", iter_synthetic(count)) for count in (documents // 10, documents)]
        _compare("JSON Lines", [(path, index_in_child(work / f"index-{path.stem}", path)) for path in feeds])


def _compare(kind: str, runs: list[tuple[Path, dict]]) -> None:
    per_mb = []
    for path, figures in runs:
        size = path.stat().st_size / MB
        per_mb.append(figures["seconds"] / size)
        peak = figures["rss_mb"]
        print(f"  {kind}, {size:,.0f} MB: {figures['written']:,} documents in {figures['seconds']:.0f} s "
              f"({size / figures['seconds']:.2f} MB/s), peak PSS with its workers {peak:.0f} MB "
              f"({'met' if peak < MEMORY_TARGET_MB else 'NOT met'}: < {MEMORY_TARGET_MB} MB)", flush=True)
    print(f"  {kind}: seconds per MB, large ÷ small {per_mb[-1] / per_mb[0]:.2f} (linear: about 1)", flush=True)
