"""Drafter search over every definition and the drafter check ("does this definition exist?").

Private modules: ``index`` (the term index), ``similarity`` (definition text models),
``highlight`` (``<mark>`` spans).
"""

from graph.search.draft_check import CheckResult, Match, check
from graph.search.highlight import highlights
from graph.search.service import (
    Filters,
    Hit,
    SearchIndex,
    SearchPage,
    search,
    search_index,
    source_names_of,
)

__all__ = ["CheckResult", "Filters", "Hit", "Match", "SearchIndex",
           "SearchPage", "check", "highlights", "search", "search_index", "source_names_of"]
