"""Change proposals with four-eyes review, their publication and the versions they make.

Private modules: ``model`` (parsing a request), ``records`` (proposals in their private graphs),
``apply``, ``diff``, ``publish``, ``view`` and ``versions``.
"""

from graph.changes.diff import FieldChange
from graph.changes.feed import Published, published_since
from graph.changes.model import ChangeRequest, parse_description, parse_json
from graph.changes.records import Agent, Note, Proposal, Summary, summaries
from graph.changes.service import (
    Caller,
    Outcome,
    comment,
    get,
    prepare,
    rebase,
    record_read,
    review,
    stale,
    submit,
    validate,
    withdraw,
)
from graph.changes.versions import History, Version, history, is_concept
from graph.changes.view import ConceptChangeView, ConflictDelta, ProposalView, proposal_view

__all__ = ["Agent", "Caller", "ChangeRequest", "ConceptChangeView", "ConflictDelta", "FieldChange",
           "History", "Note", "Outcome", "Proposal", "ProposalView", "Published", "Summary", "Version", "comment",
           "get", "history", "is_concept", "parse_description", "parse_json", "prepare", "proposal_view",
           "published_since", "rebase", "record_read", "review", "stale", "submit", "summaries", "validate", "withdraw"]
