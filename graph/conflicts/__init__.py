"""Definition conflicts: the same term defined differently, synonyms, circular definitions.

Private modules: ``classify`` and ``genus`` (which kind), ``synonyms`` (candidates across terms),
``index`` (incremental upkeep), ``model`` (the record, its IRI and explanation), ``status``
(editorial statuses).
"""

from graph.conflicts.index import ConflictIndex, fingerprints
from graph.conflicts.model import Conflict, conflict_triples
from graph.conflicts.service import ConflictPage, conflicts_for, get_conflict, index_for, list_conflicts, update_status

__all__ = ["Conflict", "ConflictIndex", "ConflictPage", "conflict_triples",
           "conflicts_for", "fingerprints", "get_conflict", "index_for", "list_conflicts", "update_status"]
