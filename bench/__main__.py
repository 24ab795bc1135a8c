"""python -m bench [indexing ...]: run the named benchmarks (all when none is named)."""

import importlib
import sys

BENCHMARKS = ("indexing", "variants", "entities", "words", "names", "ucdp", "facets", "web", "ranking")


def main(names):
    for name in names or BENCHMARKS:
        if name not in BENCHMARKS:
            sys.exit(f"bench: unknown benchmark {name!r}; known: {', '.join(BENCHMARKS)}")
        print(f"== {name}")
        importlib.import_module(f"bench.{name}").run()


main(sys.argv[1:])
