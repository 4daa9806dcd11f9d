"""The reach (``stg:reikwijdte``) of a definition, from the words that introduce it.

Besides the text (``wet``, a chapter heading, ``artikel 3.6``, ``artikel 3.2.1, lid 1``) the scope
is kept as a structured reference (``ScopeRef``: level and, for an artikel or lid of this law,
its number), which ``loaders.bwb.rdf`` writes as ``stg:reikwijdteNiveau`` and
``stg:reikwijdteBron`` (the stg:WettelijkeBron of the law, artikel or lid). A reference on the
term itself (``Onder bestuurlijke boete als bedoeld in het eerste lid … wordt verstaan``) gives
the scope when the sentence names none. ``In afwijking van artikel 5.2, eerste lid`` names the
provision departed from, not the scope, and is skipped.
"""

from __future__ import annotations

import re

from loaders.bwb.model import ScopeRef

_SCOPE_WORDS = (("dit hoofdstuk", "hoofdstuk"), ("deze afdeling", "afdeling"),
                ("deze paragraaf", "paragraaf"), ("deze titel", "titeldeel"),
                ("dit deel", "deel"), ("deze subparagraaf", "sub-paragraaf"))
_LEADS = ("in ", "voor de toepassing van ", "bij de toepassing van ", "bij toepassing van ")
_ORDINALS = ("eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste",
             "negende", "tiende", "elfde", "twaalfde", "dertiende", "veertiende", "vijftiende",
             "zestiende", "zeventiende", "achttiende", "negentiende", "twintigste")
_ORD = "|".join(_ORDINALS)
_LEDEN = re.compile(r"\b(?:het|de)\s+((?:(?:" + _ORD + r")(?:\s+lid)?(?:,\s*|\s+en\s+(?:het\s+)?|"
                    r"\s+tot\s+en\s+met\s+(?:het\s+)?))*(?:" + _ORD + r"))\s+(?:lid|leden)\b")
_ARTIKEL = re.compile(r"\b(?:de\s+)?artikel(?P<pl>en)?\s+(?P<a>\d[\w.:]*\w|\d)"
                      r"(?P<range>\s+tot\s+en\s+met\s+(?:artikel\s+)?\d[\w.:]*\w|\s+en\s+\d[\w.:]*\w)?"
                      r"(?!\s+(?:van|bij)\s+(?:de|het)\s+[A-Z])")
_DEPARTS = re.compile(r"\b(?:in\s+afwijking\s+van|in\s+aanvulling\s+op)\s+.*?"
                      r"(?:,\s*(?:\w+\s+)?lid\b)?(?:,\s*onderdeel\s+\w+)?"
                      r"(?=,|\s+(?:in|voor|bij)\s+(?:dit|deze|de\s+toepassing)\b|$),?")
_EXTERNAL = re.compile(r"\b(?:van|bij)\s+(?:(?:de|het)\s+(?:[A-Z]|\w*wet\b)|die\s+wet|dat\s+besluit)")


def _leden(p: str, artikel: str | None) -> tuple[str, ScopeRef] | None:
    m = _LEDEN.search(p)
    if m is None:
        return None
    numbers = [str(_ORDINALS.index(w) + 1) for w in re.findall(_ORD, m.group(1))]
    if len(numbers) == 1:
        return f"artikel {artikel}, lid {numbers[0]}", ScopeRef("lid", artikel, numbers[0])
    return f"artikel {artikel}, leden {', '.join(numbers)}", ScopeRef("leden", artikel, None)


def _artikel(p: str) -> tuple[str, ScopeRef] | None:
    m = _ARTIKEL.search(p)
    if m is None:
        return None
    if m.group("pl") or m.group("range"):
        return f"artikelen {m.group('a')}{m.group('range') or ''}", ScopeRef("artikelen", m.group("a"))
    return f"artikel {m.group('a')}", ScopeRef("artikel", m.group("a"))


def _internal(phrase: str, artikel: str | None, lid: str | None) -> tuple[str, ScopeRef] | None:
    """A lid or artikel of this law named in ``phrase``."""
    if phrase.strip(" ,").endswith("dit lid"):
        return (f"artikel {artikel}, lid {lid}", ScopeRef("lid", artikel, lid)) if lid else (
            f"artikel {artikel}", ScopeRef("artikel", artikel))
    if "dit artikel" in phrase:
        return f"artikel {artikel}", ScopeRef("artikel", artikel)
    if _EXTERNAL.search(phrase):
        return None
    return _leden(phrase, artikel) or _artikel(phrase)


def scope_of(prefix: str, artikel: str | None, lid: str | None,
             headings: tuple[tuple[str, str], ...], qualifier: str = "") -> tuple[str, ScopeRef]:
    """Text and structured reference of a definition's scope."""
    p = _DEPARTS.sub("", prefix.lower()).strip(" ,")
    for words, kind in _SCOPE_WORDS:
        if words in p:
            heading = next((h for k, h in reversed(headings) if k == kind), None)
            innermost = headings[-1][1] if headings else words.split(" ", 1)[1]
            return heading or innermost, ScopeRef(kind)
    if (found := _internal(p, artikel, lid)) is not None:
        return found
    if "deze wet" in p or not p.removeprefix("voorts").strip(" ,"):
        if qualifier and (from_term := _internal(qualifier.lower(), artikel, lid)) is not None:
            return from_term
        return "wet", ScopeRef("wet")
    if p == "de belastingwet":  # AWR art. 2(3): every belastingwet (AWR art. 2(1)(a))
        return "belastingwet", ScopeRef("belastingwet")
    phrase = p
    for lead in _LEADS:
        phrase = phrase.removeprefix(lead)
    return f"artikel {artikel} ({phrase.strip(' ,')})", ScopeRef("artikel", artikel)
