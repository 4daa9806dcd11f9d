"""Vet a public SPARQL request before any engine sees it.

pyoxigraph makes real HTTP requests for ``SERVICE`` and ``LOAD`` (findings.md §1) and cannot
be told not to, so both are refused here, before execution, by two fences that must both let a
query through:

1. structure (``graph.queries.structure``): a SPARQL 1.1 parser reads the query; any SERVICE
   pattern anywhere in it, any update, and anything it cannot parse is refused;
2. tokens (``graph.queries.lexical``): no bare word outside strings, IRIs and comments may
   contain SERVICE or LOAD, and the first query or update keyword decides the form.

Both read the text after SPARQL's codepoint escapes (§19.2; ``\\u0053ERVICE`` is ``SERVICE``).
The query workers cannot open network connections either (``graph.store.sandbox``).
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.errors import ForbiddenOperation, InvalidQuery
from graph.queries.lexical import keywords, outbound_keyword, unescape_codepoints
from graph.queries.structure import read_query

_QUERY_FORMS = {"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"}
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
_MESSAGES = {"SERVICE": "SERVICE (federated query) is not allowed on this endpoint",
             "LOAD": "LOAD is not allowed on this endpoint"}


@dataclass(frozen=True)
class VettedQuery:
    """A query that passed the guard; ``form`` is SELECT, CONSTRUCT, DESCRIBE or ASK."""

    text: str
    form: str
    from_graphs: tuple[str, ...] = ()
    """The graphs the query's FROM clauses name (its default graph when the protocol names none)."""
    from_named: tuple[str, ...] = ()
    """The graphs its FROM NAMED clauses name."""


def vet_query(text: str) -> VettedQuery:
    """Refuse updates (ForbiddenOperation), SERVICE, LOAD and malformed queries (InvalidQuery)."""
    if not text.strip():
        raise InvalidQuery("the query is empty")
    plain = unescape_codepoints(text)
    if keyword := outbound_keyword(plain):
        raise InvalidQuery(_MESSAGES[keyword])
    words = keywords(plain)
    first = next((w for w in words if w in _QUERY_FORMS or w in _UPDATE_WORDS), None)
    if first in _UPDATE_WORDS:
        raise ForbiddenOperation("this endpoint is read-only: SPARQL updates are not accepted")
    if first is None:
        raise InvalidQuery("not a SPARQL query: expected SELECT, CONSTRUCT, DESCRIBE or ASK")
    form, defaults, named = read_query(plain)
    return VettedQuery(text=text, form=form, from_graphs=tuple(defaults), from_named=tuple(named))
