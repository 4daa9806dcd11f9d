"""Versions of a definition: ``stg:DefinitieVersie`` nodes with PROV-O provenance.

Every published change of a concept adds a version (``{concept} stg:versie {version}``) with a
snapshot of its term, definition, status, alternative labels and replacement; ``stg:geldigVanaf``
is the approval date and the previous version gets ``stg:geldigTot`` the day before (the last day
inclusive, as the BWB loader does), so ``?on=DATE`` finds exactly one version. Who and why:
``prov:wasAttributedTo`` the author, ``prov:wasGeneratedBy`` the ``stg:Beoordeling`` (the
reviewer is ``prov:wasAssociatedWith`` it), ``skos:changeNote`` the motivation,
``prov:wasRevisionOf`` the previous version, ``prov:wasDerivedFrom`` the proposal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from graph.begrippen.definitions import SEPARATOR, definition_ref
from graph.changes.diff import FieldChange, field_diff
from graph.changes.records import stamp
from graph.queries import query, with_values
from graph.rdf import iris
from graph.rdf.namespaces import ADMS, DCT, PROV, RDF, SKOS, STG
from graph.rdf.terms import XSD_DATE, Literal, NamedNode, Triple, lit
from graph.store.base import GraphStore, Row

SNAPSHOT = (SKOS.prefLabel, SKOS.definition, ADMS.status, SKOS.altLabel, DCT.isReplacedBy)
"""What a version records of its concept."""


@dataclass(frozen=True)
class CurrentVersion:
    """The open-ended version of a concept."""

    concept: str
    iri: str
    number: int
    valid_from: str
    """Its first day (``YYYY-MM-DD``)."""


@dataclass(frozen=True)
class Provenance:
    """Who published a version, when and why."""

    when: datetime
    author: NamedNode
    review: NamedNode
    proposal: NamedNode
    motivation: str


def version_iri(base: str, concept: NamedNode, number: int) -> NamedNode:
    """``{base}id/begripversie/{definition id}/v{number}``."""
    return iris.thing(base, "begripversie", f"{definition_ref(base, concept.value)}/v{number}")


def current_versions(store: GraphStore, graph: NamedNode, concepts: Sequence[NamedNode]) -> dict[str, CurrentVersion]:
    """Concept IRI → its current version, for the concepts that have one in ``graph``."""
    if not concepts:
        return {}
    rows = store.select(with_values(query("change_current_versions"), "concept", concepts), {"graph": graph})
    return {r["concept"].value: CurrentVersion(r["concept"].value, r["version"].value, int(r["number"].value),
                                               r["from"].value) for r in rows}


def version_triples(base: str, concept: NamedNode, after: Iterable[Triple], previous: CurrentVersion | None,
                    prov: Provenance) -> list[Triple]:
    """The new version node, its link from the concept, and the end of the previous version."""
    number = previous.number + 1 if previous else 1
    node = version_iri(base, concept, number)
    day = prov.when.date()
    out = [Triple(concept, STG.versie, node), Triple(node, RDF.type, STG.DefinitieVersie),
           Triple(node, STG.betreft, concept), Triple(node, STG.versienummer, lit(number)),
           Triple(node, STG.geldigVanaf, Literal(day.isoformat(), datatype=XSD_DATE)),
           Triple(node, PROV.generatedAtTime, stamp(prov.when)),
           Triple(node, PROV.wasAttributedTo, prov.author), Triple(node, PROV.wasGeneratedBy, prov.review),
           Triple(node, PROV.wasDerivedFrom, prov.proposal),
           Triple(node, SKOS.changeNote, Literal(prov.motivation, language="nl"))]
    out += [Triple(node, t.predicate, t.object) for t in after if t.subject == concept and t.predicate in SNAPSHOT]
    if previous is not None:
        old = NamedNode(previous.iri)
        # the last day inclusive: the day before this one, but never before the old version's first
        # day (two approvals on one day: the old version lasted that day, the newer one wins it)
        last = max((day - timedelta(days=1)).isoformat(), previous.valid_from)
        out += [Triple(node, PROV.wasRevisionOf, old),
                Triple(old, STG.geldigTot, Literal(last, datatype=XSD_DATE)),
                Triple(old, PROV.invalidatedAtTime, stamp(prov.when))]
    return out


@dataclass(frozen=True)
class Version:
    """One version as the history endpoint shows it."""

    iri: str
    number: int | None
    fields: dict[str, Any]
    valid_from: str | None
    valid_to: str | None
    generated_at: str | None
    author: str | None
    reviewer: str | None
    why: str | None
    previous: str | None
    proposal: str | None
    changes: list[FieldChange] = field(default_factory=list)


@dataclass(frozen=True)
class History:
    """Every version of a concept (oldest first) and the concept's current definition."""

    concept: str
    current_definition: str | None
    versions: list[Version]


