"""The remote store: any SPARQL 1.1 Protocol + Graph Store Protocol server.

Tested against ``oxigraph serve`` and Virtuoso. Bound values are sent as a ``VALUES`` block
inserted at the start of the query's WHERE group, with terms serialised (and so escaped) by
pyoxigraph. Reads use the server's union default graph, or, while some graph is hidden, name
the visible graphs (``default-graph-uri`` / ``named-graph-uri``). Hidden graphs are known to
this process only: one Stelselgraaf process writes to a store.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence

import httpx
from pyoxigraph import QueryResultsFormat, QuerySolutions, RdfFormat, parse, parse_query_results

from graph.errors import InvalidQuery, QueryTimeout, StoreUnavailable
from graph.queries import with_values
from graph.queries.guard import VettedQuery
from graph.queries.lexical import where_group_start
from graph.rdf.iris import private_prefix
from graph.rdf.rdfio import ntriples_line
from graph.rdf.terms import Literal, NamedNode, Quad, Term, Triple, value_of
from graph.settings import Settings
from graph.store.base import Bindings, RawQueryResult, Row
from graph.store.results import serialize_result
from graph.store.state import StoreState

_JSON = "application/sparql-results+json"
_BATCH = 5000
_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
_LOOKUP_CHUNK = 250
"""Subjects per ``values_about`` query (a VALUES block; keeps the request small)."""
_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def inject_values(query: str, bindings: Mapping[str, object]) -> str:
    """Insert ``VALUES (?a ?b) { (t1 t2) }`` right after the first '{' following WHERE."""
    if not bindings:
        return query
    at = where_group_start(query)
    if at is None:
        raise InvalidQuery("a query with bound values needs a WHERE clause")
    names = " ".join("?" + name for name in bindings)
    values = " ".join(str(term) for term in bindings.values())
    return f"{query[:at]} VALUES ({names}) {{ ({values}) }} {query[at:]}"


_BOOLEAN = NamedNode("http://www.w3.org/2001/XMLSchema#boolean")
_CANONICAL_BOOLEAN = {"1": "true", "0": "false"}


def canonical(term: Term) -> Term:
    """The canonical lexical form where a server returns another valid one (Virtuoso writes
    ``true``/``false`` booleans back as ``1``/``0``)."""
    if isinstance(term, Literal) and term.datatype == _BOOLEAN and term.value in _CANONICAL_BOOLEAN:
        return Literal(_CANONICAL_BOOLEAN[term.value], datatype=_BOOLEAN)
    return term


def _derive(url: str, leaf: str) -> str:
    return url[: -len("/query")] + "/" + leaf if url.endswith("/query") else url


class RemoteStore:
    """``GraphStore`` over HTTP."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.state = StoreState(self.generation)
        self.query_url = settings.store
        self.update_url = settings.store_update_url or _derive(settings.store, "update")
        self.gsp_url = settings.store_gsp_url or _derive(settings.store, "store")
        self._client = httpx.Client(timeout=httpx.Timeout(settings.query_timeout_s, connect=5.0))
        self._write_lock = threading.RLock()
        self._generation = 0
        self._hidden: frozenset[NamedNode] = frozenset()
        self._names: list[NamedNode] | None = None
        """Every named graph of ours (hidden ones too); None after a write of ours."""

    def _dataset(self) -> dict[str, str | list[str]] | None:
        hidden = self._hidden
        if not hidden:
            return None
        graphs = [g.value for g in self._all_names() if g not in hidden] or ["urn:stelselgraaf:leeg"]
        return {"default-graph-uri": graphs, "named-graph-uri": graphs}

    def _all_names(self) -> list[NamedNode]:
        names = self._names
        if names is None:
            body = self._post_query(_GRAPHS, _JSON)
            result = parse_query_results(body, format=QueryResultsFormat.JSON)
            assert isinstance(result, QuerySolutions)
            names = sorted((g for s in result if isinstance(g := s["g"], NamedNode) and self._own(g)),
                           key=lambda g: g.value)
            self._names = names
        return names

    def _post_query(self, query: str, accept: str, params: dict[str, str | list[str]] | None = None,
                    timeout: float | None = None) -> bytes:
        # Form-encoded POST (SPARQL 1.1 Protocol §2.1.2): every server takes it; Virtuoso 7.2
        # never answers a POST with an application/sparql-query body.
        form: dict[str, str | list[str]] = {"query": query, **(params or {"union-default-graph": ""})}
        try:
            response = self._client.post(
                self.query_url, data=form, headers={"Accept": accept},
                timeout=timeout or httpx.USE_CLIENT_DEFAULT,
            )
        except httpx.TimeoutException as error:
            raise QueryTimeout(f"the remote store did not answer within "
                               f"{self.settings.query_timeout_s:g} s") from error
        except httpx.HTTPError as error:
            raise StoreUnavailable(f"remote store unreachable: {error}") from error
        if response.status_code == 400:
            raise InvalidQuery(f"the remote store rejected the query: {response.text[:500]}")
        if response.status_code >= 300:
            raise StoreUnavailable(f"remote store answered {response.status_code}: {response.text[:300]}")
        return response.content

    def select(self, query: str, bindings: Bindings | None = None) -> list[Row]:
        body = self._post_query(inject_values(query, bindings or {}), _JSON, self._dataset())
        result = parse_query_results(body, format=QueryResultsFormat.JSON)
        assert isinstance(result, QuerySolutions)
        names = [v.value for v in result.variables]
        return [{n: canonical(s[n]) for n in names if s[n] is not None} for s in result]

    def select_graph(self, graph: NamedNode, query: str) -> list[Row]:
        body = self._post_query(query, _JSON, {"default-graph-uri": graph.value})  # hidden ones too
        result = parse_query_results(body, format=QueryResultsFormat.JSON)
        assert isinstance(result, QuerySolutions)
        names = [v.value for v in result.variables]
        return [{n: canonical(s[n]) for n in names if s[n] is not None} for s in result]

    def construct(self, query: str, bindings: Bindings | None = None) -> list[Triple]:
        body = self._post_query(inject_values(query, bindings or {}), "application/n-triples",
                                self._dataset())
        return [Triple(t.subject, t.predicate, canonical(t.object))
                for t in (q.triple for q in parse(body, format=RdfFormat.N_TRIPLES))]

    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        body = self._post_query(inject_values(query, bindings or {}), _JSON, self._dataset())
        return bool(parse_query_results(body, format=QueryResultsFormat.JSON))

    def about(self, subject: NamedNode) -> list[Quad]:
        rows = self.select(_QUADS, {"s": subject})
        private = private_prefix(self.settings.base_iri)
        return [Quad(subject, r["p"], r["o"], r["g"]) for r in rows  # type: ignore[arg-type]
                if not r["g"].value.startswith(private)]

    def values_about(self, subjects: Sequence[NamedNode]) -> dict[str, list[tuple[str, str]]]:
        private = private_prefix(self.settings.base_iri)
        found: dict[str, list[tuple[str, str]]] = {}
        for start in range(0, len(subjects), _LOOKUP_CHUNK):
            text = with_values(_QUADS, "s", subjects[start:start + _LOOKUP_CHUNK])
            for r in self.select(text):
                if not r["g"].value.startswith(private):
                    found.setdefault(r["s"].value, []).append((r["p"].value, value_of(r["o"])))
        return found

    def _quads_of(self, graph: NamedNode | None) -> list[Row]:
        if graph is None:
            return self.select(_QUADS)
        body = self._post_query(inject_values(_QUADS, {"g": graph}), _JSON)  # hidden ones too
        result = parse_query_results(body, format=QueryResultsFormat.JSON)
        assert isinstance(result, QuerySolutions)
        return [{n: canonical(s[n]) for n in ("s", "p", "o", "g")} for s in result]

    def _own(self, graph: object) -> bool:
        """False for the server's own system graphs (``store_system_graphs``)."""
        return isinstance(graph, NamedNode) and not graph.value.startswith(self.settings.store_system_graphs)

    def quads(self, graph: NamedNode | None = None) -> Iterator[Quad]:
        for r in self._quads_of(graph):
            if self._own(r["g"]):
                yield Quad(r["s"], r["p"], r["o"], r["g"])  # type: ignore[arg-type]

    def graph_names(self) -> list[NamedNode]:
        hidden = self._hidden
        return [g for g in self._all_names() if g not in hidden]

    def hidden_graphs(self) -> frozenset[NamedNode]:
        return self._hidden

    def hide(self, graph: NamedNode) -> None:
        with self._write_lock:
            self._hidden = self._hidden | {graph}

    def drop_hidden(self, graph: NamedNode) -> None:
        with self._write_lock:
            if graph not in self._hidden:
                raise ValueError(f"{graph} is visible: drop it with an update")
            self._send("POST", self.update_url, f"DROP SILENT GRAPH {graph}".encode(),
                       "application/sparql-update")
            self._names = None
            self._hidden = self._hidden - {graph}

    def generation(self) -> int:
        return self._generation

    def update(self, update: str, *, private: bool = False, durable: bool = False,
               show: Iterable[NamedNode] = (), hide: Iterable[NamedNode] = ()) -> None:
        with self._write_lock:
            try:
                self._send("POST", self.update_url, update.encode("utf-8"), "application/sparql-update")
            finally:
                self._names = None
            self._hidden = (self._hidden - frozenset(show)) | frozenset(hide)
            if not private:
                self._generation += 1

    def _send(self, method: str, url: str, content: bytes | Iterable[bytes], ctype: str,
              params: dict[str, str] | None = None) -> None:
        try:
            response = self._client.request(method, url, content=content, params=params,
                                             headers={"Content-Type": ctype}, timeout=None)
        except httpx.HTTPError as error:
            raise StoreUnavailable(f"remote store unreachable: {error}") from error
        if response.status_code >= 300:
            raise StoreUnavailable(f"remote store answered {response.status_code}: {response.text[:300]}")

    def stage(self, staging: NamedNode, quads: Iterable[Quad]) -> int:
        """Fill ``staging`` in batches: a GSP PUT, then POSTs (each with a Content-Length: Virtuoso
        answers 201 to a chunked body but stores nothing). Memory stays flat for large sources."""
        count, method, batch = 0, "PUT", []
        with self._write_lock:
            for quad in quads:
                batch.append(ntriples_line(quad))
                count += 1
                if len(batch) >= _BATCH:
                    self._put_batch(method, staging, batch)
                    method, batch = "POST", []
            if batch or method == "PUT":
                self._put_batch(method, staging, batch)
            self._names = None
        return count

    def _put_batch(self, method: str, graph: NamedNode, lines: list[str]) -> None:
        body = ("\n".join(lines) + "\n").encode("utf-8")
        self._send(method, self.gsp_url, body, "application/n-triples", {"graph": graph.value})

    def clear(self) -> None:
        """Drop every graph of ours. Never ``CLEAR ALL`` (it would wipe a server's system graphs);
        the default graph is left alone: Stelselgraaf writes only to named graphs."""
        for graph in self._all_names():
            self.update(f"DROP SILENT GRAPH {graph}")
        self._hidden = frozenset()

    def run_public_query(
        self, query: VettedQuery, *, accept: str, default_graphs: list[NamedNode],
        named_graphs: list[NamedNode],
    ) -> RawQueryResult:
        form = query.form
        params: dict[str, str | list[str]] = {}
        if default_graphs or named_graphs:
            params["default-graph-uri"] = [g.value for g in default_graphs]
            params["named-graph-uri"] = [g.value for g in named_graphs]
        else:
            params["union-default-graph"] = ""
        graph_form = form in {"CONSTRUCT", "DESCRIBE"}
        based = f"BASE {NamedNode(self.settings.base_iri)}\n{query.text}"
        body = self._post_query(based, "application/n-triples" if graph_form else _JSON, params)
        result: object
        if graph_form:
            result = [q.triple for q in parse(body, format=RdfFormat.N_TRIPLES)]
        else:
            result = parse_query_results(body, format=QueryResultsFormat.JSON)
        return serialize_result(result, accept.split(","), self.settings.result_limit)  # type: ignore[arg-type]

    def start_query_workers(self) -> None:
        """Nothing to start: the remote endpoint runs public queries."""

    def close(self) -> None:
        self._client.close()
