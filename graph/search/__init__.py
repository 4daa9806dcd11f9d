"""Drafter search over every definition and the drafter check ("does this definition exist?").

Private modules: ``index`` (the term index), ``similarity`` (definition text models),
``highlight`` (``<mark>`` spans).
"""

from graph.search.draft_check import CheckResult, Match, check, match_item
from graph.search.service import (
    CATEGORIES,
    Filters,
    Hit,
    SearchIndex,
    SearchPage,
    item,
    search,
    search_index,
    source_names_of,
)

__all__ = ["CATEGORIES", "CheckResult", "Filters", "Hit", "Match", "SearchIndex",
           "SearchPage", "check", "item", "match_item", "search", "search_index", "source_names_of"]
