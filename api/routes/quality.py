"""GET /v1/quality: content checks on begrippenkaders that SHACL cannot express."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from api.deps import StoreDep
from graph.quality import counts, run_checks, source_graph

router = APIRouter(tags=["Kwaliteit"])


class Finding(BaseModel):
    check: str
    severity: str
    concept: str
    scheme: str | None
    message: str


class QualityReport(BaseModel):
    findings: list[Finding]
    counts: dict[str, int]


@router.get("/quality", response_model=QualityReport,
            summary="Kwaliteitscontroles op begrippen (dubbele termen, circulaire definities, …)")
def quality(
    store: StoreDep,
    source: Annotated[str | None, Query(description="alleen deze geladen bron")] = None,
    check: Annotated[list[str] | None, Query(description="alleen deze controle(s)")] = None,
) -> QualityReport:
    graph = source_graph(store, source) if source else None
    findings = run_checks(store, graph, check or None)
    return QualityReport(findings=[Finding(**asdict(f)) for f in findings],
                         counts=counts(findings))
