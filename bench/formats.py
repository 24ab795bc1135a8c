"""Large documents in bounded memory: a 500-page PDF and a 2 GB zip archive, each indexed by
`frontline index` in a child process, with its time and peak PSS (workers included, sampled each second).

The PDF has a page of real report text (paragraphs of the three news corpora, fixed seed) on each
of its 500 pages. The zip holds what a researcher's archive holds: 2 GB of photos and video
(incompressible bytes, stored: each skipped by its type without being read), a 20 MB plain text
read in pieces, a JSON Lines feed and the PDF. Target: peak RSS under 1 GB for either, whatever
the input's size. `python -m bench formats [--zip-gb N]`.
"""

import argparse
import os
import random
import tempfile
import zipfile
from pathlib import Path

from .common import Timer, corpus_paths, read_jsonl
from .scale import index_in_child

PAGES = 500
MEMORY_TARGET_MB = 1024


def paragraphs(seed: int = 1302) -> list[str]:
    texts = [record.get("text") or "" for path in corpus_paths() for record in read_jsonl(path)]
    found = [p.strip() for text in texts for p in text.split("\n") if len(p.strip()) > 200]
    random.Random(seed).shuffle(found)
    return found


def make_pdf(path: Path, source: list[str]) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    for number in range(PAGES):
        pdf.add_page()
        text = "\n\n".join(source[(number * 4 + k) % len(source)] for k in range(4))
        pdf.multi_cell(0, 5, text.encode("latin-1", "replace").decode("latin-1"))
    pdf.output(str(path))


def make_zip(path: Path, pdf: Path, source: list[str], gigabytes: float) -> None:
    chunk = os.urandom(8 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(pdf, "reports/annual-report.pdf")
        archive.writestr("notes/field-notes.txt", "\n\n".join(source[n % len(source)] for n in range(20_000))[: 20 << 20])
        lines = "\n".join(f'{{"id": "feed-{n}", "text": {source[n % len(source)]!r}}}'.replace("'", '"')
                          for n in range(1000))
        archive.writestr("feeds/feed.jsonl", lines)
        written, number = 0, 0
        while written < gigabytes * (1 << 30):
            name = f"media/{'video' if number % 10 == 0 else 'photo'}-{number:04}.{'mp4' if number % 10 == 0 else 'jpg'}"
            with archive.open(zipfile.ZipInfo(name), "w", force_zip64=True) as member:
                for _ in range(8):  # 64 MB a member, stored as it is (compressing noise gains nothing)
                    member.write(chunk)
            written += 64 << 20
            number += 1


def run(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="bench formats")
    parser.add_argument("--zip-gb", type=float, default=2.0)
    options = parser.parse_args(argv)
    source = paragraphs()
    with tempfile.TemporaryDirectory(prefix="frontline-bench-formats-") as directory:
        folder = Path(directory)
        pdf, archive = folder / "report-500.pdf", folder / "archive.zip"
        with Timer() as made:
            make_pdf(pdf, source)
        print(f"  made a {PAGES}-page PDF ({pdf.stat().st_size / 1e6:.1f} MB) in {made.seconds:.0f} s")
        _report("PDF", index_in_child(folder / "pdf-index", pdf))
        with Timer() as made:
            make_zip(archive, pdf, source, options.zip_gb)
        print(f"  made a {archive.stat().st_size / (1 << 30):.2f} GB zip in {made.seconds:.0f} s")
        _report("zip", index_in_child(folder / "zip-index", archive))


def _report(name: str, figures: dict) -> None:
    peak = figures["rss_mb"]
    print(f"  {name}: {figures['written']} documents in {figures['seconds']:.1f} s, peak PSS with its workers "
          f"{peak:.0f} MB ({'met' if peak < MEMORY_TARGET_MB else 'NOT met'}: < {MEMORY_TARGET_MB} MB)")
