"""Dutch normalisation: folding, article-free term keys, stemming, character n-grams."""

from __future__ import annotations

from graph.text.normalise import char_ngrams, fold, stems, term_key


def test_fold_removes_case_diacritics_and_punctuation() -> None:
    assert fold("  Coördinatie-punt,  ÉÉN ") == "coordinatie punt een"


def test_term_key_drops_a_leading_article_only() -> None:
    assert term_key("de Onze  Minister") == "onze minister"
    assert term_key("het") == "het"
    assert term_key("Onze Minister") == term_key("onze minister")


def test_plurals_share_a_stem() -> None:
    assert stems("ligplaatsen") == stems("ligplaats")
    assert stems("de nummeraanduidingen van het object") == stems("nummeraanduiding object")


def test_ngrams_overlap_for_a_typo() -> None:
    right, typo = set(char_ngrams("nummeraanduiding")), set(char_ngrams("nummeraanduidng"))
    assert len(right & typo) / len(right | typo) > 0.6
