"""The reach (``stg:reikwijdte``) of a definition, from the words that introduce it."""

from __future__ import annotations

_SCOPE_WORDS = (("dit hoofdstuk", "hoofdstuk"), ("deze afdeling", "afdeling"),
                ("deze paragraaf", "paragraaf"), ("deze titel", "titeldeel"),
                ("dit deel", "deel"), ("deze subparagraaf", "sub-paragraaf"))
_LEADS = ("in ", "voor de toepassing van ", "bij de toepassing van ", "bij toepassing van ")


def scope_of(prefix: str, artikel: str | None, lid: str | None,
             headings: tuple[tuple[str, str], ...]) -> str:
    """``wet``, the heading of the chapter/section, ``artikel N`` or ``artikel N (phrase)``."""
    p = prefix.lower()
    for words, kind in _SCOPE_WORDS:
        if words in p:
            heading = next((h for k, h in reversed(headings) if k == kind), None)
            innermost = headings[-1][1] if headings else words.split(" ", 1)[1]
            return heading or innermost
    if "dit artikel" in p:
        return f"artikel {artikel}"
    if p.strip(" ,").endswith("dit lid"):
        return f"artikel {artikel}, lid {lid}" if lid else f"artikel {artikel}"
    if "deze wet" in p or not p.strip(" ,").removeprefix("voorts"):
        return "wet"
    if p.strip(" ,") == "de belastingwet":  # AWR art. 2(3): every belastingwet (AWR art. 2(1)(a))
        return "belastingwet"
    phrase = p.strip(" ,")
    for lead in _LEADS:
        phrase = phrase.removeprefix(lead)
    return f"artikel {artikel} ({phrase.strip(' ,')})"
