"""BWB loader: legal definitions (begripsbepalingen) from wetten.overheid.nl XML as NL-SBB SKOS.

Public API::

    extract_definitions(path) -> list[LegalDefinition]   # file or folder, both XML formats
    law_documents(path) -> list[LawDocument]            # metadata + definitions per file/version
    load_bwb(source) -> Iterator[Quad]                  # all quads in source.graph
    BWB_LOADER                                          # the registered Loader

Modules: ``parse`` (the XML, safely), ``text`` (sentence rules), ``terms`` (several terms in
one item), ``scope`` (reach of a definition), ``extract`` (definitions from text blocks, any
source format), ``walk`` (XML structure into blocks), ``model`` (what a definition is), ``read``
(files and versions) and ``rdf`` (every triple the loader writes; ``laws_quads`` also serves
the regelrecht YAML loader). Each law becomes a ``skos:ConceptScheme``/``stg:Begrippenkader``;
each definition a ``skos:Concept`` with ``skos:prefLabel``, ``skos:definition``, ``stg:lidwoord``,
``stg:normTerm``, ``stg:reikwijdte`` (text) with ``stg:reikwijdteNiveau`` and
``stg:reikwijdteBron`` (the law, artikel or lid it applies to, as a ``stg:WettelijkeBron``),
``dct:source`` (a ``stg:WettelijkeBron`` for the artikel/lid/onderdeel) and, for borrowed
definitions (``als bedoeld in`` qualifying the term), ``stg:ontleendAan``. A toestand folder with
several consolidated versions gives one concept per definition with a ``stg:versie`` per distinct
text (``stg:DefinitieVersie`` with ``stg:geldigVanaf``/``stg:geldigTot``, the last day inclusive);
the concept's own ``skos:definition`` is the newest text. ``adms:status`` is ``stgs:vastgesteld``
while the newest text is in force (no end date; the 2012 format has none) and ``stgs:vervallen``
for a definition that was taken out of the law (its older texts stay as versions).
"""

from __future__ import annotations

from pathlib import Path

from loaders.base import Loader
from loaders.bwb.model import BorrowedRef, InlineRef, LawDocument, LegalDefinition
from loaders.bwb.parse import detect
from loaders.bwb.rdf import juriconnect, laws_quads, load_bwb, provision_triples
from loaders.bwb.read import extract_definitions, law_documents, law_files

__all__ = ["BWB_LOADER", "BorrowedRef", "InlineRef", "LawDocument", "LegalDefinition",
           "extract_definitions", "juriconnect", "law_documents", "laws_quads", "load_bwb",
           "provision_triples"]


def _detect(path: Path, head: bytes) -> bool:
    """A BWB XML file, or a folder holding any (the 2012 set, a toestand law folder)."""
    if path.is_dir():
        first = next(iter(law_files(path)), None)
        if first is None:
            return False
        with first.open("rb") as handle:
            return detect(first, handle.read(4096))
    return path.suffix.lower() == ".xml" and detect(path, head)


BWB_LOADER = Loader(
    name="bwb",
    version="2",
    formats=("bwb",),
    detect=_detect,
    load=load_bwb,
    description="Begripsbepalingen uit BWB-wetten (wetten.overheid.nl XML, 2012- en "
                "toestand-formaat) als NL-SBB begrippenkader per wet.",
)
