"""Regelrecht loader: legal definitions from the regelrecht law corpus (YAML, article by article).

Public API::

    law_documents(path) -> list[LawDocument]   # one per YAML file (file or folder)
    load_laws(source) -> Iterator[Quad]        # YAML and BWB XML paths together
    REGELRECHT_LOADER                          # the registered Loader

The article texts (markdown) go through the same definition extractor as BWB XML
(``loaders.bwb.extract.scan``) and into the same RDF (``loaders.bwb.rdf``): a law is one
begrippenkader ``id/begrippenkader/bwb-{bwb}`` with concepts ``id/begrip/{bwb}/{slug(term)}``,
whichever format it came from. Each YAML file is one version of the law, dated by its
``valid_from`` (``version_id`` ``regelrecht-{date}``): every definition text it holds becomes a
``stg:DefinitieVersie`` with that ``stg:geldigVanaf``, beside the versions from BWB XML (the
undated 2012 text first, then toestand and YAML versions by date). A YAML file is an extract,
not a consolidation: a definition missing from a later file is not taken to have lapsed (no
``stg:geldigTot`` comes from YAML). ``load_laws`` reads BWB XML paths too, so one source can
hold both formats of a law (``loaders.shared`` does so when the same BWB id has both).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from graph.rdf.terms import Quad
from loaders.base import Loader, Source
from loaders.bwb import LawDocument, laws_quads
from loaders.bwb import law_documents as bwb_documents
from loaders.regelrecht.read import is_regelrecht, law_document, yaml_files

__all__ = ["REGELRECHT_LOADER", "law_documents", "load_laws"]


def law_documents(path: Path) -> list[LawDocument]:
    """The regelrecht laws (with a BWB id) in a YAML file or folder."""
    return [doc for p in yaml_files(path) if (doc := law_document(p)) is not None]


def _documents(path: Path) -> list[LawDocument]:
    if path.is_file():
        return bwb_documents(path) if path.suffix.lower() == ".xml" else law_documents(path)
    xml = bwb_documents(path) if any(islice(path.rglob("BWB*.xml"), 1)) else []
    return xml + law_documents(path)


def load_laws(source: Source) -> Iterator[Quad]:
    """All quads for the laws in ``source.paths``: regelrecht YAML and BWB XML, merged per law."""
    yield from laws_quads(source, [doc for path in source.paths for doc in _documents(path)])


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(4096)


def _detect(path: Path, head: bytes) -> bool:
    if path.is_dir():
        return any(is_regelrecht(p, _head(p)) for p in islice(yaml_files(path), 20))
    return is_regelrecht(path, head)


REGELRECHT_LOADER = Loader(
    name="regelrecht",
    version="1",
    formats=("regelrecht",),
    detect=_detect,
    load=load_laws,
    description="Begripsbepalingen uit de regelrecht-wettencorpus (YAML per artikel), als "
                "dezelfde begrippenkaders per wet als BWB XML, met een versie per bestand.",
)
