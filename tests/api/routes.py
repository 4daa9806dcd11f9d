"""Every route of the real app, with its methods and path parameters, for tests that visit all."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts

from api.params import declared


@dataclass(frozen=True)
class RouteInfo:
    methods: tuple[str, ...]
    template: str
    params: tuple[str, ...]
    html: bool
    """A page of the web interface: its 4xx answers are HTML pages for people, not problem+json."""
    query: tuple[str, ...] = ()
    """The query parameters the operation declares (others are refused on /v1: api/params.py)."""

    def path(self, values: dict[str, str]) -> str:
        """The route's path with each parameter's value percent-encoded (``/`` too)."""
        path = self.template
        for name in self.params:
            path = path.replace("{" + name + "}", quote(values[name], safe=""))
        return path


def api_routes(app: FastAPI) -> list[RouteInfo]:
    """Every APIRoute of ``app`` (included routers resolved), with its full path template."""
    found = []
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if isinstance(route, APIRoute) and context.path_format:
            params = tuple(p.name for p in route.dependant.path_params)
            html = getattr(route.response_class, "media_type", None) == "text/html"
            found.append(RouteInfo(tuple(sorted(route.methods - {"HEAD"})), context.path_format, params, html,
                                   tuple(sorted(declared(route.dependant)))))
    assert len(found) > 30, "the route listing found too few routes"
    return found
