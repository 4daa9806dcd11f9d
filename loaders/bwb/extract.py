"""Walk a BWB ``<wetgeving>`` tree and collect its begripsbepalingen.

Three shapes are recognised (see ``loaders.bwb.text`` for the sentence rules):

1. a list intro ``<al>… wordt verstaan onder:</al>`` followed by a ``<lijst>`` whose items read
   ``term: definitie;`` (nested 1°/2° sub-lists belong to the item's text);
2. the same intro followed by sibling ``<al>term: definitie;</al>`` elements (Kadasterwet);
3. single sentences anywhere (``Onder besluit wordt verstaan: …``), whose text may continue in
   a ``<lijst>`` right after the ``<al>`` (``Onder bestuursorgaan wordt verstaan:`` a./b.).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from xml.etree.ElementTree import Element

from loaders.bwb.model import InlineRef, LegalDefinition, borrowed_ref
from loaders.bwb.parse import element_text, flatten
from loaders.bwb.text import (
    intro_prefix,
    match_sentence,
    normalise,
    sentences,
    split_article,
    split_item,
    strip_end,
)

STRUCTURE = frozenset({"boek", "deel", "hoofdstuk", "titeldeel", "afdeling", "paragraaf",
                       "sub-paragraaf", "subparagraaf"})
_NOT_CONTENT = frozenset({"kop", "redactie", "li.nr", "lidnr", "meta-data", "intitule",
                          "citeertitel", "aanhef", "wetsluiting", "table"})
_LABEL_OK = re.compile(r"^[\w°]{1,6}$")
_SCOPE_WORDS = (("dit hoofdstuk", "hoofdstuk"), ("deze afdeling", "afdeling"),
                ("deze paragraaf", "paragraaf"), ("deze titel", "titeldeel"),
                ("dit deel", "deel"), ("deze subparagraaf", "sub-paragraaf"))


@dataclass(frozen=True)
class Context:
    """Where in the law a node sits."""

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


def _walk(elem: Element, ctx: Context, out: Collector) -> None:
    ctx = _enter(elem, ctx)
    children = list(elem)
    i = 0
    while i < len(children):
        child = children[i]
        if child.tag == "al":
            text, refs = flatten(child)
            intro = intro_prefix(text)
            if intro is not None:
                i = _consume_items(children, i + 1, ctx, intro, out)
                continue
            i += _sentences(children, i, text, refs, ctx, out)
            continue
        if child.tag not in _NOT_CONTENT:
            _walk(child, ctx, out)
        i += 1


def _consume_items(
    children: list[Element], j: int, ctx: Context, intro: tuple[str, bool], out: Collector,
) -> int:
    """Read the items after a list intro; returns the index of the first sibling not consumed."""
    prefix, extension = intro
    if j < len(children) and children[j].tag == "lijst":
        for li in children[j].findall("li"):
            text, refs = flatten(li, skip_own_label=True)
            item = replace(ctx, onderdeel=_label(li), in_item=True)
            if not _emit_item(text, refs, item, prefix, extension, out):
                out.skipped.append(text)
        return j + 1
    while j < len(children) and children[j].tag == "al":
        text, refs = flatten(children[j])
        parts = split_item(text)
        if parts is None:
            break
        follows = j + 1 < len(children) and children[j + 1].tag == "lijst"
        if (not parts[1] or text.endswith(":")) and follows:
            more, more_refs = flatten(children[j + 1])
            text, refs = f"{text} {more}", refs + more_refs
            j += 1
        _emit_item(text, refs, ctx, prefix, extension, out)
        j += 1
    return j


def _emit_item(
    text: str, refs: tuple[InlineRef, ...], ctx: Context, prefix: str, extension: bool,
    out: Collector,
) -> bool:
    parts = split_item(text)
    if parts is None or not strip_end(parts[1]):
        return False
    _emit(parts[0], parts[1], refs, ctx, prefix, extension, out)
    return True


def _sentences(
    children: list[Element], i: int, text: str, refs: tuple[InlineRef, ...], ctx: Context,
    out: Collector,
) -> int:
    """Definitions in the sentences of one ``<al>``; 2 when the following ``<lijst>`` was used."""
    used = 1
    parts = sentences(text)
    for n, sentence in enumerate(parts):
        m = match_sentence(sentence, in_item=ctx.in_item)
        if m is None:
            continue
        body, body_refs = m.text, refs
        last = n == len(parts) - 1
        follows = i + 1 < len(children) and children[i + 1].tag == "lijst"
        if (not body or body.endswith(":")) and last and follows:
            listed, more = flatten(children[i + 1])
            body, body_refs = f"{body} {listed}".strip(), refs + more
            used = 2
        if strip_end(body):
            _emit(m.term, body, body_refs, ctx, m.prefix, m.extension, out)
    return used


def _emit(
    term: str, body: str, refs: tuple[InlineRef, ...], ctx: Context, prefix: str,
    extension: bool, out: Collector,
) -> None:
    if ctx.artikel is None:
        return
    word, bare = split_article(term)
    text = strip_end(body)
    out.found.append(LegalDefinition(
        term=bare, article_word=word, text=text, bwb_id=ctx.bwb_id, law_title=ctx.title,
        artikel=ctx.artikel, onderdeel=ctx.onderdeel, lid=ctx.lid, scope=scope(prefix, ctx),
        kind="uitbreiding" if extension else "definitie",
        borrowed=borrowed_ref(text, refs, own_bwb=ctx.bwb_id, own_title=ctx.title),
    ))


def scope(prefix: str, ctx: Context) -> str:
    """``wet``, the heading of the chapter/section, ``artikel N`` or ``artikel N (phrase)``."""
    p = prefix.lower()
    for words, kind in _SCOPE_WORDS:
        if words in p:
            heading = next((h for k, h in reversed(ctx.headings) if k == kind), None)
            innermost = ctx.headings[-1][1] if ctx.headings else words.split(" ", 1)[1]
            return heading or innermost
    if "dit artikel" in p:
        return f"artikel {ctx.artikel}"
    if p.strip(" ,").endswith("dit lid"):
        return f"artikel {ctx.artikel}, lid {ctx.lid}" if ctx.lid else f"artikel {ctx.artikel}"
    if "deze wet" in p or not p.strip(" ,").removeprefix("voorts"):
        return "wet"
    if p.strip(" ,") == "de belastingwet":  # AWR art. 2(3): every belastingwet (AWR art. 2(1)(a))
        return "belastingwet"
    phrase = p.strip(" ,")
    for lead in ("in ", "voor de toepassing van ", "bij de toepassing van ", "bij toepassing van "):
        phrase = phrase.removeprefix(lead)
    return f"artikel {ctx.artikel} ({phrase.strip(' ,')})"
