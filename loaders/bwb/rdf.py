"""RDF for BWB definitions: one NL-SBB begrippenkader per law, one skos:Concept per definition.

IRIs (all via ``graph.rdf.iris.thing``, no blank nodes):

* begrippenkader ``id/begrippenkader/bwb-{bwb}``;
* begrip ``id/begrip/{bwb}/{slug(term)}``; when the law defines the same term more than once
  (per chapter, or as an *uitbreiding*), the first plain definition keeps that IRI and the others
  get ``/artikel-{artikel}`` (then ``-lid-{lid}``, ``-{onderdeel}``) appended;
* wettelijke bron ``id/bron-wet/{bwb}`` (the law) and
  ``…/{bwb}/artikel-{a}[/lid-{l}][/onderdeel-{o}]``;
* definitieversie (toestand) ``id/begripversie/{bwb}/{ref}/{first day in force}``.

Juriconnect: ``jci1.3:c:{bwb}&artikel={a}`` plus ``&lid=``/``&onderdeel=`` when known; the
``stg:wetUrl`` is ``https://wetten.overheid.nl/`` + that reference (wetten.overheid.nl resolves it).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from graph.begrippen.legal import Provision
from graph.rdf.iris import slug, thing
from graph.rdf.namespaces import ADMS, DCT, RDF, RDFS, SKOS, STG, STGS
from graph.rdf.terms import XSD_DATE, Literal, NamedNode, Quad, lit
from loaders.base import Source
from loaders.bwb.model import BorrowedRef, LawDocument, LegalDefinition
from loaders.bwb.read import current_versions, law_documents
from loaders.bwb.text import norm_term

WETTEN = "https://wetten.overheid.nl/"
Triple3 = tuple[NamedNode, NamedNode, NamedNode | Literal]
Key = tuple[str, str, str, str, str]


def definition_key(d: LegalDefinition) -> Key:
    """What stays the same for one definition across consolidated versions."""
    return (norm_term(d.term), d.artikel, d.lid or "", d.onderdeel or "", d.kind)


@dataclass(frozen=True)
class Version:
    """One text of a definition with the interval in which it was in force."""

    text: str
    valid_from: date | None
    valid_to: date | None
    version_id: str | None


def juriconnect(bwb: str, artikel: str | None = None, lid: str | None = None,
                onderdeel: str | None = None) -> str:
    """``jci1.3:c:BWBR0005537&artikel=1:1&lid=1`` (``graph.begrippen.legal``)."""
    return Provision(bwb, artikel, lid, onderdeel).juriconnect()


def concept_refs(keys: list[tuple[Key, LegalDefinition]]) -> dict[Key, str]:
    """IRI reference (``{bwb}/{slug}[/artikel-…]``) per definition key, unique within the law."""
    refs: dict[Key, str] = {}
    taken: set[str] = set()
    ordered = sorted(keys, key=lambda kd: (kd[1].kind != "definitie", kd[1].scope != "wet"))
    for key, d in ordered:
        base = f"{d.bwb_id}/{slug(d.term)}"
        candidates = [base, f"{base}/artikel-{slug(d.artikel)}"]
        candidates.append(candidates[-1] + (f"-lid-{slug(d.lid)}" if d.lid else ""))
        candidates.append(candidates[-1] + (f"-{slug(d.onderdeel)}" if d.onderdeel else ""))
        ref = next((c for c in candidates if c not in taken), None)
        n = 2
        while ref is None:
            ref = f"{candidates[-1]}-{n}" if f"{candidates[-1]}-{n}" not in taken else None
            n += 1
        taken.add(ref)
        refs[key] = ref
    return refs


def law_triples(base: str, bwb: str, title: str) -> Iterator[Triple3]:
    """The begrippenkader of a law and the law as a stg:WettelijkeBron."""
    scheme = thing(base, "begrippenkader", "bwb-" + bwb)
    law = thing(base, "bron-wet", bwb)
    yield scheme, RDF.type, SKOS.ConceptScheme
    yield scheme, RDF.type, STG.Begrippenkader
    yield scheme, SKOS.prefLabel, lit(title, lang="nl")
    yield scheme, DCT.source, law
    yield law, RDF.type, STG.WettelijkeBron
    yield law, RDFS.label, lit(title, lang="nl")
    yield law, STG.bwbId, lit(bwb)
    yield law, STG.juriconnect, lit(juriconnect(bwb))
    yield law, STG.wetUrl, NamedNode(WETTEN + bwb)


def provision_triples(
    base: str, bwb: str, title: str, artikel: str | None, lid: str | None,
    onderdeel: str | None,
) -> tuple[NamedNode, list[Triple3]]:
    """A stg:WettelijkeBron for one artikel (lid, onderdeel) of a law (``graph.begrippen.legal``)."""
    provision = Provision(bwb, artikel, lid, onderdeel)
    triples = provision.triples(base, title)
    return provision.iri(base), [(t.subject, t.predicate, t.object) for t in triples]  # type: ignore[misc]


_PROVISION_LEVELS = ("artikel", "lid", "leden", "artikelen")


def scope_triples(base: str, concept: NamedNode, d: LegalDefinition) -> Iterator[Triple3]:
    """``stg:reikwijdteNiveau`` and, for the law or one of its artikelen/leden,
    ``stg:reikwijdteBron`` (a stg:WettelijkeBron); a range of artikelen points at its first."""
    ref = d.scope_ref
    if ref is None:
        return
    yield concept, STG.reikwijdteNiveau, lit(ref.level)
    if ref.level == "wet":
        yield concept, STG.reikwijdteBron, thing(base, "bron-wet", d.bwb_id)
    elif ref.level in _PROVISION_LEVELS and ref.artikel:
        node, triples = provision_triples(base, d.bwb_id, d.law_title, ref.artikel,
                                          ref.lid if ref.level == "lid" else None, None)
        yield concept, STG.reikwijdteBron, node
        yield from triples


def borrowed_target(base: str, d: LegalDefinition, b: BorrowedRef) -> tuple[NamedNode,
                                                                              list[Triple3]]:
    """stg:ontleendAan target: the other law's begrip when its BWB id is known, else the
    referenced provision (never the concept itself for internal references)."""
    if b.bwb_id and b.bwb_id != d.bwb_id:
        return thing(base, "begrip", f"{b.bwb_id}/{slug(d.term)}"), []
    if b.bwb_id:
        return provision_triples(base, b.bwb_id, b.law_title, b.artikel, None, b.onderdeel)
    node = thing(base, "bron-wet", "extern/" + slug(" ".join(
        v for v in (b.law_title, b.artikel, b.onderdeel) if v)))
    triples: list[Triple3] = [(node, RDF.type, STG.WettelijkeBron),
                              (node, RDFS.label, lit(b.law_title, lang="nl"))]
    triples += [(node, p, lit(v)) for p, v in ((STG.artikel, b.artikel),
                                               (STG.onderdeel, b.onderdeel)) if v]
    return node, triples


def date_lit(value: date) -> Literal:
    """``xsd:date`` literal."""
    return lit(value.isoformat(), datatype=XSD_DATE)


def to_quads(triples: Iterator[Triple3] | list[Triple3], graph: NamedNode) -> Iterator[Quad]:
    """Triples into the source graph."""
    for s, p, o in triples:
        yield Quad(s, p, o, graph)


def load_bwb(source: Source) -> Iterator[Quad]:
    """All quads for the laws in ``source.paths`` (files or folders), in a stable order."""
    yield from laws_quads(source, [doc for path in source.paths for doc in law_documents(path)])


def laws_quads(source: Source, docs: list[LawDocument]) -> Iterator[Quad]:
    """All quads for these law documents (any source format): one begrippenkader per BWB id,
    its versions in date order (undated 2012 texts first)."""
    for bwb, group in groupby(current_versions(docs), key=lambda d: d.bwb_id):
        yield from to_quads(_law(source.base_iri, bwb, list(group)), source.graph)


def histories_of(docs: list[LawDocument]) -> dict[Key, list[LegalDefinition]]:
    """The texts of each definition across versions, oldest first.

    A definition whose place changed between versions (renumbered onderdelen, another source
    format) continues the history of the one definition of the same term and kind that the
    version does not already continue, when there is exactly one (or one in the same artikel)."""
    histories: dict[Key, list[LegalDefinition]] = {}
    for doc in docs:
        continued: set[Key] = set()
        fresh = [d for d in doc.definitions if definition_key(d) not in histories]
        for d in doc.definitions:
            key = definition_key(d)
            if key not in histories and len([f for f in fresh if _same_term(f, d)]) == 1:
                key = _moved(histories, d, continued, doc) or key
            continued.add(key)
            histories.setdefault(key, []).append(d)
    return histories


def _same_term(a: LegalDefinition, b: LegalDefinition) -> bool:
    return (norm_term(a.term), a.kind) == (norm_term(b.term), b.kind)


def _moved(histories: dict[Key, list[LegalDefinition]], d: LegalDefinition, continued: set[Key],
           doc: LawDocument) -> Key | None:
    keys = {definition_key(x) for x in doc.definitions}
    candidates = [k for k, defs in histories.items() if _same_term(defs[-1], d)
                  and k not in continued and k not in keys]
    if len(candidates) > 1:  # the same artikel first (a lid or onderdeel renumbered)
        candidates = [k for k in candidates if k[1] == d.artikel]
    return candidates[0] if len(candidates) == 1 else None


def _law(base: str, bwb: str, docs: list[LawDocument]) -> Iterator[Triple3]:
    newest = docs[-1]
    yield from law_triples(base, bwb, newest.title)
    histories = histories_of(docs)
    refs = concept_refs([(key, defs[-1]) for key, defs in histories.items()])
    versioned = any(doc.version_id for doc in docs)
    for key in sorted(histories, key=lambda k: refs[k]):
        yield from _concept(base, refs[key], histories[key], versioned=versioned)


def _versions(defs: list[LegalDefinition]) -> list[Version]:
    """Consecutive versions with the same text merged into one interval (an undated text, the
    2012 format, stays a version of its own: its interval is unknown)."""
    merged: list[Version] = []
    for d in defs:
        if merged and merged[-1].text == d.text and merged[-1].valid_from is not None:
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
    yield from scope_triples(base, concept, d)
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
        node = thing(base, "begripversie", f"{ref}/{v.valid_from or v.version_id or 'zonder-datum'}")
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
