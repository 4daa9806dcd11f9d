"""The W3C Reconciliation Service API (0.2, and the 1.0 draft's shapes) over definitions, the
stelsel catalogue and the register objects in the store: matching, suggest, preview entities and
data extension. Entity ids are IRIs; types and properties are fixed (``TYPES``, ``PROPERTIES``).

Private modules: ``model``, ``parse``, ``catalog``, ``entities``, ``match``, ``extend``,
``suggest``.
"""

from graph.reconcile.catalog import reconcile_catalog
from graph.reconcile.entities import entities
from graph.reconcile.extend import Extension, extend, properties_for, proposed
from graph.reconcile.match import reconcile
from graph.reconcile.model import (
    MAX_QUERIES,
    PROPERTIES,
    TYPES,
    Candidate,
    Entity,
    InvalidReconciliation,
    Property,
    Query,
    TypeRef,
    Value,
)
from graph.reconcile.parse import draft_batch, extension, legacy_batch
from graph.reconcile.suggest import entity_suggestions, type_suggestions

__all__ = ["MAX_QUERIES", "PROPERTIES", "TYPES", "Candidate", "Entity", "Extension", "InvalidReconciliation",
           "Property", "Query", "TypeRef", "Value", "draft_batch", "entities", "entity_suggestions", "extend",
           "extension", "legacy_batch", "properties_for", "proposed", "reconcile", "reconcile_catalog",
           "type_suggestions"]
