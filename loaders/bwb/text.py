"""Pure text rules for Dutch legal definitions (begripsbepalingen) in BWB law text.

No XML here: these functions take normalised strings and recognise the drafting patterns of
the *Aanwijzingen voor de regelgeving*:

* a list intro ``In deze wet … wordt verstaan onder:`` followed by ``term: definitie;`` items;
* a single sentence ``In deze wet wordt verstaan onder overtreding: een gedraging …``;
* ``Onder bestuursorgaan wordt verstaan: …`` (Awb style, one per sentence);
* ``Voor de toepassing van dit artikel wordt onder landbouwbedrijf verstaan een bedrijf …``;
* ``wordt onder … mede verstaan`` is an *uitbreiding* (extension) of an existing term,
  ``… niet verstaan`` an exclusion (not a definition, skipped).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_TERM_CHARS = 110
MAX_TERM_WORDS = 12
ARTICLE_WORDS = ("de", "het", "een")

_WS = re.compile(r"\s+")
_QUOTES = "«»„”“\"'‘’"
_MOD = (r"(?:(?P<mod>mede|tevens|ook|eveneens|uitsluitend|slechts|niet|in ieder geval|"
        r"in elk geval)\s+)?")
_EXTENSION = ("mede", "tevens", "ook", "eveneens", "in ieder geval", "in elk geval")
_TAIL = r"\s*:?\s*(?P<text>.*)$"
_WORDT = r"(?:wordt|worden),?\s+"
_SUBJECT = r"(?:\s+(?P<subj>deze wet|dit besluit|deze regeling|de belastingwet))?"

LIST_INTRO = re.compile(r"^(?P<pre>.*?)\bversta(?:an|at)" + _SUBJECT + r"\s+onder\s*:\s*$",
                        re.IGNORECASE | re.DOTALL)
"""``… wordt (mede) verstaan onder:`` — or ``Deze wet / De belastingwet verstaat onder:`` (AWR,
Invorderingswet 1990), ``… verstaat deze wet onder:`` — at the end of a paragraph: items follow."""

_VERSTAAN_ONDER = re.compile(
    r"^(?P<pre>.*?)\b(?:" + _WORDT + r"(?P<mid>(?:in|voor|bij)\s+[^:;]*?\s+)?" + _MOD
    + r"verstaan|verstaat" + _SUBJECT + r")\s+onder\s+"
    r"(?P<term>[^:]{1,160}?)\s*(?::|(?<=[»”\"]),)\s*(?P<text>.*)$",
    re.DOTALL,
)
_ONDER_FIRST = re.compile(
    r"^(?P<pre>(?:Voorts|voorts)?\s*)[Oo]nder\s+(?P<term>[^:;]+?)\s*,?\s+(?:wordt|worden)\s+"
    r"(?P<mid>(?:(?:in|voor|bij)\s[^:;]*?\s)?)" + _MOD + r"verstaan\b" + _TAIL,
    re.DOTALL,
)
_ONDER_MIDDLE = re.compile(
    r"^(?P<pre>.*?)\b" + _WORDT + r"(?P<mid>(?:[^:;]*?\s)?)onder\s+(?P<term>[^:;]+?)\s+"
    + _MOD + r"verstaan\b" + _TAIL,
    re.DOTALL,
)
_GESPROKEN = re.compile(
    r"^(?P<pre>(?:[Ww]aar|[Ww]anneer|[Ii]ndien|[Vv]oor\s?zover)\s+.*?)\s*(?:wordt|worden)\s+"
    r"gesproken\s+(?:van|over)\s+(?P<term>[^,;:]+?)\s*,\s*" + _WORDT + r"daaronder\s+"
    + _MOD + r"verstaan\b" + _TAIL,
    re.DOTALL,
)
"""``Waar in deze wet wordt gesproken van bedrijf, wordt daaronder mede verstaan: …``."""
_ONDER_SUB = re.compile(
    r"^(?P<pre>.*?(?:,|\bdat)\s+(?:[^:;,]*?\s)??)onder\s+(?P<term>[^:;,]+?)\s+" + _MOD
    + r"(?:wordt|worden)\s+verstaan\b" + _TAIL,
    re.DOTALL,
)
"""Subordinate word order mid-sentence: ``…, met dien verstande dat … onder betrokkene mede wordt
verstaan degene die …``."""
_ITEM_ONDER = re.compile(r"^(?P<pre>(?:[^:;]*?,\s+)??)onder\s+(?P<term>[^:;]+?)\s+" + _MOD
                         + r"verstaan\b" + _TAIL, re.DOTALL)

_TERM_TAIL = re.compile(
    r"(?P<q>\s*,?\s+(?:als\s+)?bedoeld\s+in\b.*|\s+in\s+(?:de\s+)?artikel(?:en)?\s.*"
    r"|\s*,\s*(?:niet\s+zijnde|met\s+uitzondering\s+van)\b.*"
    r"|\s+(?:in|voor)\s+(?:dit|deze)\s+(?:artikel|lid|wet|hoofdstuk|afdeling|paragraaf|titel)\b.*)$",
    re.DOTALL,
)
_TERM_LEAD = re.compile(
    r"^(?P<art>(?:de|het|een)\s+)?(?P<q>(?:in|bij)\s+(?:het|de|dit|deze)\s+[^,]*?\s+"
    r"(?:bedoelde|genoemde|vermelde|omschreven))\s+(?P<rest>.+)$", re.DOTALL,
)
"""``de in het derde lid genoemde gewezen verzekerde``: the reference is not part of the term."""
_BAD_TERM = re.compile(
    r"\b(?:wordt|worden|verstaan|hetgeen|daaronder|kan|kunnen|zijn|is|bedoelde)\b|[;:()\[\]]|^\W|\d°"
)
LIST_LABEL = re.compile(r"^(?:[a-z]{1,2}\d?|\d+[a-z]?|[ivxl]+|\d+°)\.?$")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]”»])\.\s+(?=[A-Z])")
_ABBREVIATIONS = ("art", "nr", "Stb", "Stcrt", "jo", "o.a", "bijv", "lid", "enz", "e.d")


@dataclass(frozen=True)
class SentenceMatch:
    """A definition found in one sentence."""

    term: str
    text: str
    prefix: str
    """The part naming the scope (``In deze wet``, ``Voor de toepassing van dit artikel``)."""
    extension: bool
    qualifier: str = ""
    """A reference taken off the term (``als bedoeld in het eerste lid``), for the scope."""


def normalise(text: str) -> str:
    """Collapse whitespace (the 2012 files keep hard line breaks inside ``<al>``)."""
    return _WS.sub(" ", text).strip()


def strip_end(text: str) -> str:
    """Definition text without trailing ``;``/``.``/``,``/ ``, en``/``, of``."""
    text = normalise(text)
    text = re.sub(r"(?:[;,]\s*(?:en|of)|\s+(?:en|of))$", "", text)
    return text.rstrip(" ;.,:")


def sentences(text: str) -> list[str]:
    """Split an ``<al>`` into sentences, keeping abbreviations such as ``art.`` intact."""
    parts: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        before = text[start:m.start()].rsplit(" ", 1)[-1]
        if before in _ABBREVIATIONS:
            continue
        parts.append(text[start:m.start() + 1])
        start = m.end()
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def term_parts(raw: str) -> tuple[str, str] | None:
    """The term as written and the reference taken off it (``als bedoeld in …``, ``de in het
    eerste lid bedoelde …``, ``… in dit artikel``); None when not a term."""
    term = normalise(raw).strip(_QUOTES + " ,")
    qualifier = ""
    if (tail := _TERM_TAIL.search(term)) is not None:
        qualifier, term = tail.group("q").strip(" ,"), term[:tail.start()]
    if (lead := _TERM_LEAD.match(term)) is not None:
        qualifier, term = lead.group("q"), (lead.group("art") or "") + lead.group("rest")
    term = term.strip(_QUOTES + " ,")
    if not term or len(term) > MAX_TERM_CHARS or len(term.split()) > MAX_TERM_WORDS:
        return None
    if LIST_LABEL.match(term) or _BAD_TERM.search(term):
        return None
    return term, qualifier


def clean_term(raw: str) -> str | None:
    """The term as written, without quotes and ``als bedoeld in …`` tails; None when not a term."""
    parts = term_parts(raw)
    return parts[0] if parts else None


def split_article(term: str) -> tuple[str | None, str]:
    """``("de", "richtlijn")`` for ``de richtlijn``; the article is kept apart from the term."""
    first, _, rest = term.partition(" ")
    if first in ARTICLE_WORDS and rest:
        return first, rest
    return None, term


def norm_term(term: str) -> str:
    """Lower case, diacritics folded, whitespace collapsed: the key for comparing terms."""
    folded = unicodedata.normalize("NFKD", term)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return normalise(folded.lower())


def split_item(text: str) -> tuple[str, str] | None:
    """``term: definitie`` of a list item (or sibling ``<al>``) into its two parts."""
    head, sep, rest = text.lstrip("–—-•· ").partition(":")
    if not sep:
        return None
    term = clean_term(head)
    if term is None:
        return None
    return term, rest.strip()


_VERB_LAST = re.compile(r"^(?P<term>(?:(?:de|het|een)\s+)?\S+(?:\s+(?!(?:de|het|een)\s)\S+)*?)"
                        r"\s+(?P<text>(?:de|het|een|alle|elke|iedere)\s+.+)$", re.DOTALL)


def _verb_last(term: str) -> tuple[str, str] | None:
    """``onder woonadres het nieuwe woonadres verstaan``: term and text before the verb."""
    m = _VERB_LAST.match(term)
    return (m.group("term"), m.group("text")) if m else None


def _patterns(in_item: bool) -> list[re.Pattern[str]]:
    patterns = [_GESPROKEN, _VERSTAAN_ONDER, _ONDER_FIRST, _ONDER_MIDDLE, _ONDER_SUB]
    return [*patterns, _ITEM_ONDER] if in_item else patterns


def _found(m: re.Match[str]) -> SentenceMatch | None:
    raw, text = m.group("term"), m.group("text").strip()
    groups = m.groupdict()
    verb_last = not text.strip(" .;,") and not m.group(0).rstrip().endswith(":")
    if m.re is not _VERSTAAN_ONDER and verb_last and (split := _verb_last(raw)):
        raw, text = split
    if m.re is _ONDER_SUB and (not text.strip(" .;,") or m.group("pre").rstrip().endswith("hetgeen")):
        return None
    parts = term_parts(raw)
    if parts is None:
        return None
    pre = groups.get("pre") or ""
    if m.re is _ONDER_SUB:  # the scope words are in the clause that holds the definition
        pre = re.split(r"\bdat\s+", pre)[-1] if re.search(r"\bdat\s", pre) else pre.rsplit(", ", 1)[-1]
    pieces = (pre, groups.get("subj"), groups.get("mid"))
    prefix = normalise(" ".join(p for p in pieces if p))
    return SentenceMatch(parts[0], text, prefix, groups.get("mod") in _EXTENSION, parts[1])


def match_sentence(sentence: str, *, in_item: bool = False) -> SentenceMatch | None:
    """The definition in one sentence, or None (also for ``niet verstaan`` exclusions)."""
    if "verstaan" not in sentence and "verstaat" not in sentence:
        return None
    for pattern in _patterns(in_item):
        m = pattern.match(sentence)
        if m is None:
            continue
        if m.group("mod") == "niet":
            return None
        found = _found(m)
        if found is not None:
            return found
    return None


def intro_prefix(text: str) -> tuple[str, bool] | None:
    """For a list intro ``… wordt (mede) verstaan onder:``: its scope prefix and extension flag."""
    m = LIST_INTRO.match(text)
    if m is None:
        return None
    pre = normalise(f"{m.group('pre')} {m.group('subj') or ''}")
    extension = bool(re.search(r"\b(?:mede|tevens|ook)\s*$", pre))
    return normalise(re.sub(r"\b(?:wordt|worden)?,?\s*(?:mede|tevens|ook)?\s*$", "", pre)), extension
