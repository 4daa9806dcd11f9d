"""Dutch text: normalisation (folding, stems, words, n-grams), definition similarity and
encoding defects."""

from graph.text.encoding import EncodingDefect, describe, encoding_defect
from graph.text.normalise import (
    ARTICLES,
    STOPWORDS,
    char_ngrams,
    content_words,
    fold,
    stem,
    stems,
    term_key,
    word_grams,
    words,
)
from graph.text.similarity import (
    Idf,
    Profile,
    definition_similarity,
    profile,
    similar_at_least,
    token_similarity,
    unmatched,
)

__all__ = ["ARTICLES", "STOPWORDS", "EncodingDefect", "Idf", "Profile", "char_ngrams", "content_words",
           "definition_similarity", "describe", "encoding_defect", "fold", "profile", "similar_at_least",
           "stem", "stems", "term_key", "token_similarity", "unmatched", "word_grams", "words"]
