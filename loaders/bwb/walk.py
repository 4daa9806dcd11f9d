"""Walk a BWB ``<wetgeving>`` tree: each container's ``<al>``/``<lijst>`` children become text
blocks for ``loaders.bwb.extract.scan``; structural children (leden, chapters) are walked."""

from __future__ import annotations

import re
from dataclasses import replace
from xml.etree.ElementTree import Element

from loaders.bwb.extract import Block, Collector, Context, Item, Items, Nested, Para, scan
from loaders.bwb.parse import element_text, flatten
from loaders.bwb.text import normalise

STRUCTURE = frozenset({"boek", "deel", "hoofdstuk", "titeldeel", "afdeling", "paragraaf",
                       "sub-paragraaf", "subparagraaf"})
_NOT_CONTENT = frozenset({"kop", "redactie", "li.nr", "lidnr", "meta-data", "intitule",
                          "citeertitel", "aanhef", "wetsluiting", "table"})
_LABEL_OK = re.compile(r"^[\w°]{1,6}$")


def collect(wetgeving: Element, bwb_id: str, title: str) -> Collector:
    """All definitions in a ``<wetgeving>`` element, in document order."""
    out = Collector()
    _walk(wetgeving, Context(bwb_id, title), out)
    return out


def _enter(elem: Element, ctx: Context) -> Context:
    kop = elem.find("kop")
    if elem.tag == "artikel":
        nr = element_text(kop.find("nr")) if kop is not None else ""
        return replace(ctx, artikel=nr or None, lid=None, onderdeel=None, in_item=False)
    if elem.tag == "lid":
        return replace(ctx, lid=element_text(elem.find("lidnr")) or None)
    if elem.tag == "li":
        return replace(ctx, onderdeel=_label(elem), in_item=True)
    if elem.tag in STRUCTURE and kop is not None:
        heading = normalise(" ".join(element_text(kop.find(t)) for t in ("label", "nr", "titel")))
        return replace(ctx, headings=(*ctx.headings, (elem.tag, heading)))
    return ctx


def _label(li: Element) -> str | None:
    label = element_text(li.find("li.nr")).rstrip(".").strip()
    return label if _LABEL_OK.match(label) else None


def blocks(elem: Element) -> list[Block]:
    """The children of ``elem`` as text blocks (``<al>``, ``<lijst>``) or nested elements."""
    result: list[Block] = []
    for child in elem:
        if child.tag == "al":
            result.append(Para(*flatten(child)))
        elif child.tag == "lijst":
            whole, refs = flatten(child)
            items = tuple(Item(_label(li), *flatten(li, skip_own_label=True))
                          for li in child.findall("li"))
            result.append(Items(items, whole, refs, node=child))
        elif child.tag not in _NOT_CONTENT:
            result.append(Nested(child))
    return result


def _walk(elem: Element, ctx: Context, out: Collector) -> None:
    ctx = _enter(elem, ctx)

    def descend(node: object, inner: Context) -> None:
        if isinstance(node, Element):
            _walk(node, inner, out)

    scan(blocks(elem), ctx, out, descend)
