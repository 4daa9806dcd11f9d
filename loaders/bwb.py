"""BWB loader: legal definitions (begripsbepalingen) from wetten.overheid.nl XML as NL-SBB SKOS.

Public API::

    extract_definitions(path) -> list[LegalDefinition]   # file or folder, both XML formats
    law_documents(path) -> list[LawDocument]            # metadata + definitions per file/version
    load_bwb(source) -> Iterator[Quad]                  # all quads in source.graph
    BWB_LOADER                                          # the registered Loader

Each law becomes a ``skos:ConceptScheme``/``stg:Begrippenkader``; each definition a
``skos:Concept`` with ``skos:prefLabel``, ``skos:definition``, ``stg:lidwoord``, ``stg:normTerm``,
``stg:reikwijdte``, ``dct:source`` (a ``stg:WettelijkeBron`` for the artikel/lid/onderdeel) and,
for borrowed definitions, ``stg:ontleendAan``. A toestand folder with several consolidated
versions gives one concept per definition with a ``stg:versie`` per distinct text
(``stg:DefinitieVersie`` with ``stg:geldigVanaf``/``stg:geldigTot``, the last day inclusive);
the concept's own ``skos:definition`` is the newest text. ``adms:status`` is ``stgs:vastgesteld``
while the newest text is in force (no end date; the 2012 format has none) and ``stgs:vervallen``
for a definition that was taken out of the law (its older texts stay as versions).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from pathlib import Path

from graph.rdf.iris import thing
from graph.rdf.namespaces import ADMS, DCT, RDF, SKOS, STG, STGS
from graph.rdf.terms import NamedNode, Quad, lit
from loaders.base import Loader, Source
from loaders.bwb_model import BorrowedRef, LawDocument, LegalDefinition
from loaders.bwb_rdf import (
    Key,
    Triple3,
    Version,
    borrowed_target,
    concept_refs,
    date_lit,
    definition_key,
    law_triples,
    provision_triples,
    to_quads,
)
from loaders.bwb_read import current_versions, extract_definitions, law_documents
from loaders.bwb_text import norm_term
from loaders.bwb_xml import detect

__all__ = ["BWB_LOADER", "BorrowedRef", "LawDocument", "LegalDefinition", "extract_definitions",
           "law_documents", "load_bwb"]


def load_bwb(source: Source) -> Iterator[Quad]:
    """All quads for the laws in ``source.paths`` (files or folders), in a stable order."""
    docs = [doc for path in source.paths for doc in law_documents(path)]
    docs = current_versions(docs)
    for bwb, group in groupby(docs, key=lambda d: d.bwb_id):
        yield from to_quads(_law(source.base_iri, bwb, list(group)), source.graph)


def _law(base: str, bwb: str, docs: list[LawDocument]) -> Iterator[Triple3]:
    newest = docs[-1]
    yield from law_triples(base, bwb, newest.title)
    histories: dict[Key, list[LegalDefinition]] = {}
    for doc in docs:
        for d in doc.definitions:
            histories.setdefault(definition_key(d), []).append(d)
    refs = concept_refs([(key, defs[-1]) for key, defs in histories.items()])
    versioned = any(doc.version_id for doc in docs)
    for key in sorted(histories, key=lambda k: refs[k]):
        yield from _concept(base, refs[key], histories[key], versioned=versioned)


def _versions(defs: list[LegalDefinition]) -> list[Version]:
    """Consecutive versions with the same text merged into one interval."""
    merged: list[Version] = []
    for d in defs:
        if merged and merged[-1].text == d.text:
            last = merged[-1]
            merged[-1] = Version(last.text, last.valid_from, d.valid_to, last.version_id)
        else:
            merged.append(Version(d.text, d.valid_from, d.valid_to, d.version_id))
    return merged


def _concept(base: str, ref: str, defs: list[LegalDefinition], *, versioned: bool,
             ) -> Iterator[Triple3]:
    d = defs[-1]
    concept = thing(base, "begrip", ref)
    yield concept, RDF.type, SKOS.Concept
    yield concept, SKOS.inScheme, thing(base, "begrippenkader", "bwb-" + d.bwb_id)
    yield concept, SKOS.prefLabel, lit(d.term, lang="nl")
    yield concept, SKOS.definition, lit(d.text, lang="nl")
    yield concept, STG.normTerm, lit(norm_term(d.term))
    yield concept, STG.reikwijdte, lit(d.scope, lang="nl")
    if d.article_word:
        yield concept, STG.lidwoord, lit(d.article_word)
    if d.kind == "uitbreiding":
        yield concept, SKOS.scopeNote, lit(
            f"Uitbreiding ('wordt mede verstaan') van het begrip '{d.term}'.", lang="nl")
    source, triples = provision_triples(base, d.bwb_id, d.law_title, d.artikel, d.lid,
                                        d.onderdeel)
    yield concept, DCT.source, source
    yield from triples
    if d.borrowed is not None:
        target, more = borrowed_target(base, d, d.borrowed)
        yield concept, STG.ontleendAan, target
        yield from more
    versions = _versions(defs)
    if versions[0].valid_from:
        yield concept, STG.geldigVanaf, date_lit(versions[0].valid_from)
    if versions[-1].valid_to:
        yield concept, STG.geldigTot, date_lit(versions[-1].valid_to)
    # in force (the newest text has no end date) → vastgesteld; taken out of the law → vervallen
    yield concept, ADMS.status, STGS.vervallen if versions[-1].valid_to else STGS.vastgesteld
    if versioned:
        yield from _version_triples(base, ref, concept, versions)


def _version_triples(base: str, ref: str, concept: NamedNode, versions: list[Version],
                     ) -> Iterator[Triple3]:
    for v in versions:
        node = thing(base, "begripversie", f"{ref}/{v.valid_from or v.version_id or 'x'}")
        yield concept, STG.versie, node
        yield node, RDF.type, STG.DefinitieVersie
        yield node, SKOS.definition, lit(v.text, lang="nl")
        yield node, STG.betreft, concept
        if v.version_id:
            yield node, DCT.identifier, lit(v.version_id)
        if v.valid_from:
            yield node, STG.geldigVanaf, date_lit(v.valid_from)
        if v.valid_to:
            yield node, STG.geldigTot, date_lit(v.valid_to)


def _detect(path: Path, head: bytes) -> bool:
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
