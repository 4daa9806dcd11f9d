"""What a change proposal asks for: concept changes read from a JSON body or from Turtle/JSON-LD.

A proposal holds one or more ``ConceptChange``s:

* ``create`` — a new concept (term, definition, optional scheme, source, broader, …);
* ``update`` — new values for some fields of an existing concept (``set``; ``null`` clears);
* ``deprecate`` — the concept no longer applies (status ``vervallen``);
* ``replace`` — the concept is replaced by another (status ``vervangen`` + ``dct:isReplacedBy``);
* ``describe`` — a complete new description of one concept, from Turtle or JSON-LD.

Parsing is pure and checks everything that can be checked without the store; a mistake raises
``InvalidChange`` (422). The normalised request is kept as JSON with the proposal, so a rebase
can apply it again to the newer version of the concepts.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.begrippen.definitions import definition_iri
from graph.begrippen.legal import parse_reference
from graph.errors import InvalidChange
from graph.rdf.iris import slug
from graph.rdf.namespaces import ADMS, DCT, RDF, SKOS, STG, STGC, STGS
from graph.rdf.rdfio import RdfSyntaxError, parse_rdf
from graph.rdf.terms import BlankNode, Literal, NamedNode, Triple
from graph.rdf.vocab import CARDINALITIES, CATEGORIES, MAPPING_TYPES, NOTE_KINDS

OPS = ("create", "update", "deprecate", "replace", "describe", "annotate", "relate", "note")
MAX_CHANGES = 100
MAX_TEXT = 10_000
TERMINAL = (STGS.vervallen, STGS.vervangen)
"""Statuses after which a concept takes no more changes (make a new concept instead)."""


@dataclass(frozen=True)
class FieldSpec:
    """A field a person edits, and the predicate it is stored with."""

    name: str
    predicate: NamedNode
    kind: str
    """``text`` (one Dutch literal), ``texts`` (several), ``iri``, ``iris``, ``source`` (IRI or
    text), ``categories`` or ``status``."""


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("term", SKOS.prefLabel, "text"),
    FieldSpec("definition", SKOS.definition, "text"),
    FieldSpec("scheme", SKOS.inScheme, "iri"),
    FieldSpec("status", ADMS.status, "status"),
    FieldSpec("source", DCT.source, "source"),
    FieldSpec("broader", SKOS.broader, "iris"),
    FieldSpec("related", SKOS.related, "iris"),
    FieldSpec("alt_labels", SKOS.altLabel, "texts"),
    FieldSpec("hidden_labels", SKOS.hiddenLabel, "texts"),
    FieldSpec("categories", STG.categorie, "categories"),
    FieldSpec("scope", STG.reikwijdte, "text"),
    FieldSpec("scope_note", SKOS.scopeNote, "text"),
    FieldSpec("example", SKOS.example, "text"),
    FieldSpec("replaced_by", DCT.isReplacedBy, "iri"),
    FieldSpec("explanation", STG.uitleg, "text"),
    FieldSpec("exact_match", SKOS.exactMatch, "iris"),
    FieldSpec("close_match", SKOS.closeMatch, "iris"),
    FieldSpec("broad_match", SKOS.broadMatch, "iris"),
    FieldSpec("narrow_match", SKOS.narrowMatch, "iris"),
    FieldSpec("related_match", SKOS.relatedMatch, "iris"),
)
BY_NAME = {f.name: f for f in FIELDS}
BY_PREDICATE = {f.predicate.value: f for f in FIELDS}
EDITABLE = ("term", "definition", "source", "broader", "related", "alt_labels", "hidden_labels",
            "categories", "scope", "scope_note", "example")
"""Fields an ``update`` may set (scheme, status and replacement have their own operations)."""
MAPPINGS = {kind: re.sub(r"(?<!^)([A-Z])", r"_\1", kind).lower() for kind in MAPPING_TYPES}
"""Mapping types an ``annotate`` may add (SKOS mapping properties) → their field."""
ANNOTATIONS = ("explanation", "scope_note", "example", "categories", *MAPPINGS.values())
"""Fields an ``annotate`` sets on any concept, also a law's: statements *about* it in the editorial
graph (a plain-language explanation, toelichting, example, category, mappings); the source text
itself never changes."""
BOOKKEEPING = (STG.versie, STG.geldigVanaf, STG.geldigTot, DCT.modified)
"""Set by publication only: never by a proposal, never part of its diff."""
ALLOWED_RDF_STATUS = (STGS.vastgesteld, STGS.vervangen, STGS.vervallen)


@dataclass(frozen=True)
class ConceptChange:
    """One operation on one concept."""

    op: str
    concept: str | None = None
    """IRI of the concept (None for ``create``: minted from scheme and term)."""
    values: Mapping[str, Any] = field(default_factory=dict)
    """Field values (``create``: all given fields; ``update``: the fields to set)."""
    description: str = ""
    """``describe``: the concept's new triples as N-Triples."""

    def json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"op": self.op}
        if self.concept is not None:
            out["concept"] = self.concept
        if self.values:
            out["values"] = dict(self.values)
        if self.description:
            out["description"] = self.description
        return out


