"""Applying a ``ConceptChange`` to a concept's current triples (pure functions).

Concepts managed through proposals live in the editorial graph ``{base}graph/redactie``; new
concepts go to the scheme the proposal names (an editorial scheme) or to the default scheme
"Stelselgraaf-begrippen". Concepts of loaded sources (laws, begrippenkaders) are not edited here:
they change by reloading their source (see graph/changes/service.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from graph.begrippen.legal import Provision
from graph.changes.model import BOOKKEEPING, BY_NAME, FIELDS, MAPPINGS, TERMINAL, ConceptChange, lexical, value_terms
from graph.errors import InvalidChange
from graph.rdf import iris
from graph.rdf.namespaces import ADMS, DCT, RDF, RDFS, SKOS, STG, STGS
from graph.rdf.rdfio import parse_rdf
from graph.rdf.terms import XSD_BOOLEAN, Literal, NamedNode, Triple

Triples = frozenset[Triple]


def editorial_graph(base: str) -> NamedNode:
    """The public graph with the concepts that proposals create and change."""
    return NamedNode(base + "graph/redactie")


def default_scheme(base: str) -> NamedNode:
    """The scheme new concepts go to when a proposal names none."""
    return iris.thing(base, "begrippenkader", "stelselgraaf")


def default_scheme_triples(base: str) -> list[Triple]:
    """The declaration of the default scheme (inserted with the first publication)."""
    scheme = default_scheme(base)
    return [
        Triple(scheme, RDF.type, SKOS.ConceptScheme), Triple(scheme, RDF.type, STG.Begrippenkader),
        Triple(scheme, SKOS.prefLabel, Literal("Stelselgraaf-begrippen", language="nl")),
        Triple(scheme, DCT.description, Literal(
            "Begrippen die via beoordeelde wijzigingsvoorstellen in Stelselgraaf worden beheerd.",
            language="nl")),
    ]


def new_concept_iri(base: str, scheme: str, term: str) -> NamedNode:
    """``{base}id/begrip/{scheme key}/{term slug}`` for a concept created by a proposal."""
    key = iris.slug(scheme.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1])
    return iris.thing(base, "begrip", f"{key}/{iris.slug(term)}")


def without_bookkeeping(triples: Iterable[Triple]) -> Triples:
    """The triples a proposal is about (publication bookkeeping left out)."""
    return frozenset(t for t in triples if t.predicate not in BOOKKEEPING)


def status_of(triples: Iterable[Triple]) -> NamedNode | None:
    """The adms:status of a concept's triples."""
    found = [t.object for t in triples if t.predicate == ADMS.status]
    return found[0] if found and isinstance(found[0], NamedNode) else None


def apply_change(change: ConceptChange, concept: NamedNode, before: Triples, base: str) -> Triples:
    """The concept's triples after ``change`` (``before`` is empty for a new concept), with the
    ``stg:WettelijkeBron`` node of a legal source it cites."""
    after = _applied(change, concept, before, base)
    source = change.values.get("source")
    if isinstance(source, dict) and "legal" in source:
        after |= frozenset(Provision(**source["legal"]).triples(base))
    return after


def _applied(change: ConceptChange, concept: NamedNode, before: Triples, base: str) -> Triples:
    if before and status_of(before) in TERMINAL:
        raise InvalidChange(f"{concept.value} is {status_of(before).value.rsplit('/', 1)[-1]}; "  # type: ignore[union-attr]
                            "it takes no more changes (propose a new concept instead)")
    if change.op == "create":
        return _create(change, concept, base)
    if change.op == "describe":
        return _describe(change, concept, base)
    if change.op == "update":
        return _set(before, concept, dict(change.values))
    if change.op == "annotate":
        return _annotate(before, concept, dict(change.values))
    if change.op == "relate":
        return _relation(concept, change.values, base)
    if change.op == "note":
        return _note(concept, change.values)
    if change.op == "deprecate":
        return _set(before, concept, {"status": "vervallen"})
    return _set(before, concept, {"status": "vervangen", "replaced_by": change.values["replaced_by"]})


