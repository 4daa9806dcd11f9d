"""The generic RDF loader: Turtle, N-Triples, N-Quads, TriG, RDF/XML and JSON-LD.

Option ``categorie`` (``persoon``, ``bedrijf``, ``locatie`` or ``sensor``; several separated by
``,``): every ``skos:ConceptScheme`` in the source gets ``stg:categorie stgc:{categorie}``, so the
definitions of a begrippenkader that is about one category (IMGeo, NEN3610: locatie) can be
filtered on it. The source's own triples are kept as they are.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from graph.rdf.namespaces import RDF, SKOS, STG, STGC
from graph.rdf.rdfio import EXTENSIONS, FORMATS, RdfSyntaxError, parse_rdf
from graph.rdf.terms import NamedNode, Quad
from graph.rdf.vocab import CATEGORIES
from loaders.base import Loader, LoaderError, Source
from loaders.safety import check_xml

_SNIFF = (
    (b"<?xml", "rdfxml"), (b"<rdf:RDF", "rdfxml"), (b"{", "jsonld"), (b"[", "jsonld"),
    (b"@prefix", "turtle"), (b"PREFIX", "turtle"), (b"@base", "turtle"),
)


def detect_format(path: Path, head: bytes) -> str | None:
    """Format name from the extension, else from the first bytes."""
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is not None:
        if fmt == "rdfxml" and path.suffix.lower() == ".xml" and b"rdf:RDF" not in head:
            return None  # plain XML is some other loader's business
        return fmt
    stripped = head.lstrip()
    return next((fmt for prefix, fmt in _SNIFF if stripped.startswith(prefix)), None)


def _detect(path: Path, head: bytes) -> bool:
    return path.is_file() and detect_format(path, head) is not None


def _files(source: Source) -> Iterator[Path]:
    for path in source.paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix.lower() in EXTENSIONS)
        else:
            yield path




def scheme_categories(source: Source) -> tuple[NamedNode, ...]:
    """The ``stgc:`` categories named by the source's ``categorie`` option (LoaderError if unknown)."""
    names = [n.strip() for n in source.options.get("categorie", "").split(",") if n.strip()]
    unknown = [n for n in names if n not in CATEGORIES]
    if unknown:
        raise LoaderError(f"unknown categorie {', '.join(unknown)!r}; known: {', '.join(CATEGORIES)}")
    return tuple(STGC[n] for n in names)


def load_rdf(source: Source) -> Iterator[Quad]:
    """All triples of every file in ``source``, placed in ``source.graph``."""
    categories = scheme_categories(source)
    for quad in _parsed(source):
        yield quad
        if categories and quad.predicate == RDF.type and quad.object == SKOS.ConceptScheme:
            yield from (Quad(quad.subject, STG.categorie, c, source.graph) for c in categories)


def _parsed(source: Source) -> Iterator[Quad]:
    for path in _files(source):
        fmt = source.format if source.format in FORMATS else None
        if fmt is None:
            with path.open("rb") as handle:
                fmt = detect_format(path, handle.read(4096))
        if fmt is None:
            raise LoaderError("cannot tell the RDF format; pass --format", file=str(path))
        if fmt == "rdfxml":
            check_xml(path)
        try:
            yield from parse_rdf(path, fmt, base_iri=source.base_iri, graph=source.graph)
        except RdfSyntaxError as error:
            raise LoaderError(str(error), file=str(path), line=error.line,
                              column=error.column) from None


RDF_LOADER = Loader(
    name="rdf",
    version="1",
    formats=tuple(FORMATS),
    detect=_detect,
    load=load_rdf,
    shapes=("core",),
    description="Generic RDF: Turtle, N-Triples, N-Quads, TriG, RDF/XML, JSON-LD.",
)
