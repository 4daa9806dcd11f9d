"""Begrippenkaders (``skos:ConceptScheme``): the list, and one scheme with its concepts,
hierarchy and collections.

Scheme ids in ``/v1/schemes/{id}`` follow ``graph.begrippen.definitions.definition_ref``: our own
``{base}id/begrippenkader/{ref}`` gives ``ref`` (``bwb-BWBR0005537``), another publisher's
scheme ``iri-{base64url}``.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from graph.begrippen.definitions import CATEGORY_PREFIX, SEPARATOR, definition_ref
from graph.errors import NotFound
from graph.queries import query, with_values
from graph.rdf.namespaces import DCT, FOAF, OWL, RDF, RDFS, SKOS
from graph.rdf.terms import Literal, NamedNode, Term, Triple
from graph.store.base import GraphStore, Row

IRI_PREFIX = "iri-"


def scheme_ref(base: str, iri: str) -> str:
    """Path id of a begrippenkader (see the module docstring)."""
    own = base + "id/begrippenkader/"
    if iri.startswith(own) and len(iri) > len(own):
        return iri[len(own):]
    return IRI_PREFIX + base64.urlsafe_b64encode(iri.encode()).decode().rstrip("=")


def scheme_iri(base: str, ref: str) -> NamedNode:
    """Inverse of ``scheme_ref``; ValueError when ``ref`` is not a valid id."""
    try:
        if ref.startswith(IRI_PREFIX):
            encoded = ref[len(IRI_PREFIX):]
            raw = base64.b64decode(encoded + "=" * (-len(encoded) % 4), altchars=b"-_", validate=True)
            return NamedNode(raw.decode())
        if not ref:
            raise ValueError("empty id")
        return NamedNode(base + "id/begrippenkader/" + ref)
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise ValueError(f"not a begrippenkader id: {ref!r}") from error


@dataclass(frozen=True)
class SchemeSummary:
    """One begrippenkader in the list."""

    ref: str
    iri: str
    label: str
    concepts: int
    sources: tuple[str, ...]
    graphs: tuple[str, ...]
    categories: tuple[str, ...] = field(default=())


def _text(row: Row, name: str) -> str | None:
    term = row.get(name)
    return None if term is None else term.value


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(sorted(v for v in (value or "").split(SEPARATOR) if v))


def _summary(row: Row, base: str) -> SchemeSummary:
    iri = _text(row, "scheme") or ""
    categories = tuple(c.removeprefix(CATEGORY_PREFIX) for c in _split(_text(row, "categories")))
    return SchemeSummary(ref=scheme_ref(base, iri), iri=iri, label=_text(row, "label") or iri,
                         concepts=int(_text(row, "concepts") or 0), sources=_split(_text(row, "sources")),
                         graphs=_split(_text(row, "graphs")), categories=categories)


def schemes(store: GraphStore) -> list[SchemeSummary]:
    """Every begrippenkader, sorted by label."""
    base = store.settings.base_iri
    found = [_summary(row, base) for row in store.select(query("schemes"))]
    return sorted(found, key=lambda s: (s.label.casefold(), s.iri))


def scheme(store: GraphStore, iri: NamedNode) -> SchemeSummary:
    """One begrippenkader; NotFound when ``iri`` is not a skos:ConceptScheme."""
    rows = [r for r in store.select(query("schemes"), {"scheme": iri}) if r.get("scheme") == iri]
    if not rows:
        raise NotFound(f"no begrippenkader with id {scheme_ref(store.settings.base_iri, iri.value)}")
    return _summary(rows[0], store.settings.base_iri)


META = {"description": (SKOS.definition, DCT.description, RDFS.comment), "source": (DCT.source,),
        "publisher": (DCT.publisher,), "creator": (DCT.creator,), "license": (DCT.license,),
        "version": (OWL.versionInfo,), "temporal": (DCT.temporal,), "modified": (DCT.modified,),
        "page": (FOAF.isPrimaryTopicOf, FOAF.homepage, FOAF.page), "type": (RDF.type,)}


def _pick(values: Sequence[Term]) -> list[str]:
    """Values as text; of language-tagged literals only the Dutch (or untagged) ones if any."""
    dutch = [v for v in values if not isinstance(v, Literal) or v.language in (None, "", "nl")]
    return sorted({v.value for v in (dutch or values)})


def metadata(store: GraphStore, iri: NamedNode) -> dict[str, list[str]]:
    """What the scheme says about itself (description, source, version, pages, types, …)."""
    about = store.about(iri)
    return {key: _pick([q.object for q in about if q.predicate in predicates
                        and isinstance(q.object, NamedNode | Literal)])
            for key, predicates in META.items()}


def labels(store: GraphStore, iris: Iterable[str]) -> dict[str, str]:
    """A label for each concept IRI (those without a label are left out)."""
    wanted = [NamedNode(i) for i in sorted(set(iris))]
    if not wanted:
        return {}
    rows = store.select(with_values(query("concept_labels"), "concept", wanted))
    return {r["concept"].value: r["term"].value for r in rows if "term" in r and "concept" in r}


@dataclass(frozen=True)
class ConceptRef:
    """A concept as a link: API id, IRI and term."""

    ref: str
    iri: str
    term: str | None


@dataclass(frozen=True)
class SchemeConcept:
    """A concept of a scheme with its place in the hierarchy."""

    link: ConceptRef
    definition: str | None
    top: bool
    broader: tuple[ConceptRef, ...]
    narrower: tuple[ConceptRef, ...]


@dataclass(frozen=True)
class Collection:
    """A ``skos:Collection`` of the scheme with its members, sorted by term."""

    iri: str
    label: str | None
    members: tuple[ConceptRef, ...]


@dataclass(frozen=True)
class SchemeDetail:
    """One begrippenkader with what it says about itself, every concept (by term) and its
    collections."""

    summary: SchemeSummary
    metadata: dict[str, list[str]]
    concepts: list[SchemeConcept]
    collections: list[Collection]

    @property
    def top_concepts(self) -> list[ConceptRef]:
        return [c.link for c in self.concepts if c.top]


def _sort_key(link: ConceptRef) -> tuple[str, str]:
    return ((link.term or "").casefold(), link.iri)


def concepts(store: GraphStore, iri: NamedNode) -> list[SchemeConcept]:
    """Every concept of the scheme with broader/narrower links, sorted by term."""
    base = store.settings.base_iri
    rows = store.select(query("scheme_concepts"), {"scheme": iri})
    terms = {r["concept"].value: _text(r, "term") for r in rows}
    pairs = [(r["narrower"].value, r["broader"].value)
             for r in store.select(query("scheme_hierarchy"), {"scheme": iri})]
    outside = {i for pair in pairs for i in pair} - set(terms)
    terms.update(labels(store, outside))

    def link(concept: str) -> ConceptRef:
        return ConceptRef(definition_ref(base, concept), concept, terms.get(concept))

    found = []
    for row in rows:
        concept = row["concept"].value
        broader = sorted({link(b) for n, b in pairs if n == concept}, key=_sort_key)
        narrower = sorted({link(n) for n, b in pairs if b == concept}, key=_sort_key)
        found.append(SchemeConcept(link(concept), _text(row, "definition"), _text(row, "top") == "1",
                                   tuple(broader), tuple(narrower)))
    return sorted(found, key=lambda c: _sort_key(c.link))


def collections(store: GraphStore, iri: NamedNode) -> list[Collection]:
    """The scheme's collections with their members (concepts or nested collections)."""
    base = store.settings.base_iri
    rows = store.select(query("scheme_collections"), {"scheme": iri})
    members: dict[str, set[str]] = {}
    names: dict[str, set[str]] = {}
    for row in rows:
        collection = row["collection"].value
        members.setdefault(collection, set()).update([row["member"].value] if "member" in row else [])
        names.setdefault(collection, set()).update([row["label"].value] if "label" in row else [])
    terms = labels(store, {m for ms in members.values() for m in ms})
    links = {m: ConceptRef(definition_ref(base, m), m, terms.get(m)) for ms in members.values() for m in ms}
    return [Collection(c, min(names[c]) if names[c] else None,
                       tuple(links[m] for m in sorted(members[c], key=lambda m: _sort_key(links[m]))))
            for c in sorted(members, key=lambda c: (min(names[c]) if names[c] else c).casefold())]


def scheme_detail(store: GraphStore, iri: NamedNode) -> SchemeDetail:
    """The scheme, its concepts (by term) and its collections; NotFound for an unknown scheme."""
    summary = scheme(store, iri)
    return SchemeDetail(summary, metadata(store, iri), concepts(store, iri), collections(store, iri))


def scheme_triples(store: GraphStore, iri: NamedNode) -> list[Triple]:
    """The scheme as RDF: its own triples and those of its concepts and collections."""
    scheme(store, iri)
    return list(dict.fromkeys(store.construct(query("scheme_rdf"), {"scheme": iri})))


def schemes_triples(store: GraphStore, iris: Sequence[str]) -> list[Triple]:
    """Some schemes' own triples (not their top-concept lists)."""
    if not iris:
        return []
    return store.construct(with_values(query("schemes_rdf"), "scheme", [NamedNode(i) for i in iris]))
