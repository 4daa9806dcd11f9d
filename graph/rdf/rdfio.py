"""Parsing and serialising RDF (pyoxigraph's I/O behind names the rest of the project uses)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from pyoxigraph import RdfFormat, parse, serialize

from graph.errors import PayloadTooLarge
from graph.rdf.limits import check_rdf
from graph.rdf.terms import NamedNode, Quad, Triple

FORMATS: dict[str, RdfFormat] = {
    "turtle": RdfFormat.TURTLE,
    "ntriples": RdfFormat.N_TRIPLES,
    "nquads": RdfFormat.N_QUADS,
    "trig": RdfFormat.TRIG,
    "rdfxml": RdfFormat.RDF_XML,
    "jsonld": RdfFormat.JSON_LD,
}
EXTENSIONS: dict[str, str] = {
    ".ttl": "turtle", ".turtle": "turtle", ".nt": "ntriples", ".nq": "nquads", ".trig": "trig",
    ".rdf": "rdfxml", ".owl": "rdfxml", ".xml": "rdfxml", ".jsonld": "jsonld",
    ".json-ld": "jsonld",
}
MEDIA_TYPES: dict[str, str] = {name: fmt.media_type for name, fmt in FORMATS.items()}


class RdfSyntaxError(ValueError):
    """Malformed RDF, with the position pyoxigraph reported."""

    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def parse_rdf(
    source: Path | bytes | IO[bytes], fmt: str, *, base_iri: str | None, graph: NamedNode
) -> Iterator[Quad]:
    """Stream the quads of an RDF document, all placed in ``graph``.

    Named graphs inside TriG / N-Quads input are merged into ``graph``: one source, one graph.
    Remote JSON-LD contexts are never fetched (pyoxigraph has no document loader set). A
    document given as bytes is first checked by ``limits.check_rdf`` (413 for an oversized
    token, 400 for JSON-LD nested too deep); a token over the parser's own buffer is a
    ``PayloadTooLarge`` too, whatever the source.
    """
    rdf_format = FORMATS[fmt]
    if isinstance(source, bytes):
        check_rdf(source, fmt)
    kwargs: dict[str, object] = {"format": rdf_format, "base_iri": base_iri}
    if isinstance(source, Path):
        kwargs["path"] = str(source)
        parsed = parse(**kwargs)  # type: ignore[arg-type]
    else:
        parsed = parse(source, **kwargs)  # type: ignore[arg-type]
    try:
        for quad in parsed:
            yield Quad(quad.subject, quad.predicate, quad.object, graph)
    except SyntaxError as error:
        message = error.msg or str(error)
        if "LoadDocumentCallback" in message:
            message = "remote JSON-LD @context documents are not fetched; inline the context"
        raise RdfSyntaxError(message, error.lineno, error.offset) from None
    except MemoryError as error:  # the lexer's buffer is full: one token is too long
        raise PayloadTooLarge(f"a single token is over the parser's buffer: {error}") from None


def serialize_triples(triples: Iterable[Triple], fmt: str, prefixes: dict[str, str]) -> bytes:
    """Serialise triples as ``fmt`` (a key of FORMATS)."""
    rdf_format = FORMATS[fmt]
    kwargs: dict[str, object] = {"format": rdf_format}
    if rdf_format in (RdfFormat.TURTLE, RdfFormat.TRIG, RdfFormat.RDF_XML):
        kwargs["prefixes"] = prefixes
    return serialize(list(triples), **kwargs) or b""  # type: ignore[arg-type]


def serialize_quads(quads: Iterable[Quad]) -> bytes:
    """N-Quads of ``quads``."""
    return serialize(quads, format=RdfFormat.N_QUADS) or b""


def ntriples_line(quad: Quad | Triple) -> str:
    """One N-Triples statement (terms escaped by pyoxigraph)."""
    return f"{quad.subject} {quad.predicate} {quad.object} ."
