"""Search plus every facet count, over the three news corpora: Frontline's numpy column
against Whoosh's own FieldFacet(allow_overlap=True) counting on the same index, in the same run."""

from whoosh import sorting

from frontline.index.entities import FACETS
from frontline.search.engine import Engine, SearchRequest
from frontline.search.query import parse_query

from .common import Timer, corpus_index, report_latency

REQUESTS = (
    SearchRequest(q=""),
    SearchRequest(q="Kyiv"),
    SearchRequest(q="Kharkov missile"),
    SearchRequest(q="Zelensky"),
    SearchRequest(q="grain"),
    SearchRequest(q="\"air defense\""),
    SearchRequest(q="Donbass OR Donbas"),
    SearchRequest(q="", filters={"region": ["Luhansk"]}),
    SearchRequest(q="shelling", filters={"region": ["UA-14", "UA-09"]}),
    SearchRequest(q="", filters={"person": ["Shoigu"]}),
    SearchRequest(q="Mariupol", filters={"place": ["Azovstal"]}),
    SearchRequest(q="nuclear", filters={"place": ["Zaporizhzhia"]}),
    SearchRequest(q="", date_from="2022-03-01", date_to="2022-03-31"),
    SearchRequest(q="sanctions", filters={"date": ["2022"]}),
    SearchRequest(q="HIMARS"),
)
ROUNDS = 5
TARGET_P95_MS = 300


def run():
    engine = Engine(corpus_index())
    engine.search(SearchRequest(q=""))  # open the facet table once, as a running server has
    ours, theirs = [], []
    whoosh_facets = [sorting.FieldFacet(name, allow_overlap=True) for name in FACETS]
    whoosh_facets += [sorting.FieldFacet("source"), sorting.FieldFacet("month")]
    with engine.searcher() as searcher:
        for _ in range(ROUNDS):
            for request in REQUESTS:
                with Timer() as t:
                    engine.search(request)
                ours.append(t.seconds * 1000)
                query = parse_query(request.q, engine.ix.schema).query
                filters = engine.filter_resolver.resolve(request.filters, request.date_from, request.date_to).query()
                with Timer() as t:
                    results = searcher.search(query, filter=filters, limit=10, groupedby=whoosh_facets)
                    [results.groups(name) for name in (*FACETS, "source", "month")]
                theirs.append(t.seconds * 1000)
    with engine.searcher() as searcher:
        documents = searcher.doc_count()
    print(f"{documents} documents; {len(REQUESTS)} searches x {ROUNDS} rounds, each with all facet counts")
    report_latency(("frontline (search, snippets, numpy facets)", ours),
                   ("whoosh FieldFacet counting alone", theirs), TARGET_P95_MS)
