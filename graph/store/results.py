"""Serialising query results for clients: SPARQL JSON, XML, CSV, TSV and RDF formats.

Results are cut at the row limit before serialising, so the cap holds whatever the engine
returns; ``truncated`` tells the API to signal it.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable, Iterator, Sequence
from xml.sax.saxutils import escape, quoteattr

import orjson
from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Triple,
    serialize,
)

from graph.errors import NotAcceptable
from graph.rdf.namespaces import PREFIXES
from graph.store.base import RawQueryResult

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
SOLUTION_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "text/plain": RdfFormat.N_TRIPLES,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/rdf+xml": RdfFormat.RDF_XML,
}
DEFAULTS = {"solutions": "application/sparql-results+json", "boolean":
            "application/sparql-results+json", "graph": "text/turtle"}


def choose_media_type(accepted: Sequence[str], kind: str) -> str:
    """First media type in ``accepted`` (in preference order) that can carry ``kind``."""
    table = GRAPH_TYPES if kind == "graph" else SOLUTION_TYPES
    for media in accepted:
        if media in table and not (kind == "boolean" and SOLUTION_TYPES[media] in {"csv", "tsv"}):
            return media
        if media in {"*/*", "application/*", "text/*"} or not media:
            return DEFAULTS[kind]
    raise NotAcceptable(
        f"none of the accepted media types ({', '.join(accepted)}) can carry a {kind} result; "
        f"supported: {', '.join(table)}"
    )


def serialize_result(
    result: QuerySolutions | QueryBoolean | QueryTriples, accepted: Sequence[str], limit: int
) -> RawQueryResult:
    """Serialise a pyoxigraph query result in the best accepted format, capped at ``limit``."""
    if isinstance(result, QueryBoolean):
        media = choose_media_type(accepted, "boolean")
        return RawQueryResult(_boolean(bool(result), SOLUTION_TYPES[media]), media, False, "boolean")
    if isinstance(result, QuerySolutions):
        media = choose_media_type(accepted, "solutions")
        variables = [v.value for v in result.variables]
        rows = list(itertools.islice(result, limit + 1))
        truncated = len(rows) > limit
        body = _solutions(variables, _row_dicts(variables, rows[:limit]), SOLUTION_TYPES[media])
        return RawQueryResult(body, media, truncated, "solutions")
    media = choose_media_type(accepted, "graph")
    triples = list(itertools.islice(result, limit + 1))
    truncated = len(triples) > limit
    rdf_format = GRAPH_TYPES[media]
    extra = {"prefixes": PREFIXES} if rdf_format in (RdfFormat.TURTLE, RdfFormat.RDF_XML) else {}
    body = serialize(triples[:limit], format=rdf_format, **extra) or b""  # type: ignore[arg-type]
    return RawQueryResult(body, media, truncated, "graph")


def _row_dicts(variables: list[str], rows: Iterable[object]) -> Iterator[dict[str, object]]:
    for row in rows:
        values = {}
        for name in variables:
            value = row[name]  # type: ignore[index]
            if value is not None:
                values[name] = value
        yield values


def _solutions(variables: list[str], rows: Iterable[dict[str, object]], fmt: str) -> bytes:
    if fmt == "json":
        bindings = [{k: _json_term(v) for k, v in row.items()} for row in rows]
        return orjson.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}})
    if fmt == "xml":
        return _xml_solutions(variables, rows)
    if fmt == "csv":
        return _csv_solutions(variables, rows)
    lines = ["\t".join("?" + v for v in variables)]
    lines += ["\t".join(str(row[v]) if v in row else "" for v in variables) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _json_term(term: object) -> dict[str, object]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, Triple):
        return {"type": "triple", "value": {"subject": _json_term(term.subject),
                "predicate": _json_term(term.predicate), "object": _json_term(term.object)}}
    raise TypeError(f"unexpected term {term!r}")


def _xml_term(term: object) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


def _xml_solutions(variables: list[str], rows: Iterable[dict[str, object]]) -> bytes:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
           "<head>", *[f"<variable name={quoteattr(v)}/>" for v in variables], "</head>",
           "<results>"]
    for row in rows:
        out.append("<result>")
        out += [f"<binding name={quoteattr(k)}>{_xml_term(v)}</binding>" for k, v in row.items()]
        out.append("</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out).encode("utf-8")


def _csv_solutions(variables: list[str], rows: Iterable[dict[str, object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow([_csv_value(row.get(v)) for v in variables])
    return buffer.getvalue().encode("utf-8")


def _csv_value(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, BlankNode):
        return "_:" + term.value
    value = getattr(term, "value", None)
    return value if isinstance(value, str) else str(term)


def _boolean(value: bool, fmt: str) -> bytes:
    if fmt == "xml":
        return (b'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                b"<head/><boolean>" + (b"true" if value else b"false") + b"</boolean></sparql>")
    return orjson.dumps({"head": {}, "boolean": value})
