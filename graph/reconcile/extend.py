"""Data extension: property values of reconciled entities, and which properties to propose."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from graph.reconcile.entities import entities
from graph.reconcile.model import PROPERTIES, TYPES, InvalidReconciliation, Property, Value
from graph.store.base import GraphStore


@dataclass(frozen=True)
class Extension:
    properties: list[Property]
    rows: dict[str, dict[str, list[Value]]]
    """Entity id → property id → values (an unknown id gets empty lists)."""


def extend(store: GraphStore, ids: Sequence[str], pids: Sequence[str]) -> Extension:
    """The values of ``pids`` for every entity in ``ids``."""
    props = [PROPERTIES[p] for p in dict.fromkeys(pids)]
    found = entities(store, ids)
    rows = {i: {p.id: list(found[i].values.get(p.id, [])) if i in found else [] for p in props} for i in ids}
    return Extension(props, rows)


def proposed(type_id: str | None, limit: int | None = None) -> list[Property]:
    """The properties offered for extension of entities of ``type_id`` (all types: ``None``)."""
    kind = type_id or None
    if kind is not None and kind not in TYPES:
        if not kind.startswith(("bag-", "brk-", "nhr-", "woz-")):
            raise InvalidReconciliation(f"unknown type {kind!r}; known: {', '.join(TYPES)}")
        kind = "object"
    props = [p for p in PROPERTIES.values() if p.extend and (kind is None or kind in p.types)]
    return props[:limit] if limit else props


def properties_for(prefix: str, limit: int) -> list[Property]:
    """Suggest service for properties: every property whose id or name starts with ``prefix``
    (or contains it), those that start with it first."""
    key = prefix.strip().casefold()
    starts = [p for p in PROPERTIES.values()
              if p.id.casefold().startswith(key) or p.name.casefold().startswith(key)]
    inside = [p for p in PROPERTIES.values()
              if p not in starts and (key in p.id.casefold() or key in p.name.casefold())]
    return (starts + inside)[:limit]
