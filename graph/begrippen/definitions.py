"""Definitions as plain records: the one read model that the definitions API, drafter search,
the drafter check, conflict detection and change proposals share.

A *definition* is a ``skos:Concept`` with a ``skos:definition``, from any source: a law (BWB),
a begrippenkader (IMGeo, Netbeheer, Aedes, …), a maintainer's spreadsheet, amsterdam-schema.
The JSON shape of a definition is the API's (``api.models.definitions``).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from graph.queries import query, with_values
from graph.rdf.terms import Literal, NamedNode
from graph.store.base import GraphStore, Row

SEPARATOR = "\u001f"
STATUS_PREFIX = "https://stelselgraaf.nl/def/status/"
CATEGORY_PREFIX = "https://stelselgraaf.nl/def/categorie/"


@dataclass(frozen=True)
class Source:
    """Where a definition comes from: a provision of a law, or another cited source."""

    iri: str | None = None
    label: str | None = None
    bwb_id: str | None = None
    title: str | None = None
    article: str | None = None
    part: str | None = None
    juriconnect: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class DefinitionRecord:
    """One definition with everything a drafter needs to judge it."""

    iri: str
    term: str
    definition: str
    scheme_iri: str | None = None
    scheme_label: str | None = None
    norm_term: str | None = None
    article_word: str | None = None
    scope: str | None = None
    source: Source = field(default_factory=Source)
    valid_from: str | None = None
    valid_to: str | None = None
    status: str | None = None
    categories: tuple[str, ...] = ()
    borrowed_from: str | None = None
    alt_labels: tuple[str, ...] = ()
    hidden_labels: tuple[str, ...] = ()
    ref: str = ""
    """The id in ``/v1/definitions/{ref}`` (see ``definition_ref``)."""


def _text(row: Row, name: str) -> str | None:
    term = row.get(name)
    return None if term is None else term.value


def _split(row: Row, name: str) -> tuple[str, ...]:
    value = _text(row, name)
    return tuple(sorted(v for v in value.split(SEPARATOR) if v)) if value else ()


def _local(value: str | None, prefix: str) -> str | None:
    if value is None:
        return None
    return value[len(prefix):] if value.startswith(prefix) else value


def _source(row: Row) -> Source:
    text = _text(row, "sourceText")
    if row.get("source") is None:
        return Source(label=text)
    return Source(iri=_text(row, "source"), label=_text(row, "sourceLabel") or text,
                  bwb_id=_text(row, "bwbId"), title=_text(row, "lawTitle") or _text(row, "sourceLabel"),
                  article=_text(row, "artikel"), part=_text(row, "onderdeel"),
                  juriconnect=_text(row, "juriconnect"), url=_text(row, "url"))


def record_from_row(row: Row) -> DefinitionRecord:
    """One result row of ``definitions.rq`` as a record."""
    term = _text(row, "term") or _text(row, "concept") or ""
    categories = tuple(c for c in (_local(v, CATEGORY_PREFIX) for v in _split(row, "categories")) if c)
    return DefinitionRecord(
        iri=_text(row, "concept") or "", term=term, definition=_text(row, "definition") or "",
        scheme_iri=_text(row, "scheme"), scheme_label=_text(row, "schemeLabel"),
        norm_term=_text(row, "normTerm"), article_word=_text(row, "lidwoord"), scope=_text(row, "scope"),
        source=_source(row), valid_from=_text(row, "validFrom"), valid_to=_text(row, "validTo"),
        status=_local(_text(row, "status"), STATUS_PREFIX), categories=categories,
        borrowed_from=_text(row, "borrowed"), alt_labels=_split(row, "altLabels"),
        hidden_labels=_split(row, "hiddenLabels"),
    )


def definition_ref(base: str, iri: str) -> str:
    """Path id of a definition: ``BWBR0005537/bestuursorgaan`` for ``{base}id/begrip/…``,
    ``iri-{base64url}`` for a concept of another publisher (IMGeo, Netbeheer, …)."""
    own = base + "id/begrip/"
    if iri.startswith(own) and len(iri) > len(own):
        return iri[len(own):]
    return "iri-" + base64.urlsafe_b64encode(iri.encode()).decode().rstrip("=")


def definition_iri(base: str, ref: str) -> NamedNode:
    """Inverse of ``definition_ref``; ValueError when ``ref`` is not a valid id."""
    if ref.startswith("iri-"):
        encoded = ref[4:]
        try:
            raw = base64.b64decode(encoded + "=" * (-len(encoded) % 4), altchars=b"-_", validate=True)
            return NamedNode(raw.decode())
        except (binascii.Error, UnicodeDecodeError, ValueError) as error:
            raise ValueError(f"not a definition id: {ref!r}") from error
    return NamedNode(base + "id/begrip/" + ref)


def _records(rows: Iterable[Row], base: str) -> list[DefinitionRecord]:
    """One record per concept (the first row wins when a concept has two labels or sources)."""
    seen: dict[str, DefinitionRecord] = {}
    for row in rows:
        record = record_from_row(row)
        if record.iri not in seen:
            seen[record.iri] = replace(record, ref=definition_ref(base, record.iri))
    return sorted(seen.values(), key=lambda r: (r.term.casefold(), r.iri))


def all_definitions(store: GraphStore) -> list[DefinitionRecord]:
    """Every definition in the store, sorted by term."""
    return _records(store.select(query("definitions")), store.settings.base_iri)


def definitions_for(store: GraphStore, iris: Sequence[NamedNode]) -> list[DefinitionRecord]:
    """The definitions among ``iris`` (others are left out), in one query."""
    if not iris:
        return []
    return _records(store.select(with_values(query("definitions"), "concept", iris)),
                    store.settings.base_iri)


def definition(store: GraphStore, iri: NamedNode) -> DefinitionRecord | None:
    """One definition, or None when ``iri`` is not a concept with a definition."""
    found = definitions_for(store, [iri])
    return found[0] if found else None


def literal_text(term: Literal | NamedNode | None) -> str | None:
    """The lexical value of an optional term."""
    return None if term is None else term.value
