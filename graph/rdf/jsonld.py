"""JSON-LD output compacted with the project's own context (``ontologies/context.jsonld``).

pyoxigraph serialises expanded JSON-LD; pyld compacts it against the context read from disk.
pyld's document loader is replaced by one that refuses every request, so no context or
document is ever fetched (findings.md §3).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

from pyld import jsonld

from graph.rdf.rdfio import serialize_triples
from graph.rdf.terms import Triple

CONTEXT_FILE = "context.jsonld"


@cache
def context() -> dict[str, Any]:
    """The project's JSON-LD context (the ``@context`` object of ``ontologies/context.jsonld``)."""
    document = json.loads(resources.files("ontologies").joinpath(CONTEXT_FILE).read_text("utf-8"))
    value: dict[str, Any] = document["@context"]
    return value


def _no_fetch(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    raise jsonld.JsonLdError(f"remote JSON-LD documents are never fetched: {url}",
                             "jsonld.LoadDocumentError", code="loading document failed")


def compact(triples: Iterable[Triple]) -> dict[str, Any]:
    """The triples as compacted JSON-LD with the project's context."""
    expanded = json.loads(serialize_triples(triples, "jsonld", {}) or b"[]")
    result: dict[str, Any] = jsonld.compact(expanded, {"@context": context()},
                                            options={"documentLoader": _no_fetch})
    return result


def compact_bytes(triples: Iterable[Triple]) -> bytes:
    """``compact`` as UTF-8 JSON."""
    return json.dumps(compact(triples), ensure_ascii=False, indent=1).encode("utf-8")
