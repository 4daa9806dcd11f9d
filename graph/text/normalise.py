"""Dutch text normalisation shared by drafter search, the drafter check and conflict detection.

* ``fold``: lower case, diacritics removed (``ë`` → ``e``), punctuation to spaces, whitespace
  collapsed — so "Onze  Minister", "onze minister" and "Öнze…" compare by their letters.
* ``term_key``: the grouping key for a term: folded, leading article (de/het/een) dropped.
* ``stems``: Snowball's Dutch stemmer over folded words without stop words, so "ligplaatsen"
  and "ligplaats" share a stem.
* ``char_ngrams``: character n-grams of the folded text with word boundaries, for typos and
  compounds ("nummeraanduidng", "verblijfsobject" in "verblijfsobjectidentificatie").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_NON_WORD = re.compile(r"[^0-9a-z]+")
ARTICLES = frozenset({"de", "het", "een", "'t"})
STOPWORDS = frozenset(re.split(r"\s+", """
aan al als bij dan dat de die dit door een en er het hij hun in is je kan ze zij zijn
met na naar niet of om onder op over te ten ter tot uit van voor wat wel wordt worden
welke waarin waarbij waarvan waarop daarvan daarin daarbij hetgeen dient die dat deze
alsmede dan wel zo zoals ook nog eens mede krachtens bedoeld artikel lid onderdeel
""".strip()))

_stemmer = snowballstemmer.stemmer("dutch")


def fold(text: str) -> str:
    """Lower case, no diacritics, only letters and digits separated by single spaces."""
    plain = text.casefold()
    if not plain.isascii():  # fast path: ASCII has nothing to decompose
        decomposed = unicodedata.normalize("NFKD", plain)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", plain).strip()


def term_key(term: str) -> str:
    """Key that groups the same term across sources: folded, a leading article dropped."""
    words = fold(term).split()
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Dutch Snowball stem of one folded word."""
    return str(_stemmer.stemWord(word))


def words(text: str) -> list[str]:
    """Folded words of ``text`` (stop words kept)."""
    return fold(text).split()


def content_words(text: str) -> list[str]:
    """Folded words of ``text`` without stop words and one-letter words."""
    return [w for w in words(text) if w not in STOPWORDS and len(w) > 1]


def stems(text: str) -> list[str]:
    """Stems of the content words of ``text`` (stop words and one-letter words dropped)."""
    return [stem(w) for w in content_words(text)]


@lru_cache(maxsize=200_000)
def word_grams(word: str, n: int = 3) -> tuple[str, ...]:
    """Character ``n``-grams of one folded word padded with spaces (`` li``, ``lig``, …)."""
    padded = f" {word} "
    return tuple(padded[i:i + n] for i in range(max(1, len(padded) - n + 1)))


def char_ngrams(text: str, n: int = 3) -> list[str]:
    """Character ``n``-grams of each folded word of ``text`` (``word_grams``)."""
    grams: list[str] = []
    for word in words(text):
        grams.extend(word_grams(word, n))
    return grams
