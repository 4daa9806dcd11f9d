"""``POST /v1/validate``: the summary of validating data against an uploaded shapes graph."""

from __future__ import annotations

from api.models.base import ApiModel
from graph.quality import UserValidation
from graph.sources import ValidationResult


class ShaclFinding(ApiModel):
    """One SHACL result, readable by a person."""

    severity: str
    focus: str
    path: str | None
    message: str
    shape: str | None
    value: str | None

    @classmethod
    def of(cls, result: ValidationResult) -> ShaclFinding:
        return cls(severity=result.severity, focus=result.focus, path=result.path, message=result.message,
                   shape=result.shape, value=result.value)


class ValidationSummary(ApiModel):
    """Whether the data conforms, the counts per severity and every finding."""

    conforms: bool
    violations: int
    warnings: int
    infos: int
    results_total: int
    data_triples: int
    ignored_owl_imports: list[str]
    results: list[ShaclFinding]

    @classmethod
    def of(cls, outcome: UserValidation) -> ValidationSummary:
        report = outcome.report
        return cls(conforms=report.conforms, violations=report.violations, warnings=report.warnings,
                   infos=sum(r.severity == "Info" for r in report.results), results_total=len(report.results),
                   data_triples=outcome.data_triples, ignored_owl_imports=list(outcome.ignored_imports),
                   results=[ShaclFinding.of(r) for r in report.results])
