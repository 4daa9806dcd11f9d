"""SPARQL read by a real SPARQL 1.1 parser: the query form, and no SERVICE anywhere.

rdflib's parser (pyparsing over the SPARQL 1.1 grammar) builds the parse tree; a
``ServiceGraphPattern`` node at any depth (nested groups, OPTIONAL, UNION, MINUS, GRAPH,
subqueries, EXISTS / NOT EXISTS) refuses the query. Whatever rdflib cannot parse is refused
too, even when pyoxigraph could run it: unknown is unsafe. The parse tree is enough: the algebra
(``translateQuery``) adds nothing about SERVICE and fails on more valid queries.

The text arrives with its codepoint escapes applied once (as pyoxigraph does); a ``\\uXXXX``
left after that would be unescaped a second time by rdflib, so it is refused. Line ends are
normalised to ``\\n``: rdflib ends a comment only at ``\\n``, pyoxigraph at ``\\r`` too.
"""

from __future__ import annotations

from collections.abc import Iterator

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.algebra import translatePrologue
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from graph.errors import ForbiddenOperation, InvalidQuery
from graph.queries.lexical import CODEPOINT

MAX_QUERY_CHARS = 1_000_000
"""Longest public query: the parser runs in the service process (~0.25 s per 80 kB)."""
FORMS = {"SelectQuery": "SELECT", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE",
         "AskQuery": "ASK"}


def query_form(text: str) -> str:
    """SELECT, CONSTRUCT, DESCRIBE or ASK; refuses SERVICE, updates and what does not parse."""
    return read_query(text)[0]


def read_query(text: str) -> tuple[str, list[str], list[str]]:
    """The query form and the dataset its text names (FROM, FROM NAMED: absolute IRIs); refuses
    SERVICE, updates and what does not parse."""
    if len(text) > MAX_QUERY_CHARS:
        raise InvalidQuery(f"the query is longer than {MAX_QUERY_CHARS} characters")
    if CODEPOINT.search(text):
        raise InvalidQuery("a codepoint escape may not spell another escape")
    tree = _parse(text.replace("\r\n", "\n").replace("\r", "\n"))
    names = set(node_names(tree))
    if "ServiceGraphPattern" in names:
        raise InvalidQuery("SERVICE (federated query) is not allowed on this endpoint")
    form = FORMS.get(tree[-1].name) if len(tree) and isinstance(tree[-1], CompValue) else None
    if form is None:  # the grammar allows nothing else; refuse if rdflib ever changes that
        raise InvalidQuery("not a SPARQL query: expected SELECT, CONSTRUCT, DESCRIBE or ASK")
    return (form, *_dataset(tree))


def _dataset(tree: ParseResults) -> tuple[list[str], list[str]]:
    """FROM and FROM NAMED graphs, prefixed names and relative IRIs resolved by the prologue."""
    clauses = tree[-1]["datasetClause"] if "datasetClause" in tree[-1] else []  # noqa: SIM401 -- CompValue.get echoes a missing key
    if not clauses:
        return [], []
    try:
        prologue = translatePrologue(tree[0], None)
        resolved = [("named" in c, str(prologue.absolutize(c["named"] if "named" in c else c["default"])))
                    for c in clauses]
    except Exception as error:  # an unknown prefix
        raise InvalidQuery(f"the dataset (FROM) cannot be read: {error}") from None
    return [iri for named, iri in resolved if not named], [iri for named, iri in resolved if named]


def _parse(text: str) -> ParseResults:
    try:
        return parseQuery(text)
    except RecursionError:
        raise InvalidQuery("the query is nested too deeply for this endpoint") from None
    except ParseBaseException as error:
        if _is_update(text):
            raise ForbiddenOperation("this endpoint is read-only: SPARQL updates are not accepted") from None
        raise InvalidQuery(f"SPARQL syntax error: {error}") from None
    except Exception as error:  # rdflib rejects some terms while parsing (e.g. a bad language tag)
        raise InvalidQuery(f"SPARQL syntax error: {type(error).__name__}: {error}") from None


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except Exception:  # RecursionError too
        return False
    return True


def node_names(tree: object) -> Iterator[str]:
    """Names of every grammar node in a parse tree, at any depth (iteratively: no recursion)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node.name
            stack.extend(node.values())
        elif isinstance(node, ParseResults | list | tuple):
            stack.extend(node)
