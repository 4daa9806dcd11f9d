"""The SPARQL guard: structure first, tokens second; refuse what is unknown.

Besides the corpus through the app (tests/api/test_sparql_outbound.py): the W3C syntax tests
(valid queries pass, invalid ones are refused, federated ones are refused), queries that only
mention SERVICE or LOAD as data pass, and a property test that mutates corpus payloads at
token boundaries and runs whatever the guard accepts in pyoxigraph itself (in this process, no
sandbox), with a listener counting connections.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyoxigraph import NamedNode, Quad, Store

from graph.errors import ForbiddenOperation, InvalidQuery
from graph.queries import keywords, outbound_keyword, vet_query
from tests.api.test_sparql_outbound import PAYLOADS
from tests.conftest import CountingListener

W3C = Path(__file__).resolve().parents[3] / "shared/data/w3c-sparql11-tests/sparql/sparql11"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")


def _syntax_tests(folder: str, kind: str) -> list[Any]:
    manifest_path = W3C / folder / "manifest.ttl"
    if not manifest_path.is_file():
        return [pytest.param(None, id="missing", marks=pytest.mark.skip(reason=f"{manifest_path} not found"))]
    manifest = rdflib.Graph().parse(manifest_path, format="turtle")
    actions = sorted(str(manifest.value(t, MF.action)) for t in manifest.subjects(rdflib.RDF.type, MF[kind]))
    return [pytest.param(Path(a.removeprefix("file://")), id=Path(a).name) for a in actions]


@pytest.mark.parametrize("path", _syntax_tests("syntax-query", "PositiveSyntaxTest11"))
def test_w3c_valid_queries_pass(path: Path) -> None:
    assert vet_query(path.read_text("utf-8")).form in {"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"}


@pytest.mark.parametrize("path", _syntax_tests("syntax-query", "NegativeSyntaxTest11"))
def test_w3c_invalid_queries_are_refused(path: Path) -> None:
    """By the guard, or (scope rules rdflib does not check: BIND, SELECT, VALUES arity) by
    pyoxigraph; none of these names SERVICE or LOAD, so running it here sends nothing."""
    text = path.read_text("utf-8")
    assert outbound_keyword(text) is None
    try:
        vet_query(text)
    except InvalidQuery:
        return
    with pytest.raises(SyntaxError):
        Store().query(text)


@pytest.mark.parametrize("path", _syntax_tests("syntax-fed", "PositiveSyntaxTest11"))
def test_w3c_federated_queries_are_refused(path: Path) -> None:
    with pytest.raises(InvalidQuery, match="SERVICE"):
        vet_query(path.read_text("utf-8"))


@pytest.mark.parametrize("query", [
    'SELECT ?service WHERE { BIND("SERVICE LOAD" AS ?service) } # SERVICE',
    "SELECT * WHERE { <http://ex/SERVICE> <http://ex/LOAD> ?o }",
    "PREFIX ex: <http://ex/> SELECT * WHERE { ?s ex:SERVICE ex:a.SERVICE }",
    "PREFIX service: <http://ex/> SELECT * WHERE { ?s service:load ?load }",
    "SELECT * WHERE { ?s ?p _:b.SERVICE }",
    "SELECT * WHERE { ?s ?p '''SERVICE <http://ex/> {}''' }",
    "SELECT ?o WHERE { ?s ?p ?o . FILTER(?o < 2 && ?o > 1) }",
    "SELECT * WHERE { ?s ?p 1.5e3 . ?s ?q true }",
    "ASK { { SELECT ?s WHERE { ?s ?p ?o } LIMIT 1 } FILTER NOT EXISTS { ?s a ?t } }",
])
def test_data_that_only_mentions_the_keywords_passes(query: str) -> None:
    assert vet_query(query).form in {"SELECT", "ASK"}


def test_tokens_split_at_every_boundary() -> None:
    assert keywords("?o.SERVICE $o.SERVICE true.SERVICE 1.SERVICE 1.5e3SERVICE \"x\"SERVICE") == [
        "SERVICE", "SERVICE", "TRUE", "SERVICE", "SERVICE", "SERVICE", "SERVICE"]
    assert outbound_keyword("FILTER(1<2)SERVICE?x#>") == "SERVICE"  # a comparison read as an IRI
    assert outbound_keyword("<http://ex/SERVICE> ex:LOAD ?LOAD 'SERVICE' # LOAD") is None


@pytest.mark.parametrize(("query", "error"), [
    ("INSERT DATA { <http://ex/s> <http://ex/p> 1 }", ForbiddenOperation),
    ("PREFIX ex: <http://ex/> DELETE WHERE { ?s ex:p ?o }", ForbiddenOperation),
    ("SELECT * WHERE { ?s ?p ?o } ; DROP ALL", InvalidQuery),
    ("SELECT * WHERE { " + "{ " * 300 + "?s ?p ?o" + " }" * 300 + " }", InvalidQuery),
    ("SELECT * WHERE { ?s ?p '\\u005Cu0041' }", InvalidQuery),
    ("SELECT * WHERE { ?s ?p ?o }" + " " * 1_000_001, InvalidQuery),
])
def test_what_the_parser_does_not_accept_is_refused(query: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        vet_query(query)


# ------------------------------------------------------------------ property test
VALID_PAYLOADS = [text for text, valid in PAYLOADS if valid]
INSERTS = [" ", "\t", "\n", "\r", "\r\n", "#c\n", "#c\r", "#}\n", "\\u0020", "\\u000A", "\u00a0", "{}", "."]
BOUNDARY = set(" \t\r\n.;,{}()<>#?$:")


def _mutate(text: str, mutation: str, pick: int) -> str:
    keyword_at = [i for i in range(len(text)) if text[i:i + 7].upper() == "SERVICE" or text[i:i + 4].upper() == "LOAD"]
    boundaries = [i for i, char in enumerate(text) if char in BOUNDARY] + keyword_at
    at = boundaries[pick % len(boundaries)] if boundaries else 0
    if mutation == "delete-space":
        return text[:at] + text[at + 1:] if text[at:at + 1].isspace() else text
    if mutation in {"lower", "upper", "swapcase"} and keyword_at:
        start = keyword_at[pick % len(keyword_at)]
        word = text[start:start + 7]
        return text[:start] + getattr(word, mutation)() + text[start + 7:]
    if mutation == "escape" and keyword_at:
        start = keyword_at[pick % len(keyword_at)] + pick % 4
        return text[:start] + f"\\u{ord(text[start]):04X}" + text[start + 1:]
    if mutation.startswith("insert:"):
        return text[:at] + mutation.removeprefix("insert:") + text[at:]
    return text


MUTATION = st.tuples(st.sampled_from(["delete-space", "lower", "upper", "swapcase", "escape",
                                      *(f"insert:{s}" for s in INSERTS)]), st.integers(0, 10_000))


@pytest.fixture(scope="module")
def engine() -> Iterator[tuple[Store, CountingListener]]:
    listener = CountingListener()
    store = Store()
    g = NamedNode("http://example.org/g")
    ex = "http://example.org/"
    store.add(Quad(NamedNode(ex + "s"), NamedNode(ex + "p"), NamedNode(ex + "o"), g))
    yield store, listener
    listener.close()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payload=st.sampled_from(VALID_PAYLOADS), mutations=st.lists(MUTATION, min_size=1, max_size=4))
def test_mutated_payloads_are_refused_or_send_nothing(engine: tuple[Store, CountingListener], payload: str,
                                                      mutations: list[tuple[str, int]]) -> None:
    store, listener = engine
    text = payload
    for mutation, pick in mutations:
        text = _mutate(text, mutation, pick)
    text = text.replace("PORT", str(listener.port))
    try:
        vet_query(text)
    except (InvalidQuery, ForbiddenOperation):
        return
    before = listener.connections()
    with contextlib.suppress(Exception):  # accepted: run it unguarded, unsandboxed, here; may fail
        list(store.query(text, base_iri=f"http://127.0.0.1:{listener.port}/", use_default_graph_as_union=True))
    assert listener.connections() == before, text
