"""RDF for BWB definitions: one NL-SBB begrippenkader per law, one skos:Concept per definition.

IRIs (all via ``graph.iris.thing``, no blank nodes):

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

from graph.rdf.iris import slug, thing
from graph.rdf.namespaces import DCT, RDF, RDFS, SKOS, STG
from graph.rdf.terms import XSD_DATE, Literal, NamedNode, Quad, lit
from loaders.bwb_model import BorrowedRef, LegalDefinition
from loaders.bwb_text import norm_term

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
    """``jci1.3:c:BWBR0005537&artikel=1:1&lid=1``."""
    ref = f"jci1.3:c:{bwb}"
    for name, value in (("artikel", artikel), ("lid", lid), ("onderdeel", onderdeel)):
        if value:
            ref += f"&{name}={value}"
    return ref


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
    """A stg:WettelijkeBron for one artikel (lid, onderdeel) of a law."""
    ref = bwb + "".join(f"/{name}-{slug(v)}" for name, v in (
        ("artikel", artikel), ("lid", lid), ("onderdeel", onderdeel)) if v)
    node = thing(base, "bron-wet", ref)
    jci = juriconnect(bwb, artikel, lid, onderdeel)
    label = ", ".join([title] + [f"{name} {v}" for name, v in (
        ("artikel", artikel), ("lid", lid), ("onderdeel", onderdeel)) if v])
    triples: list[Triple3] = [
        (node, RDF.type, STG.WettelijkeBron), (node, RDFS.label, lit(label, lang="nl")),
        (node, STG.bwbId, lit(bwb)), (node, STG.juriconnect, lit(jci)),
        (node, STG.wetUrl, NamedNode(WETTEN + jci)), (node, DCT.isPartOf, thing(base, "bron-wet",
                                                                              bwb)),
    ]
    triples += [(node, p, lit(v)) for p, v in ((STG.artikel, artikel), (STG.onderdeel, onderdeel))
                if v]
    return node, triples


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
