"""Content negotiation: parse Accept headers and pick representations."""

from __future__ import annotations

RDF_MEDIA = {
    "text/turtle": "turtle",
    "application/ld+json": "jsonld",
    "application/n-triples": "ntriples",
    "application/rdf+xml": "rdfxml",
}


def accepted(header: str | None) -> list[str]:
    """Media types of an Accept header, best first (q-values honoured, stable order)."""
    if not header:
        return ["*/*"]
    items = []
    for index, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            items.append((-q, index, media))
    return [media for _, _, media in sorted(items)] or ["*/*"]


def pick(header: str | None, offered: list[str]) -> str | None:
    """The first offered media type the client accepts (``offered[0]`` for */*)."""
    for media in accepted(header):
        if media in offered:
            return media
        if media == "*/*":
            return offered[0]
        if media.endswith("/*") and (hit := next((o for o in offered if o.startswith(media[:-1])), None)):
            return hit
    return None
