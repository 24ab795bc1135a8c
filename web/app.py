"""The Flask application: the search page, the document and entity pages, the exports and the JSON API.

Routes only translate between HTTP and the engine; what a search means is
decided in :mod:`frontline.search`. The API returns the engine's answers as
they are, so `frontline search --json` and `/api/search` never disagree.
"""

import threading
from pathlib import Path

from flask import Flask, Response, abort, jsonify, redirect, render_template, request, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from frontline.index.names.given_names import is_given_name
from frontline.index.names.resolver import default_resolver
from frontline.search.engine import Engine, IndexMissingError, SearchRequest
from frontline.search.entity import ENTITY_PAGE_FACETS, UnknownEntityError
from frontline.search.saved import SavedSearches, SavedSearchError

from . import charts, document
from .export import Export
from .state import SearchState

#: Results per page on the search page, by default and at most.
PAGE_SIZE, MAX_PAGE_SIZE = 10, 100
#: Values listed per facet on the page (the rest are a filter box away); enough for every oblast.
PAGE_FACETS = 60
FACET_TITLES = {"region": "Region", "place": "Place", "person": "Person", "organization": "Organisation",
                "weapon": "Weapon", "source": "Source", "lang": "Language", "date": "Month", "from": "From", "to": "To",
                "story": "Story"}
#: What a yes/no parameter says to mean no.
FALSE = ("0", "false", "no", "off")
#: The app serves every asset itself: nothing may load from anywhere else.
CONTENT_SECURITY_POLICY = "; ".join(("default-src 'self'", "object-src 'none'", "base-uri 'none'",
                                     "form-action 'self'", "frame-ancestors 'none'"))


class Frontline:
    """What requests share: one Engine.

    The engine is opened on first use, not at start-up, so a server started
    before `frontline index` says what to do and then works once it has run.
    """

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        self._engine: Engine | None = None
        self._lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        with self._lock:
            if self._engine is None:
                self._engine = Engine(self.index_dir)
            return self._engine

    @property
    def saved(self) -> SavedSearches:
        return SavedSearches(self.engine)

    def region_label(self, code: str) -> str:
        return self.engine.facet_label("region", code)

    def warm_up(self) -> None:
        """Load the gazetteer, the facet table, the given names and the inflection dictionaries now, so the
        first visitor does not wait for them."""
        load_shared_tables()
        try:
            self.engine.search(SearchRequest(q="Kyiv"))
            self.engine.names("Kyiv")
            self.engine.entity("place", "Kyiv")
        except (IndexMissingError, UnknownEntityError):
            pass


def load_shared_tables() -> None:
    """What every search reads and no index holds: the gazetteer, and the given names (a query of a
    capitalised word and another: a name?). A forking server loads them before the fork, to share them."""
    default_resolver()
    is_given_name("Volodymyr")


def entity_url(facet: str, value: str) -> str:
    """The entity page of a facet value (entity facets only)."""
    return url_for("entity_page", facet=facet, value=value)


def entity_base(facet: str) -> str:
    """The path of a facet's entity pages, for the browser to append a value to."""
    return entity_url(facet, "-").removesuffix("-")


