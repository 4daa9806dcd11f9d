"""Articles of a regelrecht YAML law as text blocks for the BWB definition extractor.

Two layouts occur. In ``corpus/`` each YAML article is a whole artikel (``number`` = the artikel,
``text`` its markdown with leden and lists inline). In ``historical/`` each node is one lid, one
onderdeel or one sub-onderdeel: ``number`` is the artikel (taken from the ``url`` fragment
``#Artikel1:1``) plus ``.{lid}``, ``.{letter}``, ``.{n}°`` parts (``1:1.1.a`` = artikel 1:1,
lid 1, onderdeel a). Both become the same events (``loaders.regelrecht.markdown``), grouped per
artikel, then per lid into ``Para``/``Items`` blocks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import unquote

from loaders.bwb.extract import Block, Collector, Context, Item, Para, items_of, scan
from loaders.bwb.model import InlineRef
from loaders.regelrecht.markdown import Event, Tokenizer, paragraphs, plain

_FRAGMENT = re.compile(r"#Artikel(?P<nr>[^#?&\s]+)$")
_NUMBER = re.compile(r"^(?:[A-Za-z]{1,3}\s?)?\d")


@dataclass(frozen=True)
class Article:
    """One artikel: its number, its structure events and the links in its text."""

    number: str
    events: tuple[Event, ...]
    refs: tuple[InlineRef, ...]


def artikel_of(node: Mapping[str, Any]) -> str | None:
    """The artikel a YAML node belongs to: the url fragment, else its number."""
    m = _FRAGMENT.search(str(node.get("url") or ""))
    if m:
        return unquote(m.group("nr"))
    number = str(node.get("number") or "")
    return number if _NUMBER.match(number) else None  # not ``aanhef``, ``considerans``


def _suffix_events(suffix: str, tok: Tokenizer) -> tuple[str, str | None]:
    """Structure events for a historical node's number suffix; the kind of its own text."""
    parts = [p for p in suffix.split(".") if p]
    if not parts:
        return "para", None
    first = parts[0]
    if first.isdigit():
        if str(tok.lid) != first:
            tok.out.append(("lid", first, ""))
            tok.lid = int(first)
        parts = parts[1:]
        if not parts:
            return "para", None
    if len(parts) == 1 and not parts[0][0].isdigit():
        return "item", None if parts[0] in "–—-" else parts[0]
    label = parts[-1] if parts[-1][0].isdigit() else None
    return "sub", (label if label is None or label.endswith("°") else label + "°")


def articles(nodes: Sequence[Mapping[str, Any]]) -> Iterator[Article]:
    """The artikelen of a law in order (consecutive nodes of one artikel joined)."""
    current: str | None = None
    tok = Tokenizer()
    refs: list[InlineRef] = []
    for node in nodes:
        artikel = artikel_of(node)
        if artikel is None:
            continue
        if artikel != current:
            if current is not None:
                yield Article(current, tuple(tok.out), tuple(refs))
            current, tok, refs = artikel, Tokenizer(), []
        text, found = plain(str(node.get("text") or ""))
        refs.extend(found)
        _feed(tok, artikel, str(node.get("number") or ""), text)
    if current is not None:
        yield Article(current, tuple(tok.out), tuple(refs))


def _feed(tok: Tokenizer, artikel: str, number: str, text: str) -> None:
    paras = paragraphs(text)
    if paras and (m := re.match(r"\s*Artikel\s+" + re.escape(artikel) + r"\.?\s+", paras[0])):
        paras[0] = paras[0][m.end():]  # the heading "Artikel 1.1" the harvest put in the text
    kind, label = "para", None
    if number != artikel and number.startswith(artikel):
        kind, label = _suffix_events(number[len(artikel):], tok)
        tok.allow_lid = False
    for n, para in enumerate(paras):
        if n == 0:
            tok.feed(para, kind, label)
        else:
            tok.feed(para)
    tok.allow_lid = True
    if not paras and kind in ("item", "sub"):
        tok.out.append((kind, label, ""))


def _refs_in(text: str, refs: tuple[InlineRef, ...]) -> tuple[InlineRef, ...]:
    return tuple(r for r in refs if r.text and r.text in text)


@dataclass
class _Assembler:
    """Events into ``(lid, blocks)``: items gathered into one ``Items``, sub-items into their item."""

    refs: tuple[InlineRef, ...]
    result: list[tuple[str | None, list[Block]]] = field(default_factory=lambda: [(None, [])])
    items: list[Item] = field(default_factory=list)
    label: str | None = None
    level: str = ""
    parts: list[str] = field(default_factory=list)

    def add(self, kind: str, label: str | None, text: str) -> None:
        if kind == "lid":
            self.close()
            self.result.append((label, []))
        elif kind == "para":
            self.close()
            self.result[-1][1].append(Para(text, _refs_in(text, self.refs)))
        elif self._nested(kind, label):
            self.parts.append(f"{label}. {text}" if label else text)
        else:
            self._close_item()
            self.label, self.level, self.parts = label, kind, [text]

    def _nested(self, kind: str, label: str | None) -> bool:
        """A sub-item of the open item: ``1°`` under an item, or ``a.``/``b.`` under a dash item
        (``– rechthebbende: degene die …: a. …, of b. …``)."""
        if self.level != "item":
            return False
        return kind == "sub" or (kind == "item" and label is not None and self.label is None)

    def _close_item(self) -> None:
        if self.level:
            text = " ".join(p for p in self.parts if p)
            self.items.append(Item(self.label, text, _refs_in(text, self.refs)))
        self.label, self.level, self.parts = None, "", []

    def close(self) -> None:
        self._close_item()
        if self.items:
            self.result[-1][1].append(items_of(self.items))
            self.items = []


def leden(article: Article) -> list[tuple[str | None, list[Block]]]:
    """``(lid, blocks)`` per lid (None before the first lid number)."""
    assembler = _Assembler(article.refs)
    for event in article.events:
        assembler.add(*event)
    assembler.close()
    return [(lid, blocks) for lid, blocks in assembler.result if blocks]


def collect(nodes: Sequence[Mapping[str, Any]], bwb_id: str, title: str) -> Collector:
    """All definitions in the articles of one regelrecht law file."""
    out = Collector()
    base = Context(bwb_id, title)
    for article in articles(nodes):
        for lid, blocks in leden(article):
            scan(blocks, replace(base, artikel=article.number, lid=lid), out)
    return out
