"""Legal sources: a law's article (lid, onderdeel) as a ``stg:WettelijkeBron``, its Juriconnect
reference and wetten.overheid.nl link, and reading such a reference back from what people paste.

The one builder of these nodes: the BWB, regelrecht and table loaders use it as proposals do
(``id/bron-wet/{bwb}[/artikel-…][/lid-…][/onderdeel-…]``), so a proposal that cites an article links
to the same node as the law's own definitions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

from graph.rdf.iris import slug, thing
from graph.rdf.namespaces import DCT, RDF, RDFS, STG
from graph.rdf.terms import Literal, NamedNode, Triple

WETTEN = "https://wetten.overheid.nl/"
_JCI = re.compile(r"^jci1\.[0-9]:c:(BWB[RV]\d{7})((?:&[a-z]+=[^&\s]+)*)$")
_URL = re.compile(r"^https?://(?:www\.)?wetten\.overheid\.nl/(.+)$")
_CONSOLIDATED = re.compile(r"^(BWB[RV]\d{7})(?:/[0-9-]+(?:/[0-9]+)?)?(?:#.*?Artikel([0-9A-Za-z:.]+))?$")


@dataclass(frozen=True)
class Provision:
    """A law (BWB id) and optionally an artikel, lid and onderdeel of it."""

    bwb: str
    artikel: str | None = None
    lid: str | None = None
    onderdeel: str | None = None

    def juriconnect(self) -> str:
        """``jci1.3:c:BWBR0005537&artikel=1:1&lid=1``."""
        ref = f"jci1.3:c:{self.bwb}"
        for name, value in (("artikel", self.artikel), ("lid", self.lid), ("onderdeel", self.onderdeel)):
            if value:
                ref += f"&{name}={value}"
        return ref

    def iri(self, base: str) -> NamedNode:
        return thing(base, "bron-wet", self.bwb + "".join(
            f"/{name}-{slug(v)}" for name, v in (("artikel", self.artikel), ("lid", self.lid),
                                                ("onderdeel", self.onderdeel)) if v))

    def label(self, title: str | None = None) -> str:
        return ", ".join([self.bwb if title is None else title] + [f"{name} {v}" for name, v in (
            ("artikel", self.artikel), ("lid", self.lid), ("onderdeel", self.onderdeel)) if v])

    def triples(self, base: str, title: str | None = None) -> list[Triple]:
        """The ``stg:WettelijkeBron`` node: label, BWB id, Juriconnect, wetten.overheid.nl link."""
        node, jci = self.iri(base), self.juriconnect()
        out = [Triple(node, RDF.type, STG.WettelijkeBron),
               Triple(node, RDFS.label, Literal(self.label(title), language="nl")),
               Triple(node, STG.bwbId, Literal(self.bwb)), Triple(node, STG.juriconnect, Literal(jci)),
               Triple(node, STG.wetUrl, NamedNode(WETTEN + quote(jci, safe=":&="))),  # "A 1": a space
               Triple(node, DCT.isPartOf, thing(base, "bron-wet", self.bwb))]
        out += [Triple(node, p, Literal(v)) for p, v in ((STG.artikel, self.artikel), (STG.onderdeel, self.onderdeel))
                if v]
        return out


def parse_reference(text: str) -> Provision | None:
    """A Juriconnect reference or a wetten.overheid.nl link as a ``Provision``; None for anything else."""
    text = unquote(text.strip())
    found = _URL.match(text)
    if found:
        text = found.group(1)
        consolidated = _CONSOLIDATED.match(text)
        if consolidated:
            return Provision(consolidated.group(1), consolidated.group(2))
    jci = _JCI.match(text)
    if jci is None:
        return None
    parts = dict(p.split("=", 1) for p in jci.group(2).split("&") if "=" in p)
    return Provision(jci.group(1), parts.get("artikel"), parts.get("lid"), parts.get("onderdeel"))
