"""python -m bench [NAME [--option …] …]: run the named benchmarks (all but scale when none is named).

Options after a name go to that benchmark: `python -m bench scale --docs 100000`."""

import importlib
import inspect
import sys

BENCHMARKS = ("indexing", "variants", "entities", "cyrillic", "words", "names", "ucdp", "facets", "web", "export", "ranking",
              "duplicates", "formats", "large", "scale")
#: Left out of a run of everything: each takes from minutes to an hour.
ON_REQUEST = ("formats", "large", "scale")


def main(argv: list[str]) -> None:
    runs: list[tuple[str, list[str]]] = []
    for arg in argv:
        if arg in BENCHMARKS or not runs:
            runs.append((arg, []))
        else:  # an option, or an option's value, of the benchmark named before it
            runs[-1][1].append(arg)
    for name, options in runs or [(name, []) for name in BENCHMARKS if name not in ON_REQUEST]:
        if name not in BENCHMARKS:
            sys.exit(f"bench: unknown benchmark {name!r}; known: {', '.join(BENCHMARKS)}")
        print(f"== {name}", flush=True)
        run = importlib.import_module(f"bench.{name}").run
        run(options) if inspect.signature(run).parameters else run()


main(sys.argv[1:])
