"""The public, read-only SPARQL service: vet, then run with row cap and time limit."""

from __future__ import annotations

from collections.abc import Sequence

from graph.errors import ForbiddenOperation, InvalidQuery
from graph.queries.guard import vet_query
from graph.rdf import iris
from graph.rdf.namespaces import PREFIXES
from graph.rdf.rdfio import serialize_triples
from graph.rdf.terms import NamedNode, Triple, lit
from graph.sources.publication import published_graphs
from graph.store.base import GraphStore, RawQueryResult

SD = "http://www.w3.org/ns/sparql-service-description#"
EMPTY_GRAPH = NamedNode("urn:stelselgraaf:leeg")
"""Stands for an empty dataset: nothing is published yet (never written to)."""
RESULT_FORMATS = (
    "http://www.w3.org/ns/formats/SPARQL_Results_JSON",
    "http://www.w3.org/ns/formats/SPARQL_Results_XML",
    "http://www.w3.org/ns/formats/SPARQL_Results_CSV",
    "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
    "http://www.w3.org/ns/formats/Turtle",
    "http://www.w3.org/ns/formats/N-Triples",
    "http://www.w3.org/ns/formats/JSON-LD",
    "http://www.w3.org/ns/formats/RDF_XML",
)


def _iri(text: str) -> NamedNode:
    try:
        return NamedNode(text)
    except ValueError:
        raise InvalidQuery(f"not a valid graph IRI: {text!r}") from None


def run_query(
    store: GraphStore, query: str, accept: Sequence[str], default_graphs: Sequence[str],
    named_graphs: Sequence[str],
) -> RawQueryResult:
    """Run a public query; raises InvalidQuery, ForbiddenOperation, QueryTimeout, NotAcceptable."""
    vetted = vet_query(query)
    from_text = not default_graphs and not named_graphs and (vetted.from_graphs or vetted.from_named)
    if from_text:  # SPARQL 1.1 Protocol §2.1.4: without protocol parameters, FROM / FROM NAMED apply
        default_graphs, named_graphs = vetted.from_graphs, vetted.from_named
    defaults = [_iri(g) for g in default_graphs]
    named = [_iri(g) for g in named_graphs]
    private = iris.private_prefix(store.settings.base_iri)
    hidden = store.hidden_graphs()
    if any(g.value.startswith(private) or g in hidden for g in defaults + named):
        raise ForbiddenOperation("private graphs (audit log, proposals) and staged loads are not public")
    if from_text:  # a dataset of only FROM (or only FROM NAMED) has no named (or default) graphs
        defaults, named = defaults or [EMPTY_GRAPH], named or [EMPTY_GRAPH]
    elif not defaults and not named:  # the union of published graphs: a load being staged stays out
        defaults = named = published_graphs(store) or [EMPTY_GRAPH]  # [] would mean every graph
    return store.run_public_query(vetted, accept=",".join(accept), default_graphs=defaults,
                                  named_graphs=named)


def service_description(endpoint: str, fmt: str, result_limit: int, timeout_s: float) -> bytes:
    """SPARQL 1.1 Service Description of the endpoint at ``endpoint``."""
    node = NamedNode(endpoint)
    sd = {name: NamedNode(SD + name) for name in (
        "Service", "endpoint", "supportedLanguage", "SPARQL11Query", "resultFormat", "feature",
        "UnionDefaultGraph", "BasicFederatedQuery")}
    rdf_type = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    comment = NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")
    triples = [
        Triple(node, rdf_type, sd["Service"]),
        Triple(node, sd["endpoint"], node),
        Triple(node, sd["supportedLanguage"], sd["SPARQL11Query"]),
        Triple(node, sd["feature"], sd["UnionDefaultGraph"]),
        Triple(node, comment, lit(
            "Read-only SPARQL 1.1 endpoint of Stelselgraaf. The default graph is the union of all "
            f"named graphs. SERVICE, LOAD and updates are refused. At most {result_limit} rows or "
            f"triples per response (header Results-Truncated: true when cut); queries are "
            f"stopped after {timeout_s:g} s.", lang="en")),
    ]
    triples += [Triple(node, sd["resultFormat"], NamedNode(f)) for f in RESULT_FORMATS]
    return serialize_triples(triples, fmt, {"sd": SD, "rdfs": PREFIXES["rdfs"]})
