"""Definitions from a law's text blocks, whatever the source format (BWB XML, regelrecht YAML).

A container (an artikel or a lid) is a sequence of blocks: a ``Para`` (one paragraph, BWB
``<al>``) or ``Items`` (one list, BWB ``<lijst>``, markdown ``a.``/``1°``/``–`` items); anything
else is ``Nested`` and handed back to the caller. Three shapes are recognised (see
``loaders.bwb.text`` for the sentence rules):

1. a list intro ``… wordt verstaan onder:`` followed by ``Items`` whose items read
   ``term: definitie;`` (nested 1°/2° sub-items belong to the item's text);
2. the same intro followed by sibling ``Para`` blocks ``term: definitie;`` (Kadasterwet);
3. single sentences anywhere (``Onder besluit wordt verstaan: …``), whose text may continue in
   the ``Items`` right after the paragraph (``Onder bestuursorgaan wordt verstaan:`` a./b.).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from loaders.bwb.model import InlineRef, LegalDefinition, borrowed_ref
from loaders.bwb.scope import scope_of
from loaders.bwb.terms import split_terms
from loaders.bwb.text import intro_prefix, match_sentence, sentences, split_item, strip_end


@dataclass(frozen=True)
class Context:
    """Where in the law a block sits."""

    bwb_id: str
    title: str
    artikel: str | None = None
    lid: str | None = None
    onderdeel: str | None = None
    in_item: bool = False
    headings: tuple[tuple[str, str], ...] = ()


@dataclass
class Collector:
    """Definitions found so far, and definition-list items that could not be read."""

    found: list[LegalDefinition] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Para:
    """One paragraph of normalised text and the references inside it."""

    text: str
    refs: tuple[InlineRef, ...] = ()


@dataclass(frozen=True)
class Item:
    """One list item: its label (``a``, ``1°``; None for ``–``), its text with sub-items."""

    label: str | None
    text: str
    refs: tuple[InlineRef, ...] = ()


@dataclass(frozen=True)
class Items:
    """A list; ``whole`` is its text with labels (``a. … b. …``) for a sentence that runs on."""

    items: tuple[Item, ...]
    whole: str
    refs: tuple[InlineRef, ...] = ()
    node: object = None
    """The source element, walked by the caller when the list is not a definition list."""


@dataclass(frozen=True)
class Nested:
    """A structural child (a lid, a chapter) the caller walks itself."""

    node: object


Block = Para | Items | Nested
Descend = Callable[[object, Context], None]


def items_of(items: Sequence[Item]) -> Items:
    """``Items`` with the running text made from the labels and item texts."""
    whole = " ".join(f"{it.label}. {it.text}" if it.label else f"– {it.text}" for it in items)
    refs = tuple(r for it in items for r in it.refs)
    return Items(tuple(items), whole, refs)


def scan(blocks: Sequence[Block], ctx: Context, out: Collector, descend: Descend | None = None,
         ) -> None:
    """Every definition in one container's blocks, in document order."""
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if isinstance(block, Para):
            intro = intro_prefix(block.text)
            if intro is not None:
                i = _consume_items(blocks, i + 1, ctx, intro, out)
                continue
            i += _sentences(blocks, i, block, ctx, out)
            continue
        if isinstance(block, Items) and block.node is None:
            _item_sentences(block, ctx, out)
        elif descend is not None:
            descend(block.node, ctx)
        i += 1


def _item_sentences(block: Items, ctx: Context, out: Collector) -> None:
    """``a. onder X wordt verstaan: …`` inside a list that is not a definition list."""
    for it in block.items:
        item = replace(ctx, onderdeel=it.label, in_item=True)
        _sentences([Para(it.text, it.refs)], 0, Para(it.text, it.refs), item, out)


def _consume_items(
    blocks: Sequence[Block], j: int, ctx: Context, intro: tuple[str, bool], out: Collector,
) -> int:
    """Read the items after a list intro; returns the index of the first block not consumed."""
    if j < len(blocks) and isinstance(items := blocks[j], Items):
        for it in items.items:
            item = replace(ctx, onderdeel=it.label, in_item=True)
            if not _emit_item(it.text, it.refs, item, (*intro, ""), out):
                out.skipped.append(it.text)
        return j + 1
    while j < len(blocks) and isinstance(para := blocks[j], Para):
        text, refs = para.text, para.refs
        parts = split_item(text)
        if parts is None:
            break
        follows = blocks[j + 1] if j + 1 < len(blocks) else None
        if (not parts[1] or text.endswith(":")) and isinstance(follows, Items):
            text, refs = f"{text} {follows.whole}", refs + follows.refs
            j += 1
        _emit_item(text, refs, ctx, (*intro, ""), out)
        j += 1
    return j


Intro = tuple[str, bool, str]
"""Scope prefix, extension flag and the reference taken off the term."""


def _emit_item(
    text: str, refs: tuple[InlineRef, ...], ctx: Context, intro: Intro, out: Collector,
) -> bool:
    parts = split_item(text)
    if parts is None or not strip_end(parts[1]):
        return False
    _emit(parts[0], parts[1], refs, ctx, intro, out)
    return True


def _sentences(blocks: Sequence[Block], i: int, para: Para, ctx: Context, out: Collector) -> int:
    """Definitions in the sentences of one paragraph; 2 when the following list was used."""
    used = 1
    parts = sentences(para.text)
    for n, sentence in enumerate(parts):
        m = match_sentence(sentence, in_item=ctx.in_item)
        if m is None:
            continue
        body, body_refs = m.text, para.refs
        follows = blocks[i + 1] if i + 1 < len(blocks) else None
        if (not body or body.endswith(":")) and n == len(parts) - 1 and isinstance(follows, Items):
            body, body_refs = f"{body} {follows.whole}".strip(), para.refs + follows.refs
            used = 2
        if strip_end(body):
            _emit(m.term, body, body_refs, ctx, (m.prefix, m.extension, m.qualifier), out)
    return used


def _emit(
    term: str, body: str, refs: tuple[InlineRef, ...], ctx: Context, intro: Intro, out: Collector,
) -> None:
    if ctx.artikel is None:
        return
    prefix, extension, qualifier = intro
    text = strip_end(body)
    scope, scope_ref = scope_of(prefix, ctx.artikel, ctx.lid, ctx.headings, qualifier)
    for word, bare in split_terms(term, text):
        out.found.append(LegalDefinition(
            term=bare, article_word=word, text=text, bwb_id=ctx.bwb_id, law_title=ctx.title,
            artikel=ctx.artikel, onderdeel=ctx.onderdeel, lid=ctx.lid, scope=scope,
            scope_ref=scope_ref, kind="uitbreiding" if extension else "definitie",
            borrowed=borrowed_ref(text, refs, own_bwb=ctx.bwb_id, own_title=ctx.title),
        ))
