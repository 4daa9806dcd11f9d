"""Markdown article text of the regelrecht corpus as a flat stream of structure events.

The harvested texts come in several shapes: one item per paragraph (``a. *term:* def;``), a
whole article in one run (``… verstaan onder: a. blijvend: …; b. …: 1°. …; 2°. …``, Wlz), dash
items (``– ADL-woning: …; – begeleiding: …``), leden as ``1. …`` paragraphs or inline
(``… oplegt. 2 Artikel 51 …``), links ``[text](jci1.3:c:BWBR…&artikel=1)`` and reference
links ``[text][ref1]`` with ``[ref1]: https://wetten.overheid.nl/BWBR…#Artikel5`` below.

``events(text)`` yields ``("lid", nr, "")``, ``("para", None, text)``, ``("item", label, text)``
(label None for a dash) and ``("sub", "1°", text)``; a label is only taken where Dutch drafting
puts one (at the start, after ``:``/``;``, after ``, of``/``, en``), a lid number only when it is
the next lid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders.bwb import InlineRef
from loaders.bwb.text import normalise

_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
_REF_LINK = re.compile(r"\[([^\]]*)\]\[([^\]]+)\]")
_REF_DEF = re.compile(r"^\s*\[([^\]]+)\]:\s*(\S+)\s*$", re.MULTILINE)
_BWB = re.compile(r"(BWB[RV]\d{7})")
_ARTIKEL = re.compile(r"(?:[&?]artikel=|#Artikel)([^&#\s]+)")
_SPACE_PUNCT = re.compile(r"\s+([;,:])|\s+\.(?=\s|$)")
_DASH_BEFORE_SUB = re.compile(r"(?:[-–—]\s+)+(?=\d+°)")
_LABEL = re.compile(r"(?<!\S)(\d+°\.?|[a-z]{1,2}\d?\.|\d+[a-z]?\.?|[–—-])(?=\s)")
_AFTER = re.compile(r"(?:^|[:;]|[:;,]\s+(?:en|of))$")
_LID_AFTER = re.compile(r"(?:^|[.:;])$")
Event = tuple[str, str | None, str]


def _target(url: str) -> tuple[str | None, str | None]:
    bwb = m.group(1) if (m := _BWB.search(url)) else None
    artikel = m2.group(1) if (m2 := _ARTIKEL.search(url)) else None
    return bwb, artikel


def plain(markdown: str) -> tuple[str, tuple[InlineRef, ...]]:
    """The text without markdown (paragraph breaks kept as blank lines) and its links."""
    defs = {key: url for key, url in _REF_DEF.findall(markdown)}
    refs: list[InlineRef] = []

    def link(text: str, url: str) -> str:
        bwb, artikel = _target(url)
        text = normalise(text)
        if bwb:
            refs.append(InlineRef(text, bwb, artikel))
        return text

    text = _REF_DEF.sub("", markdown)
    text = _LINK.sub(lambda m: link(m.group(1), m.group(2)), text)
    text = _REF_LINK.sub(lambda m: link(m.group(1), defs.get(m.group(2), "")), text)
    return text.replace("*", ""), tuple(refs)


def paragraphs(text: str) -> list[str]:
    """Paragraphs (blank-line separated), whitespace collapsed, `` ;`` glued back."""
    result = []
    for block in re.split(r"\n\s*\n", text):
        para = _DASH_BEFORE_SUB.sub("", _SPACE_PUNCT.sub(lambda m: m.group(1) or ".", normalise(block)))
        if para:
            result.append(para)
    return result


@dataclass
class Tokenizer:
    """Splits paragraphs into events; remembers the last lid number across paragraphs."""

    allow_lid: bool = True
    lid: int = 0
    out: list[Event] = field(default_factory=list)

    def feed(self, para: str, first: str = "para", first_label: str | None = None) -> None:
        kind, label, start = first, first_label, 0
        for m in _LABEL.finditer(para):
            found = self._marker(para, m)
            if found is None:
                continue
            self._push(kind, label, para[start:m.start()])
            kind, label, start = (*found, m.end())
        self._push(kind, label, para[start:])

    def _marker(self, para: str, m: re.Match[str]) -> tuple[str, str | None] | None:
        raw = m.group(1)
        before = para[:m.start()].rstrip()
        if raw[0].isdigit() and "°" not in raw:
            return self._lid_marker(raw, before, para[m.end():].lstrip()[:1])
        if not _AFTER.search(before):
            return None
        if "°" in raw:
            return "sub", raw.rstrip(".")
        if raw in "–—-":
            return "item", None
        return "item", raw.rstrip(".")

    def _lid_marker(self, raw: str, before: str, nxt: str) -> tuple[str, str | None] | None:
        number = raw.rstrip(".")
        if not (self.allow_lid and number.isdigit() and int(number) == self.lid + 1):
            return None
        heading = self.lid == 0 and len(before.split()) <= 6 and not re.search(r"[:;,]", before)
        if not ((_LID_AFTER.search(before) or heading) and (nxt.isupper() or nxt in "[(")):
            return None
        self.lid += 1
        return "lid", number

    def _push(self, kind: str, label: str | None, text: str) -> None:
        text = text.strip()
        if kind == "lid":
            self.out.append(("lid", label, ""))
            kind, label = "para", None
        if text or kind in ("item", "sub"):
            self.out.append((kind, label, text))