@dataclass(frozen=True)
class ChangeRequest:
    """A whole proposal as asked for."""

    motivation: str
    changes: tuple[ConceptChange, ...]

    def json(self) -> str:
        """The normalised request (stored with the proposal; the basis of ``request_hash``)."""
        body = {"motivation": self.motivation, "changes": [c.json() for c in self.changes]}
        return json.dumps(body, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_stored(cls, text: str) -> ChangeRequest:
        data = json.loads(text)
        return cls(data["motivation"], tuple(
            ConceptChange(c["op"], c.get("concept"), c.get("values", {}), c.get("description", ""))
            for c in data["changes"]))


def request_hash(kind: str, payload: str) -> str:
    """SHA-256 of a request (what it does and its normalised body), for idempotency checks."""
    return hashlib.sha256(f"{kind}\x1f{payload}".encode()).hexdigest()


# ---------------------------------------------------------------- JSON bodies
def parse_json(body: object, base: str) -> ChangeRequest:
    """A JSON change request: ``{"motivation": "…", "changes": [{"op": …}, …]}``."""
    if not isinstance(body, dict):
        raise InvalidChange("the body must be a JSON object with 'motivation' and 'changes'")
    _no_unknown(body, ("motivation", "changes"), "the request")
    motivation = _text(body.get("motivation"), "motivation")
    changes = body.get("changes")
    if not isinstance(changes, list) or not 1 <= len(changes) <= MAX_CHANGES:
        raise InvalidChange(f"'changes' must be a list of 1 to {MAX_CHANGES} changes")
    parsed = tuple(_change(c, base, i) for i, c in enumerate(changes))
    return ChangeRequest(motivation, _unique(parsed))


def _change(item: object, base: str, index: int) -> ConceptChange:
    where = f"changes[{index}]"
    if not isinstance(item, dict) or item.get("op") not in (*OPS[:4], *OPS[5:]):
        raise InvalidChange(f"{where}: 'op' must be one of create, update, deprecate, replace, annotate, relate, "
                            "note")
    op = item["op"]
    if op == "create":
        return _create(item, base, where)
    if op == "relate":
        return _relate(item, base, where)
    if op == "note":
        return _note(item, base, where)
    concept = _iri(item.get("concept"), base, f"{where}.concept")
    if op == "update":
        return _update(item, concept, base, where)
    if op == "annotate":
        return _annotate(item, concept, base, where)
    if op == "replace":
        _no_unknown(item, ("op", "concept", "replaced_by"), where)
        target = _iri(item.get("replaced_by"), base, f"{where}.replaced_by")
        if target == concept:
            raise InvalidChange(f"{where}: a concept cannot replace itself")
        return ConceptChange("replace", concept, {"replaced_by": target})
    _no_unknown(item, ("op", "concept"), where)
    return ConceptChange("deprecate", concept)


def _create(item: dict[str, object], base: str, where: str) -> ConceptChange:
    _no_unknown(item, ("op", "scheme", *EDITABLE), where)
    values = {k: _value(BY_NAME[k], v, base, f"{where}.{k}") for k, v in item.items() if k != "op"}
    for required in ("term", "definition"):
        if values.get(required) is None:
            raise InvalidChange(f"{where}: a new concept needs a '{required}'")
    return ConceptChange("create", None, values)


def _annotate(item: dict[str, object], concept: str, base: str, where: str) -> ConceptChange:
    _no_unknown(item, ("op", "concept", "set"), where)
    fields = item.get("set")
    if not isinstance(fields, dict) or not fields:
        raise InvalidChange(f"{where}: 'set' must be an object with the annotations to add")
    _no_unknown(fields, ("explanation", "scope_note", "example", "categories", "mappings"), f"{where}.set")
    values: dict[str, object] = {k: _value(BY_NAME[k], v, base, f"{where}.set.{k}")
                                 for k, v in fields.items() if k != "mappings"}
    mappings = fields.get("mappings", [])
    if not isinstance(mappings, list) or len(mappings) > 50:
        raise InvalidChange(f"{where}.set.mappings: a list of at most 50 {{'type', 'target'}} objects")
    targets: dict[str, list[str]] = {}
    for i, mapping in enumerate(mappings):
        at = f"{where}.set.mappings[{i}]"
        if not isinstance(mapping, dict) or mapping.get("type") not in MAPPINGS:
            raise InvalidChange(f"{at}: 'type' must be one of {', '.join(MAPPINGS)}")
        _no_unknown(mapping, ("type", "target"), at)
        target = _iri(mapping.get("target"), base, f"{at}.target")
        if target == concept:
            raise InvalidChange(f"{at}: a concept is not mapped to itself")
        targets.setdefault(MAPPINGS[mapping["type"]], []).append(target)
    return ConceptChange("annotate", concept, {**values, **targets})


_BWB = re.compile(r"^BWB[RV]\d{7}$")


def _resource(value: object, base: str, where: str) -> str:
    """A stelsel resource: a full IRI, or ``{kind}/{id}`` below ``{base}id/`` (``objecttype/bag-pand``)."""
    if isinstance(value, str) and re.fullmatch(r"[a-z-]+/[A-Za-z0-9._-]+", value):
        return f"{base}id/{value}"
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return _iri(value, base, where)
    raise InvalidChange(f"{where}: an IRI or a reference such as 'objecttype/bag-pand'")


def _relate(item: dict[str, object], base: str, where: str) -> ConceptChange:
    """A new relation between two object types, with its legal basis (BWB id + article)."""
    _no_unknown(item, ("op", "from", "to", "label", "definition", "cardinality", "authentic", "legal_basis"), where)
    source, target = _resource(item.get("from"), base, f"{where}.from"), _resource(item.get("to"), base, f"{where}.to")
    label = _text(item.get("label"), f"{where}.label")
    if item.get("cardinality") not in CARDINALITIES:
        raise InvalidChange(f"{where}.cardinality: one of {', '.join(CARDINALITIES)}")
    if not isinstance(item.get("authentic"), bool):
        raise InvalidChange(f"{where}.authentic: true or false (is the reference itself an authentiek gegeven?)")
    basis = item.get("legal_basis")
    if not isinstance(basis, dict) or not _BWB.match(str(basis.get("bwb", ""))) or not basis.get("article"):
        raise InvalidChange(f"{where}.legal_basis: {{'bwb': 'BWBR…', 'article': '…'}} (the law and article)")
    _no_unknown(basis, ("bwb", "article"), f"{where}.legal_basis")
    key = "-".join(slug(x) for x in (source.rsplit("/", 1)[-1], label, target.rsplit("/", 1)[-1]))
    values = {"from": source, "to": target, "label": label, "cardinality": item["cardinality"],
              "authentic": item["authentic"], "bwb": basis["bwb"], "article": _text(basis["article"], where)}
    if item.get("definition") is not None:
        values["definition"] = _text(item["definition"], f"{where}.definition")
    return ConceptChange("relate", f"{base}id/relatie/{key}", values)


def _note(item: dict[str, object], base: str, where: str) -> ConceptChange:
    """A note on a register, dataset or object type: quality, a known issue, a contact."""
    _no_unknown(item, ("op", "subject", "kind", "text"), where)
    subject = _resource(item.get("subject"), base, f"{where}.subject")
    if item.get("kind") not in NOTE_KINDS:
        raise InvalidChange(f"{where}.kind: one of {', '.join(NOTE_KINDS)}")
    text = _text(item.get("text"), f"{where}.text")
    key = hashlib.sha256(f"{subject}\x1f{item['kind']}\x1f{text}".encode()).hexdigest()[:16]
    return ConceptChange("note", f"{base}id/notitie/{key}", {"subject": subject, "kind": item["kind"], "text": text})


def _update(item: dict[str, object], concept: str, base: str, where: str) -> ConceptChange:
    _no_unknown(item, ("op", "concept", "set"), where)
    fields = item.get("set")
    if not isinstance(fields, dict) or not fields:
        raise InvalidChange(f"{where}: 'set' must be an object with the fields to change")
    _no_unknown(fields, EDITABLE, f"{where}.set")
    values = {k: _value(BY_NAME[k], v, base, f"{where}.set.{k}") for k, v in fields.items()}
    for required in ("term", "definition"):
        if required in values and values[required] is None:
            raise InvalidChange(f"{where}.set.{required}: cannot be cleared")
    return ConceptChange("update", concept, values)


def _value(spec: FieldSpec, value: object, base: str, where: str) -> object:
    if value is None:
        return None
    if spec.kind == "text":
        return _text(value, where)
    if spec.kind == "texts":
        return sorted({_text(v, where) for v in _list(value, where)})
    if spec.kind == "iri":
        return _iri(value, base, where)
    if spec.kind == "iris":
        return sorted({_iri(v, base, where) for v in _list(value, where)})
    if spec.kind == "categories":
        values = _list(value, where)
        wrong = [v for v in values if v not in CATEGORIES]
        if wrong:
            raise InvalidChange(f"{where}: unknown category {wrong[0]!r}; known: {', '.join(CATEGORIES)}")
        return sorted(set(values))
    text = _text(value, where)  # source: a Juriconnect reference or wetten.overheid.nl link, an IRI, or a text
    provision = parse_reference(text)
    if provision is not None:  # a linked legal source, the same node as the law's own definitions
        return {"iri": provision.iri(base).value, "legal": vars(provision)}
    return {"iri": _iri(text, base, where)} if text.startswith(("http://", "https://")) else text


def _text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidChange(f"{where}: must be a non-empty text")
    if len(value) > MAX_TEXT:
        raise InvalidChange(f"{where}: longer than {MAX_TEXT} characters")
    return value.strip()


def _list(value: object, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise InvalidChange(f"{where}: must be a list")
    return value


def _iri(value: object, base: str, where: str) -> str:
    """A concept reference: a full http(s) IRI or a definition id as in /v1/definitions/{id}."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidChange(f"{where}: must be a concept IRI or definition id")
    try:
        if value.startswith(("http://", "https://")):
            return NamedNode(value).value
        return definition_iri(base, value.strip("/")).value
    except ValueError as error:
        raise InvalidChange(f"{where}: not a valid IRI or definition id: {value!r}") from error


def _no_unknown(data: Mapping[str, object], allowed: Sequence[str], where: str) -> None:
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise InvalidChange(f"{where}: unknown field {unknown[0]!r}; allowed: {', '.join(allowed)}")


def _unique(changes: tuple[ConceptChange, ...]) -> tuple[ConceptChange, ...]:
    seen: set[str] = set()
    for change in changes:
        key = change.concept or "create:" + str(change.values.get("scheme")) + ":" + str(change.values["term"])
        if key in seen:
            raise InvalidChange(f"one proposal changes each concept at most once: {key}")
        seen.add(key)
    return changes


# ---------------------------------------------------------------- Turtle / JSON-LD bodies
def parse_description(body: bytes, fmt: str, motivation: str | None, base: str) -> ChangeRequest:
    """Concept descriptions (``fmt`` ``turtle`` or ``jsonld``): each ``skos:Concept`` described
    becomes a ``describe`` change; its triples replace the concept's current description."""
    if motivation is None:
        raise InvalidChange("a Turtle or JSON-LD proposal needs the query parameter 'motivation'")
    motivation = _text(motivation, "motivation")
    try:
        quads = list(parse_rdf(body, fmt, base_iri=base, graph=NamedNode(base + "graph/invoer")))
    except RdfSyntaxError as error:
        where = f"line {error.line}, column {error.column}: " if error.line else ""
        raise InvalidChange(f"the {fmt} body does not parse: {where}{error}") from error
    triples = [q.triple for q in quads]
    concepts = sorted({lexical(t.subject) for t in triples
                       if t.predicate == RDF.type and t.object == SKOS.Concept})
    if not concepts:
        raise InvalidChange("the body describes no skos:Concept")
    if len(concepts) > MAX_CHANGES:
        raise InvalidChange(f"at most {MAX_CHANGES} concepts per proposal")
    for triple in triples:
        _check_described(triple, concepts)
    changes = tuple(
        ConceptChange("describe", iri, description="\n".join(
            sorted(_nt(t) for t in triples if lexical(t.subject) == iri)))
        for iri in concepts)
    return ChangeRequest(motivation, changes)


def _check_described(triple: Triple, concepts: Sequence[str]) -> None:
    if isinstance(triple.subject, BlankNode) or isinstance(triple.object, BlankNode):
        raise InvalidChange("blank nodes are not accepted in a proposal; give every node an IRI")
    if lexical(triple.subject) not in concepts:
        raise InvalidChange(f"only skos:Concept descriptions are accepted; {lexical(triple.subject)} "
                            "is not typed skos:Concept")
    if triple.predicate in BOOKKEEPING:
        raise InvalidChange(f"{triple.predicate.value} is set by publication, not by a proposal")
    if triple.predicate == ADMS.status and triple.object not in ALLOWED_RDF_STATUS:
        raise InvalidChange("adms:status of a proposed concept is vastgesteld, vervangen or vervallen")


def lexical(term: object) -> str:
    """The IRI or lexical form of a term (RDF-star triple terms as N-Triples)."""
    return term.value if isinstance(term, NamedNode | BlankNode | Literal) else str(term)


def _nt(triple: Triple) -> str:
    return f"{triple.subject} {triple.predicate} {triple.object} ."


def value_terms(spec: FieldSpec, value: object) -> list[NamedNode | Literal]:
    """The RDF objects for a parsed field value."""
    if value is None:
        return []
    if spec.kind in ("text",):
        return [Literal(str(value), language="nl")]
    if spec.kind == "texts":
        return [Literal(str(v), language="nl") for v in value]  # type: ignore[attr-defined]
    if spec.kind == "iri":
        return [NamedNode(str(value))]
    if spec.kind == "iris":
        return [NamedNode(str(v)) for v in value]  # type: ignore[attr-defined]
    if spec.kind == "categories":
        return [STGC[str(v)] for v in value]  # type: ignore[attr-defined]
    if spec.kind == "status":
        return [STGS[str(value)]]
    if isinstance(value, dict):
        return [NamedNode(str(value["iri"]))]
    return [Literal(str(value), language="nl")]
