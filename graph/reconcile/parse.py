"""Reconciliation requests (decoded JSON) into ``Query`` objects, checked on the way.

0.2 (what OpenRefine sends): ``{"q0": {"query": "ligplaats", "type": "begrip", "limit": 3,
"properties": [{"pid": "source", "v": "BWBR0023466"}]}, …}``. 1.0 draft: ``{"queries": [{"type":
…, "limit": …, "conditions": [{"matchType": "name", "propertyValue": "ligplaats"}, {"matchType":
"property", "propertyId": "source", "propertyValue": "BWBR0023466"}]}]}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graph.reconcile.model import (
    DEFAULT_CANDIDATES,
    MAX_CANDIDATES,
    MAX_EXTEND_IDS,
    MAX_QUERIES,
    PROPERTIES,
    TYPES,
    Constraint,
    InvalidReconciliation,
    Query,
)


def _object(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise InvalidReconciliation(f"{what} must be a JSON object")
    return value


def _types(value: Any) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    found = (value,) if isinstance(value, str) else value
    if not isinstance(found, list | tuple) or not all(isinstance(t, str) for t in found):
        raise InvalidReconciliation("type must be a type id or a list of type ids")
    return tuple(found)


def _limit(value: Any) -> int:
    if value is None:
        return DEFAULT_CANDIDATES
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 1:
        raise InvalidReconciliation("limit must be a positive number")
    return min(int(value), MAX_CANDIDATES)


def _values(value: Any) -> tuple[str, ...]:
    """A property value (string, number, boolean, ``{"id": …}``) or a list of them, as text."""
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        if isinstance(item, Mapping):
            item = item.get("id")
        if isinstance(item, bool):
            item = "true" if item else "false"
        if not isinstance(item, str | int | float) or str(item).strip() == "":
            raise InvalidReconciliation("a property value must be a string, number, boolean or {\"id\": …}")
        out.append(str(item).strip())
    return tuple(out)


def _constraint(pid: Any, value: Any) -> Constraint:
    prop = PROPERTIES.get(pid) if isinstance(pid, str) else None
    if prop is None or not prop.constraint:
        usable = ", ".join(p.id for p in PROPERTIES.values() if p.constraint)
        raise InvalidReconciliation(f"unknown property {pid!r} for a constraint; usable: {usable}")
    return Constraint(prop.id, _values(value))


def _checked(query: Query) -> Query:
    unknown = [t for t in query.types if t not in TYPES and not t.startswith(("bag-", "brk-", "nhr-", "woz-"))]
    if unknown:
        raise InvalidReconciliation(f"unknown type {unknown[0]!r}; known: {', '.join(TYPES)} "
                                    "or an object type id such as bag-verblijfsobject")
    if not query.text.strip() and not query.constraints and not query.ids:
        raise InvalidReconciliation("a query needs a text, an id or a property constraint")
    return query


def legacy_query(raw: Any) -> Query:
    """One 0.2 query object."""
    body = _object(raw, "each query")
    text = body.get("query", "")
    if not isinstance(text, str):
        raise InvalidReconciliation("query must be a string")
    props = body.get("properties") or []
    if not isinstance(props, list):
        raise InvalidReconciliation("properties must be a list of {pid, v}")
    constraints = tuple(_constraint(_object(p, "a property").get("pid"), p.get("v")) for p in props)
    return _checked(Query(text[:500], _types(body.get("type")), _limit(body.get("limit")), constraints))


def legacy_batch(raw: Any) -> dict[str, Query]:
    """A 0.2 batch: key → query (the answer uses the same keys)."""
    batch = _object(raw, "queries")
    if len(batch) > MAX_QUERIES:
        raise InvalidReconciliation(f"at most {MAX_QUERIES} queries per batch, got {len(batch)}")
    return {str(key): legacy_query(value) for key, value in batch.items()}


def _condition(raw: Any) -> tuple[str, str, Any]:
    body = _object(raw, "a condition")
    kind = body.get("matchType")
    if kind not in ("name", "id", "property"):
        raise InvalidReconciliation("matchType must be name, id or property")
    return kind, str(body.get("propertyId", "")), body.get("propertyValue")


def draft_query(raw: Any) -> Query:
    """One 1.0-draft query object."""
    body = _object(raw, "each query")
    conditions = body.get("conditions")
    if not isinstance(conditions, list) or not conditions:
        raise InvalidReconciliation("a query needs a non-empty list of conditions")
    names: list[str] = []
    ids: list[str] = []
    constraints: list[Constraint] = []
    for kind, pid, value in (_condition(c) for c in conditions):
        if kind == "name":
            names.extend(_values(value))
        elif kind == "id":
            ids.extend(_values(value))
        else:
            constraints.append(_constraint(pid, value))
    return _checked(Query(" ".join(names)[:500], _types(body.get("type")), _limit(body.get("limit")),
                          tuple(constraints), tuple(ids)))


def draft_batch(raw: Any) -> list[Query]:
    """A 1.0-draft batch: the queries in order (the answer keeps the order)."""
    queries = _object(raw, "the request body").get("queries")
    if not isinstance(queries, list):
        raise InvalidReconciliation("queries must be a list")
    if len(queries) > MAX_QUERIES:
        raise InvalidReconciliation(f"at most {MAX_QUERIES} queries per batch, got {len(queries)}")
    return [draft_query(q) for q in queries]


def extension(raw: Any) -> tuple[list[str], list[str]]:
    """A data extension query → (entity ids, property ids)."""
    body = _object(raw, "extend")
    ids, props = body.get("ids"), body.get("properties")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise InvalidReconciliation("ids must be a list of entity ids")
    if len(ids) > MAX_EXTEND_IDS:
        raise InvalidReconciliation(f"at most {MAX_EXTEND_IDS} ids per extension, got {len(ids)}")
    if not isinstance(props, list):
        raise InvalidReconciliation("properties must be a list of {\"id\": …}")
    pids = [_object(p, "a property").get("id") for p in props]
    unknown = [p for p in pids if p not in PROPERTIES or not PROPERTIES[str(p)].extend]
    if unknown:
        raise InvalidReconciliation(f"unknown property {unknown[0]!r}; see the propose-properties service")
    return list(ids), [str(p) for p in pids]
