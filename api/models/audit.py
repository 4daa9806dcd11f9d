"""The audit log (``GET /v1/audit``): records in the Logboek Dataverwerkingen shape."""

from __future__ import annotations

from pydantic import Field

from api.models.base import ApiModel
from api.models.paging import Page
from graph.trust import AuditEvent


class ServiceAttributes(ApiModel):
    service_name: str = Field(alias="service.name")
    service_version: str = Field(alias="service.version")


class Resource(ApiModel):
    attributes: ServiceAttributes


class AuditRecord(ApiModel):
    """One processing record (OpenTelemetry span shape of the Logboek standard); the BIO2 fields
    are in ``attributes`` (``dpl.core.*``, ``dpl.stelselgraaf.*``; absent ones left out)."""

    trace_id: str
    span_id: str
    parent_span_id: str | None
    name: str
    start_time: str = Field(description="xsd:dateTime in UTC with milliseconds")
    end_time: str = Field(description="xsd:dateTime in UTC with milliseconds")
    status_code: int = Field(description="0 unset, 1 ok, 2 error (OpenTelemetry)")
    resource: Resource
    attributes: dict[str, str]

    @classmethod
    def of(cls, event: AuditEvent) -> AuditRecord:
        return cls.model_validate(event.logboek())


class AuditPage(Page[AuditRecord]):
    """``GET /v1/audit``: a page of the log, newest first."""
