"""Resolve identifiers of the basisregistraties to register, object type and instance data.

A BSN is accepted only where the caller allows it (POST bodies), is never echoed and never gets
an IRI; its ``input`` is masked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.errors import NotFound
from graph.identifiers import (
    InvalidIdentifier,
    ParsedId,
    PersonalIdentifierError,
    canonical_iri,
    parse_identifier,
)
from graph.namespaces import PREFIXES
from graph.stelsel import Record, objecttypes, registers, relations
from graph.store import GraphStore
from graph.terms import NamedNode, Triple

MAX_BATCH = 1000
BSN_MASK = "*********"
BSN_ONLY_POST = "a BSN is only accepted in a POST body"


class UnknownInstance(NotFound):
    """A well-formed identifier whose canonical IRI has no data in the store."""

    def __init__(self, message: str, canonical: str) -> None:
        super().__init__(message)
        self.problem_extra = {"canonical_iri": canonical}


@dataclass(frozen=True)
class Catalogue:
    """The catalogue data a resolution needs, read once per request (three queries)."""

    registers: dict[str, Record]
    objecttypes: dict[str, Record]
    related: dict[str, list[str]]

    @classmethod
    def load(cls, store: GraphStore) -> Catalogue:
        related: dict[str, list[str]] = {}
        for rel in relations(store):
            for here, there in ((rel["van"], rel["naar"]), (rel["naar"], rel["van"])):
                regs = related.setdefault(here["objecttype"], [])
                other = there["register"]
                if other and other != here["register"] and other not in regs:
                    regs.append(other)
        return cls({r["id"]: r for r in registers(store)},
                   {o["id"]: o for o in objecttypes(store)}, related)

    def register(self, code: str | None) -> Record | None:
        record = self.registers.get((code or "").lower())
        return {"id": record["id"], "label": record["label"]} if record else None


def _instance(store: GraphStore, iri: str | None) -> Record:
    if iri is None:
        return {"found": False, "properties": {}}
    properties: dict[str, list[str]] = {}
    for quad in store.about(NamedNode(iri)):
        values = properties.setdefault(quad.predicate.value, [])
        value = str(quad.object) if isinstance(quad.object, Triple) else quad.object.value
        if value not in values:
            values.append(value)
    return {"found": bool(properties), "properties": properties}


def _describe(store: GraphStore, parsed: ParsedId, text: str, cat: Catalogue) -> Record:
    iri = None if parsed.is_personal else canonical_iri(parsed, store.settings.base_iri)
    ot = cat.objecttypes.get(parsed.objecttype or "")
    register = cat.register(parsed.register) or (cat.register(ot["register"]) if ot else None)
    related = cat.related.get(parsed.objecttype or "", [])
    return {
        "input": BSN_MASK if parsed.is_personal else text,
        "kind": parsed.kind,
        "value": None if parsed.is_personal else parsed.value,
        "canonical_iri": iri,
        "register": register,
        "objecttype": ({"id": ot["id"], "label": ot["label"], "definition": ot["definitie"]}
                       if ot else None),
        "instance": _instance(store, iri),
        "related_registers": [cat.register(r) for r in related if cat.register(r)],
    }


def _parse(text: str, kind: str | None, *, allow_bsn: bool) -> ParsedId:
    if kind == "bsn" and not allow_bsn:
        raise PersonalIdentifierError(BSN_ONLY_POST)
    return parse_identifier(text, kind=kind, prefixes=PREFIXES)


def resolve_one(store: GraphStore, text: str, kind: str | None = None) -> Record:
    """GET: one identifier (no BSN); unknown instance → ``UnknownInstance`` (404)."""
    parsed = _parse(text, kind, allow_bsn=False)
    result = _describe(store, parsed, text, Catalogue.load(store))
    if not result["instance"]["found"]:
        raise UnknownInstance(f"no data about {result['canonical_iri']}", result["canonical_iri"])
    return result


def _masked(text: str, kind: str | None) -> str:
    return BSN_MASK if kind == "bsn" else text


def resolve_batch(store: GraphStore, items: list[tuple[str, str | None]]) -> list[Record]:
    """POST: many identifiers; malformed ones get an ``error`` entry instead of failing all."""
    if len(items) > MAX_BATCH:
        raise InvalidIdentifier(f"at most {MAX_BATCH} ids per request, got {len(items)}")
    cat = Catalogue.load(store)
    out: list[Any] = []
    for text, kind in items:
        try:
            out.append(_describe(store, _parse(text, kind, allow_bsn=True), text, cat))
        except (InvalidIdentifier, PersonalIdentifierError) as error:
            out.append({"input": _masked(text, kind), "kind": kind, "error": str(error)})
    return out


def description(store: GraphStore, iri: str) -> list[Triple]:
    """Every triple about ``iri`` (for /doc pages); ``NotFound`` when nothing is known."""
    triples = [Triple(q.subject, q.predicate, q.object) for q in store.about(NamedNode(iri))]
    if not triples:
        raise NotFound(f"nothing is known about {iri}")
    return triples