def _create(change: ConceptChange, concept: NamedNode, base: str) -> Triples:
    values = dict(change.values)
    values["scheme"] = values.get("scheme") or default_scheme(base).value
    values["status"] = "vastgesteld"
    triples = {Triple(concept, RDF.type, SKOS.Concept)}
    for spec in FIELDS:
        triples.update(Triple(concept, spec.predicate, o) for o in value_terms(spec, values.get(spec.name)))
    return frozenset(triples)


def _set(before: Triples, concept: NamedNode, values: dict[str, object]) -> Triples:
    specs = [BY_NAME[name] for name in values]
    kept = {t for t in before if t.predicate not in {s.predicate for s in specs}}
    for spec in specs:
        kept.update(Triple(concept, spec.predicate, o) for o in value_terms(spec, values[spec.name]))
    return frozenset(kept)


def _annotate(before: Triples, concept: NamedNode, values: dict[str, object]) -> Triples:
    """Texts and categories replace what was there; mappings are added to the existing ones."""
    for name in MAPPINGS.values():
        if name in values:
            existing = [lexical(t.object) for t in before if t.predicate == BY_NAME[name].predicate]
            values[name] = sorted({*existing, *values[name]})  # type: ignore[misc]
    return _set(before, concept, values)


def _relation(node: NamedNode, values: Mapping[str, Any], base: str) -> Triples:
    """A stg:Relatie as the seed catalogue writes them, with its legal basis (law + article)."""
    triples = {
        Triple(node, RDF.type, STG.Relatie), Triple(node, RDFS.label, Literal(values["label"], language="nl")),
        Triple(node, STG.van, NamedNode(values["from"])), Triple(node, STG.naar, NamedNode(values["to"])),
        Triple(node, STG.kardinaliteit, Literal(values["cardinality"])),
        Triple(node, STG.authentiek, Literal("true" if values["authentic"] else "false", datatype=XSD_BOOLEAN)),
        Triple(node, STG.wettelijkeGrondslag, iris.thing(base, "wet", values["bwb"])),
        Triple(node, DCT.source, Literal(f"{values['bwb']} artikel {values['article']}", language="nl")),
    }
    if values.get("definition"):
        triples.add(Triple(node, SKOS.definition, Literal(values["definition"], language="nl")))
    return frozenset(triples)


def _note(node: NamedNode, values: Mapping[str, Any]) -> Triples:
    """A note (quality, a known issue, a contact) on a register, dataset or object type."""
    return frozenset({Triple(node, RDF.type, STG.Notitie), Triple(node, STG.betreft, NamedNode(values["subject"])),
                      Triple(node, STG.soort, Literal(values["kind"])),
                      Triple(node, RDFS.comment, Literal(values["text"], language="nl"))})


def _describe(change: ConceptChange, concept: NamedNode, base: str) -> Triples:
    quads = parse_rdf(change.description.encode(), "ntriples", base_iri=None, graph=concept)
    triples = {q.triple for q in quads}
    if not any(t.predicate == SKOS.inScheme for t in triples):
        triples.add(Triple(concept, SKOS.inScheme, default_scheme(base)))
    if not any(t.predicate == ADMS.status for t in triples):
        triples.add(Triple(concept, ADMS.status, STGS.vastgesteld))
    return frozenset(triples)


def schemes_of(triples: Iterable[Triple]) -> list[str]:
    """The schemes a concept's triples put it in."""
    return sorted(lexical(t.object) for t in triples if t.predicate == SKOS.inScheme)


def references(triples: Iterable[Triple]) -> set[str]:
    """Concepts that the triples point to (broader, related, replaced by): they must exist."""
    linking = (SKOS.broader, SKOS.narrower, SKOS.related, DCT.isReplacedBy,
               *(BY_NAME[name].predicate for name in MAPPINGS.values()))
    return {t.object.value for t in triples if t.predicate in linking and isinstance(t.object, NamedNode)}
