"""Definitions: the item shape of search results, check matches, conflict members and the
definition page (``GET /v1/definitions/{id}``)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from api.models.base import ApiModel, absent_when_none
from graph.begrippen.definitions import DefinitionRecord
from graph.begrippen.definitions import Source as SourceRecord
from graph.begrippen.detail import DefinitionDetail as DetailRecord
from graph.begrippen.detail import Version as VersionRecord
from graph.begrippen.schemes import ConceptRef


class Source(ApiModel):
    """Where a definition comes from: a provision of a law, or another cited source."""

    iri: str | None
    label: str | None
    bwb_id: str | None
    title: str | None
    article: str | None
    onderdeel: str | None
    juriconnect: str | None
    url: str | None

    @classmethod
    def of(cls, source: SourceRecord) -> Source:
        return cls(iri=source.iri, label=source.label, bwb_id=source.bwb_id, title=source.title,
                   article=source.article, onderdeel=source.part, juriconnect=source.juriconnect,
                   url=source.url)


class SchemeRef(ApiModel):
    iri: str | None
    label: str | None


class Definition(ApiModel):
    """One definition with everything a drafter needs to judge it."""

    id: str
    iri: str
    term: str
    definition: str
    lidwoord: str | None
    scheme: SchemeRef
    source: Source
    valid_from: str | None
    valid_to: str | None
    status: str | None
    categories: list[str]
    scope: str | None
    borrowed_from: str | None
    alt_labels: list[str]
    hidden_labels: list[str]

    @classmethod
    def fields_of(cls, record: DefinitionRecord) -> dict[str, object]:
        """The fields of ``record`` (for models that extend this one)."""
        return {
            "id": record.ref, "iri": record.iri, "term": record.term, "definition": record.definition,
            "lidwoord": record.article_word,
            "scheme": SchemeRef(iri=record.scheme_iri, label=record.scheme_label),
            "source": Source.of(record.source), "valid_from": record.valid_from, "valid_to": record.valid_to,
            "status": record.status, "categories": list(record.categories), "scope": record.scope,
            "borrowed_from": record.borrowed_from, "alt_labels": list(record.alt_labels),
            "hidden_labels": list(record.hidden_labels),
        }

    @classmethod
    def of(cls, record: DefinitionRecord) -> Definition:
        return cls.model_validate(cls.fields_of(record))


class ConceptLink(ApiModel):
    """A concept as a link: API id, IRI and term."""

    id: str
    iri: str
    term: str | None

    @classmethod
    def of(cls, ref: ConceptRef) -> ConceptLink:
        return cls(id=ref.ref, iri=ref.iri, term=ref.term)


class SchemeWithId(SchemeRef):
    id: str | None = Field(description="id in /v1/schemes/{id}")


class Version(ApiModel):
    """One text of a definition with the interval it was in force."""

    iri: str
    definition: str | None
    valid_from: str | None
    valid_to: str | None
    generated_at: str | None
    identifier: str | None

    @classmethod
    def of(cls, version: VersionRecord) -> Version:
        return cls(iri=version.iri, definition=version.text, valid_from=version.valid_from,
                   valid_to=version.valid_to, generated_at=version.generated_at, identifier=version.identifier)


class OnDay(ApiModel):
    date: dt.date
    version: Version | None


class SameTerm(Definition):
    scheme: SchemeWithId


class DefinitionPage(SameTerm):
    """``GET /v1/definitions/{id}``: the definition, its links, same-term definitions elsewhere and
    its versions; with ``?on=`` the text and validity of that day, and ``on``."""

    broader: list[ConceptLink]
    narrower: list[ConceptLink]
    related: list[ConceptLink]
    same_term: list[SameTerm]
    versions: list[Version]
    definition: str | None  # type: ignore[assignment]
    """With ``?on=``: the text of that day (None when that version has none)."""
    on: OnDay | None = absent_when_none(description="alleen met ?on=")

    @classmethod
    def of(cls, found: DetailRecord) -> DefinitionPage:  # type: ignore[override]
        fields = {**_with_scheme_id(found, found.record),
                  **{name: [ConceptLink.of(r) for r in refs] for name, refs in found.links.items()},
                  "same_term": [SameTerm.model_validate(_with_scheme_id(found, r)) for r in found.same_term],
                  "versions": [Version.of(v) for v in found.versions]}
        if found.on is not None:
            chosen = found.chosen
            if chosen is not None:
                fields.update(definition=chosen.text, valid_from=chosen.valid_from, valid_to=chosen.valid_to)
            fields["on"] = OnDay(date=found.on, version=Version.of(chosen) if chosen else None)
        return cls.model_validate(fields)


def _with_scheme_id(found: DetailRecord, record: DefinitionRecord) -> dict[str, object]:
    fields = Definition.fields_of(record)
    scheme = record.scheme_iri
    fields["scheme"] = SchemeWithId(iri=scheme, label=record.scheme_label,
                                    id=found.scheme_ids.get(scheme) if scheme else None)
    return fields
