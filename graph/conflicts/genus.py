"""The genus of a Dutch legal definition: the kind of thing it says the term is.

A definition "per genus et differentiam" names a kind first and narrows it after: in
"verzameling gegevens waarvan bij wet is bepaald …" the genus is "verzameling gegevens", in
"een in de basisregistratie opgenomen gegeven dat …" it is "gegeven". The genus noun phrase
ends where the differentia starts: a relative pronoun (die, dat, waarin, …), a postnominal
preposition (van, tot, met, …), "als bedoeld", a comma or the end of the sentence. Its *heads*
are the last word of each coordinated part ("een meerderjarig stiefkind of een meerderjarig
voormalig pleegkind": stiefkind and pleegkind; but "geheel of gedeeltelijk afbreken" has the
one head afbreken).

Two definitions of one term name different kinds (``different_kinds``) when

* their heads are disjoint and neither head occurs in the other text at all ("Terreindeel waar
  …" versus "Wegdelen waar …"; an apposition such as "de bestraffende sanctie, inhoudende een
  … verplichting" still shares "verplichting" with "een … opgelegde … verplichting"), or
* they share a head but one coordinates a kind the other lacks: a different extension.

A text without a genus — a sentence with a finite verb before any boundary ("De waarde is
tijdens transitie niet bekend"), a list ("a. …; b. …"), a single word — is never in conflict.
"""

from __future__ import annotations

import re
from functools import lru_cache

from graph.text.normalise import ARTICLES, fold, stem
from graph.text.similarity import Profile, token_similarity

_CLAUSE_END = re.compile(r"[,;:.()]")


def _words(text: str) -> frozenset[str]:
    return frozenset(re.split(r"\s+", text.strip()))


_BOUNDARY = _words("""
die dat waarin waarvan waarop waarbij waarmee waardoor waaronder waaruit waar welke wiens wier
van tot met voor ter ten te zijnde inhoudende zoals uit om op over aan als bedoeld bestaande
gemaakt gevormd behorende indien voorzover dan niet""")
"""Words that end the genus noun phrase (where the differentia starts)."""
_VERBS = _words("is zijn wordt worden heeft hebben kan kunnen valt vallen")
"""A finite verb before the boundary: the text is a sentence, not genus + differentia."""
_DETERMINERS = ARTICLES | _words("alle elk elke ieder iedere enig enige zijn haar hun")
_COORDINATORS = _words("of en")
_LIST_START = re.compile(r"^\s*(?:[a-z0-9]{1,3}[.)°]|\d+°)", re.IGNORECASE)


@lru_cache(maxsize=100_000)
def genus_heads(text: str) -> frozenset[str] | None:
    """Stems of the heads of the genus noun phrase of ``text``; None when it has no genus."""
    if _LIST_START.match(text):
        return None
    words = fold(_CLAUSE_END.split(text.strip(), maxsplit=1)[0]).split()
    phrase: list[str] = []
    for word in words:
        if word in _VERBS:
            return None
        if word in _BOUNDARY:
            break
        phrase.append(word)
    heads = _heads(phrase)
    return heads if heads and len(words) > 1 else None


def _heads(phrase: list[str]) -> frozenset[str]:
    """The last content word of each coordinated part. A single word before a part that has
    no determiner of its own modifies that part's head ("geheel of gedeeltelijk afbreken",
    "gewapend of ongewapend beton"): it is no head itself."""
    parts: list[list[str]] = [[]]
    for word in phrase:
        if word in _COORDINATORS:
            parts.append([])
        else:
            parts[-1].append(word)
    heads: set[str] = set()
    for part, following in zip(parts, [*parts[1:], []], strict=True):
        content = [w for w in part if w not in _DETERMINERS]
        if len(content) == 1 and following and following[0] not in _DETERMINERS:
            continue
        if content:
            heads.add(stem(content[-1]))
    return frozenset(heads)


def _occurs(head: str, other: Profile) -> bool:
    return head in other.stems or any(token_similarity(head, s) for s in other.stems)


def different_kinds(a: str, pa: Profile, b: str, pb: Profile) -> bool:
    """Whether definitions ``a`` and ``b`` (with their profiles) name different kinds."""
    ha, hb = genus_heads(a), genus_heads(b)
    if ha is None or hb is None or ha == hb:
        return False
    if ha & hb:
        return True  # one coordinates a kind the other lacks
    return not any(_occurs(h, pb) for h in ha) and not any(_occurs(h, pa) for h in hb)
