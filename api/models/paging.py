"""One envelope for every list: ``total``, ``limit``, ``offset``, ``items`` and HAL-style
``_links`` (``self``, ``first``, ``last`` always; ``prev`` and ``next`` when there is one).

Links are relative (path and query), keep the request's other query parameters and set
``limit`` and ``offset``. A list that is not paged is one page: ``limit`` is the total,
``offset`` 0, and every link is the request itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, Self, TypeVar
from urllib.parse import urlencode

from fastapi import Request
from pydantic import Field

from api.models.base import ApiModel, absent_when_none

T = TypeVar("T")


class Link(ApiModel):
    href: str = Field(description="relatieve URL (pad en query)")


class PageLinks(ApiModel):
    self_: Link = Field(alias="self")
    first: Link
    prev: Link | None = absent_when_none(description="alleen als er een vorige pagina is")
    next: Link | None = absent_when_none(description="alleen als er een volgende pagina is")
    last: Link


def page_links(request: Request, total: int, limit: int | None, offset: int) -> PageLinks:
    """The links of the page at ``offset`` (``limit`` None: the list is not paged)."""
    if limit is None:
        here = Link(href=_href(request, {}))
        return PageLinks.model_validate({"self": here, "first": here, "last": here})

    def at(start: int) -> Link:
        return Link(href=_href(request, {"limit": str(limit), "offset": str(start)}))

    last = max(0, (total - 1) // limit * limit)
    return PageLinks.model_validate({
        "self": at(offset), "first": at(0), "last": at(last),
        "prev": at(max(0, offset - limit)) if offset > 0 else None,
        "next": at(offset + limit) if offset + limit < total else None})


def _href(request: Request, replaced: dict[str, str]) -> str:
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in replaced]
    params += list(replaced.items())
    return request.url.path + (f"?{urlencode(params)}" if params else "")


class Page(ApiModel, Generic[T]):
    """A page of a list (the whole list when it is not paged). Each list names its own subclass
    (``ConflictPage(Page[Conflict])``): a schema name in UpperCamelCase."""

    total: int = Field(description="aantal in de hele lijst")
    limit: int = Field(description="hoogstens zoveel per pagina")
    offset: int = Field(description="aantal overgeslagen")
    items: list[T]
    links: PageLinks = Field(alias="_links")

    @classmethod
    def page(cls, request: Request, items: Sequence[Any], *, total: int, limit: int, offset: int,
             **extra: Any) -> Self:
        """One page of a paged list; ``extra`` are the fields a subclass adds."""
        return cls.model_validate({"total": total, "limit": limit, "offset": offset, "items": list(items),
                                   "_links": page_links(request, total, limit, offset), **extra})

    @classmethod
    def whole(cls, request: Request, items: Sequence[Any], **extra: Any) -> Self:
        """A list that is not paged, as one page."""
        return cls.model_validate({"total": len(items), "limit": len(items), "offset": 0, "items": list(items),
                                   "_links": page_links(request, len(items), None, 0), **extra})
