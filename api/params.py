"""Unknown query parameters are refused (400 problem+json naming them), on every ``/v1`` operation.

A typo (``/v1/registers?category=persoon``) must not silently return everything. The parameters an
operation accepts are the ones it declares (FastAPI's dependency tree), so the check and the OpenAPI
document cannot disagree.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.dependencies.models import Dependant

from graph.errors import InvalidInput


def declared(dependant: Dependant) -> set[str]:
    """The query parameter names an operation declares, its dependencies' included."""
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= declared(sub)
    return names


async def check_query_params(request: Request) -> None:
    """Router dependency: 400 when the query string has a parameter the operation does not declare."""
    if not request.query_params:
        return
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    accepted: set[str] | None = getattr(route, "declared_query", None)
    if accepted is None:  # worked out once per route (the dependency tree does not change)
        accepted = declared(dependant)
        route.declared_query = accepted  # type: ignore[union-attr]
    unknown = sorted(set(request.query_params) - accepted)
    if unknown:
        error = InvalidInput(f"unknown query parameter(s): {', '.join(unknown)}; this operation accepts: "
                             f"{', '.join(sorted(accepted)) or 'none'}")
        error.problem_extra = {"invalid-params": [{"name": n, "reason": "unknown parameter"}  # type: ignore[attr-defined]
                                                  for n in unknown]}
        raise error