def create_app(index_dir: Path) -> Flask:
    app = Flask(__name__)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    frontline = app.extensions["frontline"] = Frontline(index_dir)
    app.jinja_env.globals["FACET_TITLES"] = FACET_TITLES
    app.jinja_env.globals["ENTITY_FACETS"] = ENTITY_PAGE_FACETS
    app.jinja_env.globals["entity_url"] = entity_url
    app.jinja_env.globals["entity_base"] = entity_base

    def state() -> SearchState:
        return SearchState(request.args, url_for("search"))

    @app.after_request
    def headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    # -- pages ---------------------------------------------------------------------

    @app.get("/")
    def search():
        current = state()
        engine = frontline.engine
        try:
            search_request = current.request(PAGE_SIZE, MAX_PAGE_SIZE, PAGE_FACETS)
            result = engine.search(search_request)
        except ValueError as error:  # QuerySyntaxError too: the message says what to fix
            return render_template("search.html", state=current, error=str(error)), 400
        suggestions = []
        if not result["total"] and current.q:
            suggestions = [n for n in engine.names(current.q, 5)["names"] if n["documents"]][:3]
        return render_template(
            "search.html", state=current, result=result, suggestions=suggestions,
            map=charts.region_map(result["facets"]["region"], frontline.region_label, current.args.getlist("region")),
            months=charts.month_bars(result["facets"]["date"], current.args.getlist("date"),
                                     search_request.date_from, search_request.date_to),
            pages=current.pagination(result["total"], search_request.limit),
        )

    @app.get("/doc/<path:doc_id>")
    def show_document(doc_id: str):
        engine = frontline.engine
        doc = engine.document(doc_id) or abort(404, f"No document has the id {doc_id!r}.")
        found = document.mentions(engine.extractor(), doc["text"])
        current = state()
        try:  # the search that led here, marked in the text
            matches, query_error = engine.document_matches(doc_id, current.q, current.exact), ""
        except ValueError as error:
            matches, query_error = {"spans": [], "matched": []}, str(error)
        return render_template(
            "document.html", doc=doc, state=current, back=current.href() if current.args else "",
            segments=document.segments(doc["text"], found, matches["spans"]), entities=document.entity_summary(found),
            match_count=len(matches["spans"]), query_error=query_error,
            spellings=document.match_summary(doc["text"], matches["spans"], matches["matched"]),
            similar=document.more_like(engine, doc_id), region_label=frontline.region_label,
        )

    @app.get("/entity/<facet>/<path:value>")
    def entity_page(facet: str, value: str):
        about = entity_or_404(facet, value)
        if about["value"] != value:  # a label or another spelling: the page lives at the canonical value
            return redirect(entity_url(facet, about["value"]))
        filtered = MultiDict({facet: about["value"]})
        ukrainian = [code for code in ([about["value"]] if facet == "region" else [r["code"] for r in about["regions"]])
                     if code.startswith("UA-")]
        return render_template(
            "entity.html", about=about, state=SearchState(MultiDict()), filtered=SearchState(filtered, url_for("search")),
            everything=url_for("search", **{facet: about["value"], "sort": "newest"}),
            map=charts.region_map(about["region_counts"], frontline.region_label, ukrainian) if ukrainian else None,
            months=charts.month_bars(about["months"], []),
        )

    def entity_or_404(facet: str, value: str) -> dict:
        try:
            return frontline.engine.entity(facet, value, PAGE_SIZE)
        except UnknownEntityError as error:
            abort(404, str(error))

    @app.get("/export.<any(csv, json, jsonl):kind>")
    def export(kind: str):
        """Every match as a download; text=0 leaves the documents' text out, snippets=0 their passages."""
        try:
            job = Export(frontline.engine, state().request(), text=request.args.get("text", "1") not in FALSE,
                         snippets=request.args.get("snippets", "1") not in FALSE)
        except ValueError as error:
            abort(400, str(error))
        body, mimetype = {"csv": (job.csv, "text/csv"), "json": (job.json, "application/json"),
                          "jsonl": (job.jsonl, "application/jsonl")}[kind]
        return Response(body(), mimetype=mimetype, headers={
            "Content-Disposition": f'attachment; filename="{job.filename(kind)}"', "X-Total-Count": str(job.total)})

    # -- saved searches: changed only by POST (and DELETE), never by following a link ------

    def saved_search_form() -> tuple[str, SearchRequest]:
        """The name and the search a form or a JSON body gives (the search in the page's own parameters)."""
        body = request.get_json(silent=True) if request.is_json else None
        if body is None:
            fields = request.form
        elif isinstance(body, dict):
            fields = MultiDict([(key, value) for key, values in body.items()
                                for value in (values if isinstance(values, list) else [values])])
        else:
            abort(400, "send the saved search as a JSON object: {\"name\": …, \"q\": …, filters…}")
        try:
            return str(fields.get("name", "")), SearchState(fields).request()
        except ValueError as error:
            abort(400, str(error))

    def save_search() -> tuple[dict, bool]:
        name, search_request = saved_search_form()
        try:
            standing, replaced = frontline.saved.save(name, search_request)
        except ValueError as error:  # the name, or a search that cannot run
            abort(400, str(error))
        return standing.to_json(), replaced

    def saved_or_404(action, name: str):
        try:
            return action(name)
        except SavedSearchError as error:
            abort(404, str(error))

    @app.get("/saved")
    def saved_searches():
        return render_template("saved.html", saved=[s.to_json() for s in frontline.saved.standings()],
                               state=SearchState(MultiDict()))

    @app.post("/saved")
    def save_search_page():
        save_search()
        return redirect(url_for("saved_searches"), 303)

    @app.post("/saved/<path:name>/open")
    def open_saved_search(name: str):
        opened = saved_or_404(frontline.saved.open, name)
        return redirect(SearchState(MultiDict(opened.saved.request.params()), url_for("search")).href(), 303)

    @app.post("/saved/<path:name>/delete")
    def delete_saved_search(name: str):
        saved_or_404(frontline.saved.delete, name)
        return redirect(url_for("saved_searches"), 303)

    @app.get("/api/saved")
    def api_saved():
        """Every saved search with its total and new count; new=1 lists the new documents too."""
        with_new = request.args.get("new", "") not in ("", *FALSE)
        return jsonify({"saved": [s.to_json(frontline.engine if with_new else None)
                                  for s in frontline.saved.standings()]})

    @app.post("/api/saved")
    def api_save():
        answer, replaced = save_search()
        return jsonify({"saved": answer, "replaced": replaced}), 200 if replaced else 201

    @app.post("/api/saved/<path:name>/open")
    def api_open_saved(name: str):
        return jsonify({"saved": saved_or_404(frontline.saved.open, name).to_json()})

    @app.delete("/api/saved/<path:name>")
    def api_delete_saved(name: str):
        saved_or_404(frontline.saved.delete, name)
        return jsonify({"deleted": name})

    # -- JSON API ------------------------------------------------------------------------

    @app.get("/api/search")
    def api_search():
        try:
            return jsonify(frontline.engine.search(state().request()))
        except ValueError as error:
            abort(400, str(error))

    @app.get("/api/names")
    def api_names():
        limit = request.args.get("limit", 10, type=int)
        found = frontline.engine.names(request.args.get("q", ""), max(1, min(limit, 50)))
        for name in found["names"]:  # a name no document has has no page
            name["entity_url"] = entity_url(name["facet"], name["value"]) if name["documents"] else None
        return jsonify(found)

    @app.get("/api/entity/<facet>/<path:value>")
    def api_entity(facet: str, value: str):
        return jsonify(entity_or_404(facet, value))

    @app.get("/api/facets/<facet>")
    def api_facets(facet: str):
        try:
            return jsonify(frontline.engine.facet_values(
                facet, request.args.get("q", ""), request.args.get("search", ""),
                max(1, min(request.args.get("limit", 20, type=int), 1000))))
        except ValueError as error:  # an unknown facet, or a QuerySyntaxError in search
            abort(400, str(error))

    @app.get("/api/doc/<path:doc_id>")
    def api_document(doc_id: str):
        engine = frontline.engine
        doc = engine.document(doc_id) or abort(404, f"No document has the id {doc_id!r}.")
        return jsonify({**doc, "entities": document.mentions(engine.extractor(), doc["text"])})

    # -- errors: JSON for the API and exports, a page for people -------------------------

    def wants_json() -> bool:
        return request.path.startswith(("/api/", "/export."))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if wants_json():
            return jsonify({"error": error.description}), error.code
        return render_template("error.html", title=error.name, message=error.description,
                               state=SearchState(MultiDict())), error.code

    @app.errorhandler(IndexMissingError)
    def no_index(error: IndexMissingError):
        if wants_json():
            return jsonify({"error": str(error)}), 503
        return render_template("no_index.html", index_dir=frontline.index_dir, state=SearchState(MultiDict())), 503

    return app

