"""Exports of a broad query over the three news corpora: every match with its passages, matched
spellings, entities, regions and text, in each format; against the JSON API's own pages of 1,000
hits for the same query (which mark passages the same way), in the same run, as time per hit.

`python -m bench export [--index DIR]` reuses an index of the three corpora instead of building one."""

import argparse
from pathlib import Path

from frontline.web.app import create_app

from .common import Timer, corpus_index

QUERIES = ("Ukraine OR Russia OR war", "Kyiv", "*")
EXPORTS = ("/export.csv?{}", "/export.json?{}", "/export.jsonl?{}", "/export.jsonl?{}&text=0",
           "/export.jsonl?{}&text=0&snippets=0")
#: An export may take at most this many times the API's time per hit.
TARGET_RATIO = 2.0


def run(options: list[str]):
    parser = argparse.ArgumentParser(prog="bench export")
    parser.add_argument("--index", type=Path, help="an index of the three news corpora (default: build one)")
    index = parser.parse_args(options).index or corpus_index()
    client = create_app(index).test_client()
    client.get("/api/search?q=Kyiv")  # open the index and the facet table once, as a running server has
    for q in QUERIES:
        query = f"q={q}"
        total, api_seconds, offset = None, 0.0, 0
        while total is None or offset < total:
            with Timer() as t:
                page = client.get(f"/api/search?{query}&limit=1000&offset={offset}").get_json()
            api_seconds += t.seconds
            total, offset = page["total"], offset + 1000
        per_hit_api = api_seconds / total * 1000
        print(f"{q!r}: {total} matches; /api/search pages of 1,000: {api_seconds:.2f} s ({per_hit_api:.2f} ms a hit)")
        for path in EXPORTS:
            url = path.format(query)
            with Timer() as t:
                response = client.get(url)
                size = sum(len(chunk) for chunk in response.response)
            per_hit = t.seconds / total * 1000
            print(f"  {url:62} {t.seconds:6.2f} s  {per_hit:5.2f} ms a hit  {size / 2**20:6.1f} MB  "
                  f"x{per_hit / per_hit_api:.2f} the API (target ≤ x{TARGET_RATIO:g})")
