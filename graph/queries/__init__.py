"""SPARQL queries and updates, kept as ``.rq`` / ``.ru`` files and loaded by name.

Queries take values through pyoxigraph ``substitutions`` (embedded) or an injected ``VALUES``
block (remote). Updates take ``$name`` placeholders that are filled with serialised terms
(``str(NamedNode)`` validates IRIs, ``str(Literal)`` escapes), never with raw text.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from functools import cache
from importlib import resources

from graph.errors import InvalidQuery
from graph.queries.guard import VettedQuery, vet_query
from graph.queries.lexical import keywords, outbound_keyword, unescape_codepoints, where_group_start
from graph.rdf.terms import Literal, NamedNode

__all__ = ["VettedQuery", "keywords", "outbound_keyword", "query", "unescape_codepoints", "update", "vet_query",
           "where_group_start", "with_values"]


@cache
def query(name: str) -> str:
    """The text of ``graph/queries/{name}.rq``."""
    return resources.files(__name__).joinpath(f"{name}.rq").read_text("utf-8")


@cache
def _update_template(name: str) -> string.Template:
    return string.Template(resources.files(__name__).joinpath(f"{name}.ru").read_text("utf-8"))


def update(name: str, **terms: NamedNode | Literal | str) -> str:
    """The update ``graph/queries/{name}.ru`` with ``$name`` filled by serialised terms.

    A plain ``str`` value must already be serialised RDF produced by pyoxigraph (e.g. the
    N-Triples body of an ``INSERT DATA``); user input must always arrive as a term.
    """
    return _update_template(name).substitute({k: str(v) for k, v in terms.items()})


def with_values(text: str, variable: str, terms: Sequence[NamedNode | Literal]) -> str:
    """``text`` with ``VALUES ?variable { t1 t2 … }`` at the start of its WHERE group.

    For binding many values in one query (a batch lookup). Terms are serialised by pyoxigraph
    (``str(NamedNode)`` is a validated IRI, ``str(Literal)`` is escaped); never raw text.
    """
    at = where_group_start(text)
    if at is None:
        raise InvalidQuery("a query with bound values needs a WHERE clause")
    if not variable.isidentifier():
        raise ValueError(f"not a SPARQL variable name: {variable!r}")
    values = " ".join(str(term) for term in terms)
    return f"{text[:at]} VALUES ?{variable} {{ {values} }} {text[at:]}"
