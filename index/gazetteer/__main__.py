"""``python -m frontline.index.gazetteer``: rebuild the gazetteer file and print what is in it."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections import Counter
from pathlib import Path

from .store import Gazetteer, default_path


def describe(gazetteer: Gazetteer) -> str:
    kinds = Counter(e.kind for e in gazetteer.entities.values())
    levels = Counter(e.level for e in gazetteer.entities.values() if e.kind == "place")
    notes = Counter(s.note for e in gazetteer.entities.values() for s in e.spellings)
    keys = sum(1 for _ in gazetteer.spellings())
    lines = [f"entities: {len(gazetteer.entities):,}"]
    lines += [f"  {kind:<13} {count:>7,}" for kind, count in kinds.most_common()]
    lines.append("places by level:")
    lines += [f"  {level or '-':<13} {count:>7,}" for level, count in levels.most_common()]
    distinct = len({key for key, _, _ in gazetteer.spellings()})
    lines.append(f"spellings: {sum(notes.values()):,} ({distinct:,} distinct normalized, {keys:,} spelling-entity pairs)")
    lines += [f"  {note:<13} {count:>7,}" for note, count in notes.most_common()]
    lines.append(f"regions: {len(gazetteer.regions):,}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m frontline.index.gazetteer", description=__doc__)
    parser.add_argument("--path", help=f"where to write (default {default_path()})")
    parser.add_argument("--no-rebuild", action="store_true", help="load the existing file (building it only if missing or stale)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    path = args.path or default_path()
    if args.no_rebuild:
        gazetteer = Gazetteer.load(path)
    else:
        gazetteer = Gazetteer.rebuild(path)
        print(f"built in {gazetteer.build_seconds:.1f} s")
        for name, count in sorted(getattr(gazetteer, "stats", {}).items()):
            print(f"  {name}: {count:,}")
    started = time.perf_counter()
    Gazetteer.read(path)
    load_seconds = time.perf_counter() - started
    print(describe(gazetteer))
    print(f"file: {path} ({Path(path).stat().st_size / 1e6:.2f} MB), loads in {load_seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
