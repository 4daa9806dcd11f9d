"""Typeahead over every definition's labels: prefix (of the label or of any word in it) and
small typos, at most ``MAX_SUGGESTIONS`` per query.

Private module: ``index`` (the sorted label keys and the lookup).
"""

from graph.suggest.index import MAX_SUGGESTIONS, SuggestIndex, Suggestion, built_index, suggest, suggest_index

__all__ = ["MAX_SUGGESTIONS", "SuggestIndex", "Suggestion", "built_index", "suggest", "suggest_index"]
