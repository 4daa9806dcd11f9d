"""``/v1/resolve``: what an identifier is, which register holds it, what is known about it.

These models document the answers; the handlers write the JSON that graph.begrippen.resolve
builds directly with orjson (the hot path of other services: a response-model pass costs more
than the point lookup, see docs/benchmarks.md). ``register_`` is written ``register``.
"""

from __future__ import annotations

from pydantic import Field

from api.models.base import ApiModel


class RegisterRef(ApiModel):
    id: str
    label: str | None


class ObjectTypeRef(ApiModel):
    id: str
    label: str | None
    definition: str | None


class Instance(ApiModel):
    found: bool
    properties: dict[str, list[str]] | None = Field(
        None, description="predicaat-IRI → waarden; ontbreekt bij instance=false")


class Resolution(ApiModel):
    """One identifier: its kind, canonical IRI, register, object type and what the store knows."""

    input: str = Field(description="de invoer; een (mogelijk) BSN wordt gemaskeerd")
    kind: str | None
    value: str | None
    canonical_iri: str | None
    register_: RegisterRef | None = Field(alias="register")
    objecttype: ObjectTypeRef | None
    instance: Instance
    related_registers: list[RegisterRef]
    note: str | None = Field(None, description="alleen als de waarde is gemaskeerd")


class ResolutionError(ApiModel):
    """An identifier of a batch that could not be read."""

    input: str
    kind: str | None
    error: str


class Resolutions(ApiModel):
    """``POST /v1/resolve``: one answer per identifier, in the order sent."""

    aantal: int
    resultaten: list[Resolution | ResolutionError]
