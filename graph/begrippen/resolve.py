"""Resolve identifiers of the basisregistraties to register, object type and instance data.

A BSN is accepted only where the caller allows it (POST bodies), is never echoed and never gets
an IRI. In a batch, every 9-digit number is treated as a possible BSN unless the caller said
``kind="rsin"``: its input, value and IRI are withheld (an RSIN and a BSN look the same).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from graph.begrippen.identifiers import (
    InvalidIdentifier,
    ParsedId,
    PersonalIdentifierError,
    canonical_iri,
    parse_identifier,
)
from graph.begrippen.stelsel import ObjectType, Register, objecttypes, registers, relations
from graph.errors import NotFound
from graph.queries import query, with_values
from graph.rdf.iris import private_prefix
from graph.rdf.namespaces import PREFIXES
from graph.rdf.terms import Literal, NamedNode, Triple
from graph.store.base import GraphStore

Record = dict[str, Any]
"""One answer of the resolver as JSON-ready data (written with orjson on the hot path)."""

MAX_BATCH = 1000
BSN_MASK = "*********"
BSN_ONLY_POST = "a BSN is only accepted in a POST body"
MASKED_NOTE = ("9 cijfers zonder kind 'rsin' kunnen een BSN zijn: invoer, waarde en IRI "
               "worden niet teruggegeven; geef kind 'rsin' mee voor een RSIN")
LOOKUP_CHUNK = 250
"""Subjects per batch lookup query (one query per chunk; a 1000-id batch is 4 queries)."""
_NINE_DIGITS = re.compile(r"\d(?:[ .\-]?\d){8}")
"""Nine digits, optionally with the separators ``graph.begrippen.identifiers`` accepts between digits."""


class UnknownInstance(NotFound):
    """A well-formed identifier whose canonical IRI has no data in the store."""

    def __init__(self, message: str, canonical: str) -> None:
        super().__init__(message)
        self.problem_extra = {"canonical_iri": canonical}


@dataclass(frozen=True)
class Catalogue:
    """The catalogue data a resolution needs (three queries); cache it per store generation."""

    registers: dict[str, Register]
    objecttypes: dict[str, ObjectType]
    related: dict[str, list[Record]]
    """Object type → the other registers it relates to, as ``{"id", "label"}`` records."""

    @classmethod
    def load(cls, store: GraphStore) -> Catalogue:
        codes: dict[str, list[str]] = {}
        for rel in relations(store):
            for here, there in ((rel.van, rel.naar), (rel.naar, rel.van)):
                regs = codes.setdefault(here.objecttype, [])
                other = there.register
                if other and other != here.register and other not in regs:
                    regs.append(other)
        by_id = {r.id: r for r in registers(store)}
        related: dict[str, list[Record]] = {
            ot: [{"id": by_id[c.lower()].id, "label": by_id[c.lower()].label} for c in regs if c.lower() in by_id]
            for ot, regs in codes.items()}
        return cls(by_id, {o.id: o for o in objecttypes(store)}, related)

    def register(self, code: str | None) -> Record | None:
        record = self.registers.get((code or "").lower())
        return {"id": record.id, "label": record.label} if record else None


def _properties(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Predicate IRI → its distinct values (a statement in two graphs counts once)."""
    properties: dict[str, list[str]] = {}
    for predicate, value in pairs:
        values = properties.get(predicate)
        if values is None:
            properties[predicate] = [value]
        elif value not in values:
            values.append(value)
    return properties


def _instance(properties: dict[str, list[str]] | None) -> Record:
    props = properties or {}
    return {"found": bool(props), "properties": props}


def _batch_queries(store: GraphStore, name: str, iris: Sequence[str]) -> Iterator[str]:
    """``name`` with ``?private`` and, per ``LOOKUP_CHUNK`` IRIs, ``?s`` bound by VALUES."""
    private = private_prefix(store.settings.base_iri)  # audit records and proposals are not public
    unique = [iri for iri in dict.fromkeys(iris) if not iri.startswith(private)]
    text = with_values(query(name), "private", [Literal(private)])
    for start in range(0, len(unique), LOOKUP_CHUNK):
        yield with_values(text, "s", [NamedNode(iri) for iri in unique[start:start + LOOKUP_CHUNK]])


def lookup(store: GraphStore, iris: Sequence[str]) -> dict[str, dict[str, list[str]]]:
    """Properties of each IRI that has any (``GraphStore.values_about``: point lookups on an
    embedded store, one query per chunk of IRIs on a remote one). Private records and
    statements in private graphs (audit, proposals) are left out, like ``GraphStore.about``
    does, and so are loads still being staged."""
    private = private_prefix(store.settings.base_iri)
    subjects = [NamedNode(iri) for iri in dict.fromkeys(iris) if not iri.startswith(private)]
    return {iri: _properties(pairs) for iri, pairs in store.values_about(subjects).items()}