def history(store: GraphStore, concept: NamedNode, on: date | None = None) -> History:
    """The versions of ``concept`` (up to ``on`` when given) with the diff to the one before."""
    rows = store.select(query("change_history"), {"concept": concept})
    versions: dict[str, Version] = {}
    current: str | None = None
    for row in rows:
        current = current or _text(row, "current")
        versions.setdefault(row["version"].value, _version(row))
    ordered = sorted(versions.values(), key=lambda v: (v.valid_from or "", v.number or 0, v.iri))
    with_diffs = [_with_diff(v, ordered[i - 1] if i else None) for i, v in enumerate(ordered)]
    if on is not None:
        with_diffs = [v for v in with_diffs if v.valid_from is not None and v.valid_from <= on.isoformat()]
    return History(concept.value, current, with_diffs)


def _with_diff(version: Version, before: Version | None) -> Version:
    old = _as_triples(before.fields) if before else []
    changes = field_diff(old, _as_triples(version.fields))
    return Version(**{**version.__dict__, "changes": changes})


def _as_triples(fields: dict[str, Any]) -> list[Triple]:
    """Version fields back as triples of one dummy subject, to reuse the field diff."""
    subject = NamedNode("urn:stelselgraaf:versie")
    predicates = {"term": SKOS.prefLabel, "definition": SKOS.definition, "status": ADMS.status,
                  "alt_labels": SKOS.altLabel, "replaced_by": DCT.isReplacedBy}
    out: list[Triple] = []
    for name, predicate in predicates.items():
        value = fields.get(name)
        for item in value if isinstance(value, list) else ([] if value is None else [value]):
            out.append(Triple(subject, predicate, Literal(item)))
    return out


def _text(row: Row, name: str) -> str | None:
    term = row.get(name)
    return None if term is None else term.value


def _version(row: Row) -> Version:
    number = _text(row, "number")
    status = _text(row, "status")
    alts = _text(row, "altLabels")
    fields = {"term": _text(row, "term"), "definition": _text(row, "definition"),
              "status": status.rsplit("/", 1)[-1] if status else None,
              "alt_labels": sorted(a for a in alts.split(SEPARATOR) if a) if alts else [],
              "replaced_by": _text(row, "replacedBy")}
    return Version(
        iri=row["version"].value, number=int(number) if number else None, fields=fields,
        valid_from=_text(row, "validFrom"), valid_to=_text(row, "validTo"),
        generated_at=_text(row, "generatedAt"), author=_text(row, "authorName") or _text(row, "author"),
        reviewer=_text(row, "reviewerName") or _text(row, "reviewer"), why=_text(row, "why"),
        previous=_text(row, "previous"), proposal=_text(row, "proposal"),
    )


def is_concept(store: GraphStore, concept: NamedNode) -> bool:
    """Whether ``concept`` is a ``skos:Concept`` in the store."""
    return store.ask(query("change_is_concept"), {"concept": concept})
