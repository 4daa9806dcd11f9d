"""Safe reading of BWB law XML (2012 ``wetgeving`` and toestand format) and its text.

The 2012 files carry ``<!DOCTYPE wetgeving SYSTEM "http://…dtd">``: an external DTD reference
that is never fetched (expat via defusedxml does not load external DTDs, and external entity
references are forbidden). Any ``<!ENTITY`` declaration makes the file a ``LoaderError``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from loaders.base import LoaderError
from loaders.bwb.model import InlineRef, parse_doc
from loaders.bwb.text import normalise

ROOTS = ("wetgeving", "toestand")
INLINE = frozenset({"nadruk", "intref", "extref", "sup", "inf", "sub"})
SKIP = frozenset({"redactie", "meta-data", "kop"})
_ROOT_TAG = re.compile(rb"<(?!\?|!)([A-Za-z_][\w.-]*)")


def detect(path: Path, head: bytes) -> bool:
    """True when the first element in ``head`` is ``<wetgeving>`` or ``<toestand>``."""
    del path
    text = re.sub(rb"<!--.*?-->", b"", head, flags=re.DOTALL)
    m = _ROOT_TAG.search(text)
    return m is not None and m.group(1).decode("ascii", "replace") in ROOTS


def parse(path: Path) -> Element:
    """The root element of a BWB file; ``LoaderError`` for entities, DTD subsets or bad XML."""
    data = path.read_bytes()
    if b"<!ENTITY" in data.upper():
        line = data[: data.upper().find(b"<!ENTITY")].count(b"\n") + 1
        raise LoaderError("<!ENTITY declarations are not allowed in BWB XML", file=str(path),
                          line=line)
    try:
        root: Element = fromstring(data, forbid_dtd=False, forbid_entities=True,
                                   forbid_external=True)
    except (ParseError, DefusedXmlException) as exc:
        position = getattr(exc, "position", (None, None))
        raise LoaderError(f"not well-formed BWB XML: {exc}", file=str(path), line=position[0],
                          column=position[1]) from exc
    if root.tag not in ROOTS:
        raise LoaderError(f"root <{root.tag}> is not a BWB law (wetgeving/toestand)",
                          file=str(path))
    return root


@dataclass
class Flat:
    """Text of an element with block boundaries as spaces, plus its inline references."""

    parts: list[str]
    refs: list[InlineRef]

    def text(self) -> str:
        return normalise("".join(self.parts))


def flatten(elem: Element, *, skip_own_label: bool = False) -> tuple[str, tuple[InlineRef, ...]]:
    """Normalised text of ``elem`` (nested ``li.nr`` labels kept) and its intref/extref targets.

    ``skip_own_label`` leaves out the element's own leading ``<li.nr>`` (``a.``) but keeps the
    labels of nested sub-lists (``1°.``), which belong to the definition text.
    """
    flat = Flat([elem.text or ""], [])
    for index, child in enumerate(elem):
        if skip_own_label and index == 0 and child.tag == "li.nr":
            flat.parts.append(child.tail or "")
            continue
        _walk(child, flat)
    return flat.text(), tuple(flat.refs)


def _walk(elem: Element, flat: Flat) -> None:
    if elem.tag in SKIP:
        flat.parts.extend((" ", elem.tail or ""))
        return
    space = "" if elem.tag in INLINE else " "
    flat.parts.extend((space, elem.text or ""))
    for child in elem:
        _walk(child, flat)
    if elem.tag in ("intref", "extref"):
        bwb, art = parse_doc(elem.get("doc", ""), elem.get("bwb-id"))
        flat.refs.append(InlineRef(normalise("".join(elem.itertext())), bwb, art))
    flat.parts.extend((space, elem.tail or ""))


def element_text(elem: Element | None) -> str:
    """Whitespace-normalised text content (empty for None)."""
    return normalise("".join(elem.itertext())) if elem is not None else ""


_CITE = re.compile(
    r"^Deze wet (?:kan worden|wordt) aangehaald als:?\s*[\"“„]?(?P<t>[^\"”]+?)[\"”]?\.?$")


def own_text(elem: Element | None) -> str:
    """Text of ``elem`` without its ``<meta-data>``/``<redactie>`` children (toestand files put
    the citeertitel's metadata inside it: ``Wet langdurige zorg<meta-data>2014 494 …``)."""
    if elem is None:
        return ""
    parts = [elem.text or ""]
    for child in elem:
        if child.tag not in SKIP:
            parts.append(own_text(child))
        parts.append(child.tail or "")
    return normalise("".join(parts))


def law_title(wetgeving: Element) -> str:
    """Citeertitel: ``<citeertitel>``, ``Deze wet wordt aangehaald als: …`` or the intitule."""
    cite = own_text(wetgeving.find("citeertitel"))
    if cite:
        return cite
    for al in wetgeving.iter("al"):
        m = _CITE.match(element_text(al))
        if m and " met vermelding" not in m.group("t"):
            return m.group("t").strip()
    intitule = own_text(wetgeving.find("intitule"))
    paren = re.findall(r"\(([^()]+)\)", intitule)
    return paren[-1].strip() if paren else intitule


def iso_date(value: str | None) -> date | None:
    """``date`` of ``YYYY-MM-DD``; None for absent values and the open end ``9999-12-31``."""
    if not value or value.startswith("9999"):
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Expression:
    """One consolidated version listed in a toestand ``manifest.xml``."""

    label: str
    valid_from: date | None
    valid_to: date | None


def read_manifest(path: Path) -> dict[str, Expression]:
    """Expressions by label (``2013-01-01_1``) of a BWB ``manifest.xml``."""
    root = parse_plain(path)
    result: dict[str, Expression] = {}
    for expr in root.iter("expression"):
        label = expr.get("label", "")
        meta = expr.find("metadata")
        start = meta.findtext("datum_inwerkingtreding") if meta is not None else None
        end = meta.findtext("einddatum") if meta is not None else None
        result[label] = Expression(label, iso_date(start), iso_date(end))
    return result


def parse_plain(path: Path) -> Element:
    """Any XML file parsed safely (for manifests); ``LoaderError`` on entities or bad XML."""
    data = path.read_bytes()
    try:
        root: Element = fromstring(data, forbid_dtd=True, forbid_entities=True,
                                   forbid_external=True)
    except (ParseError, DefusedXmlException) as exc:
        raise LoaderError(f"cannot read manifest: {exc}", file=str(path)) from exc
    return root