def existing(store: GraphStore, iris: Sequence[str]) -> set[str]:
    """The IRIs that have any statement in a published graph (``lookup`` without the data)."""
    return {row["s"].value for text in _batch_queries(store, "resolve_exists", iris)
            for row in store.select(text)}


def _describe(parsed: ParsedId, text: str, cat: Catalogue, base_iri: str, *,
              masked: bool = False) -> Record:
    hidden = parsed.is_personal or masked
    iri = None if hidden else canonical_iri(parsed, base_iri)
    ot = cat.objecttypes.get(parsed.objecttype or "")
    register = cat.register(parsed.register) or (cat.register(ot.register) if ot else None)
    result: Record = {
        "input": BSN_MASK if hidden else text,
        "kind": parsed.kind,
        "value": None if hidden else parsed.value,
        "canonical_iri": iri,
        "register": register,
        "objecttype": {"id": ot.id, "label": ot.label, "definition": ot.definitie} if ot else None,
        "instance": _instance(None),
        "related_registers": [dict(r) for r in cat.related.get(parsed.objecttype or "", [])],
    }
    if masked and not parsed.is_personal:
        result["note"] = MASKED_NOTE
    return result


def _parse(text: str, kind: str | None, *, allow_bsn: bool) -> ParsedId:
    if kind == "bsn" and not allow_bsn:
        raise PersonalIdentifierError(BSN_ONLY_POST)
    return parse_identifier(text, kind=kind, prefixes=PREFIXES)


def resolve_one(store: GraphStore, text: str, kind: str | None = None,
                cat: Catalogue | None = None) -> Record:
    """GET: one identifier (no BSN); unknown instance → ``UnknownInstance`` (404)."""
    parsed = _parse(text, kind, allow_bsn=False)
    result = _describe(parsed, text, cat or Catalogue.load(store), store.settings.base_iri)
    iri = result["canonical_iri"]
    result["instance"] = _instance(lookup(store, [iri]).get(iri))
    if not result["instance"]["found"]:
        raise UnknownInstance(f"no data about {iri}", iri)
    return result


def may_be_bsn(text: str, kind: str | None) -> bool:
    """Whether a batch must withhold ``text``: a BSN, or 9 digits not declared an RSIN."""
    if kind == "bsn":
        return True
    if kind == "rsin":
        return False
    return _NINE_DIGITS.fullmatch(text.strip()) is not None


def _error(text: str, kind: str | None, error: Exception) -> Record:
    if not may_be_bsn(text, kind):
        return {"input": text, "kind": kind, "error": str(error)}
    reason = "fails the elfproef" if "elfproef" in str(error) else "is not valid here"
    return {"input": BSN_MASK, "kind": kind,
            "error": f"9-digit number {reason} (value withheld: it may be a BSN)"}


def resolve_batch(store: GraphStore, items: list[tuple[str, str | None]],
                  cat: Catalogue | None = None, *, with_data: bool = True) -> list[Record]:
    """POST: many identifiers; malformed ones get an ``error`` entry instead of failing all.

    ``with_data=False`` only tells whether each instance is known (``found``), without its
    properties: one cheaper query per chunk for callers that only need to identify.
    """
    if len(items) > MAX_BATCH:
        raise InvalidIdentifier(f"at most {MAX_BATCH} ids per request, got {len(items)}")
    cat = cat or Catalogue.load(store)
    out: list[Any] = []
    for text, kind in items:
        try:
            parsed = _parse(text, kind, allow_bsn=True)
            out.append(_describe(parsed, text, cat, store.settings.base_iri,
                                 masked=may_be_bsn(text, kind)))
        except (InvalidIdentifier, PersonalIdentifierError) as error:
            out.append(_error(text, kind, error))
    iris = [r["canonical_iri"] for r in out if r.get("canonical_iri")]
    if with_data:
        known = lookup(store, iris)
        for result in out:
            if result.get("canonical_iri") in known:
                result["instance"] = _instance(known[result["canonical_iri"]])
    else:
        present = existing(store, iris)
        for result in out:
            if "instance" in result:
                result["instance"] = {"found": result["canonical_iri"] in present}
    return out


def description(store: GraphStore, iri: str) -> list[Triple]:
    """Every triple about ``iri`` (for /doc pages); ``NotFound`` when nothing is known."""
    triples = [Triple(q.subject, q.predicate, q.object) for q in store.about(NamedNode(iri))]
    if not triples:
        raise NotFound(f"nothing is known about {iri}")
    return triples


def catalogue(store: GraphStore) -> Catalogue:
    """The register catalogue of the store's current generation (re-read after every write; rare)."""
    return store.state.derived("resolve", lambda: Catalogue.load(store))
