"""Amsterdam Schema descriptions as definitions: one begrippenkader per dataset.

A table with a ``description`` becomes a ``skos:Concept`` ``{base}id/begrip/{object type ref}``
(``as-bag-verblijfsobjecten-v1``) with ``skos:prefLabel`` (the table's title, else its id) and
``skos:definition`` (the description). With the loader option ``veldbegrippen=ja`` a field with
a description becomes ``…/{object type ref}/{field}`` too (label: the field's title, else its
name). That is off by default: the schema has 10,903 described fields (364 described tables),
mostly technical column notes ("Unieke identificatie van het object"; 298 fields say only "ntb",
and only ~5,600 distinct texts), which would be 85% of all definitions and flood search and
conflict detection with identical texts. The SHACL gate is no longer a reason: compiled to SPARQL
it takes 0.13–0.69 s for this source with the fields (pySHACL 7.5–44.5 s, same runs;
``bench/shacl_gate.py --amsterdam``, docs/benchmarks.md). Both are
``skos:inScheme`` the dataset's begrippenkader ``{base}id/begrippenkader/as-{dataset}``, carry
``dct:source`` (the schema file) and ``dct:subject`` (the object type or gegevenselement they
define) and ``stg:objecttype`` (the table's object type). The scheme carries the dataset's categories;
a table whose categories differ from its dataset's (``TABLE_CATEGORIES``) carries its own, and
so do the concepts of its fields.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from graph.rdf.iris import thing
from graph.rdf.namespaces import DCT, RDF, SKOS, STG, STGC
from graph.rdf.terms import Literal, NamedNode, lit

Triple3 = tuple[NamedNode, NamedNode, NamedNode | Literal]


def scheme_iri(base: str, ds_id: str) -> NamedNode:
    """The begrippenkader of one dataset."""
    return thing(base, "begrippenkader", f"as-{ds_id}")


def scheme_triples(base: str, ds_id: str, title: str, source: NamedNode,
                   categories: tuple[str, ...]) -> Iterator[Triple3]:
    """The dataset's begrippenkader."""
    scheme = scheme_iri(base, ds_id)
    yield scheme, RDF.type, SKOS.ConceptScheme
    yield scheme, RDF.type, STG.Begrippenkader
    yield scheme, SKOS.prefLabel, lit(f"{title} (Amsterdam Schema)", lang="nl")
    yield scheme, DCT.source, source
    for category in categories:
        yield scheme, STG.categorie, STGC[category]


@dataclass(frozen=True)
class Described:
    """A table or field with a description, and where it comes from."""

    ref: str
    """The concept's reference under ``id/begrip/``."""
    label: str
    description: str
    dataset: str
    subject: NamedNode
    """The object type or gegevenselement the description is about."""
    source: NamedNode
    own_categories: tuple[str, ...] = ()
    """Categories when they differ from the dataset's (else empty: the scheme's apply)."""


def concept_triples(base: str, d: Described, objecttype: NamedNode) -> Iterator[Triple3]:
    """One definition from a table or field description."""
    concept = thing(base, "begrip", d.ref)
    yield concept, RDF.type, SKOS.Concept
    yield concept, SKOS.inScheme, scheme_iri(base, d.dataset)
    yield concept, SKOS.prefLabel, lit(d.label, lang="nl")
    yield concept, SKOS.definition, lit(d.description, lang="nl")
    yield concept, DCT.source, d.source
    yield concept, DCT.subject, d.subject
    yield concept, STG.objecttype, objecttype
    for category in d.own_categories:
        yield concept, STG.categorie, STGC[category]
