"""The audit log in the store: every field round-trips, filters and paging, atomic with a change,
append-only, and private (published graphs and point lookups never show it). All backends."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from graph import queries
from graph.rdf import iris
from graph.rdf.terms import NamedNode
from graph.sources.publication import published_graphs
from graph.store.base import GraphStore
from graph.trust import audit
from graph.trust.audit import AuditEvent

BASE = "https://stelselgraaf.nl/"
T0 = datetime(2026, 3, 1, 12, 0, 0, 123000, tzinfo=UTC)


def _event(n: int, **changes: object) -> AuditEvent:
    base = AuditEvent(
        trace_id=f"{n + 1:032x}", span_id=f"{n + 1:016x}", name="wijzigingsvoorstel-indienen",
        start_time=T0 + timedelta(minutes=n), end_time=T0 + timedelta(minutes=n, milliseconds=250),
        actor=f"token:{'a' if n % 2 else 'b'}", processing_activity_id=audit.processing_activity(BASE, "begripsbeheer"),
        action="wijzigen", status_code=audit.STATUS_OK, object=f"{BASE}id/begrip/b{n % 3}", result="gelukt",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_every_field_round_trips(store: GraphStore) -> None:
    full = _event(0, parent_span_id="00f067aa0ba902b7", data_subject_id="c0ffee" * 10,
                  data_subject_id_type="BSN-pseudoniem", origin="cli", status_code=audit.STATUS_ERROR)
    bare = _event(1, object=None, result="")
    audit.record(store, full)
    audit.record(store, bare)
    page = audit.query_audit(store)
    assert page.total == 2
    assert page.events == [bare, full]  # newest first, every field equal


def test_filters_and_paging(store: GraphStore) -> None:
    events = [_event(n) for n in range(7)] + [_event(7, name="logboek-raadplegen", object=None)]
    for event in events:
        audit.record(store, event)

    def spans(**filters: object) -> list[str]:
        return [e.span_id for e in audit.query_audit(store, limit=100, **filters).events]  # type: ignore[arg-type]

    def expected(keep: object) -> list[str]:
        return [e.span_id for e in reversed(events) if keep(e)]  # type: ignore[operator]

    assert spans(actor="token:a") == expected(lambda e: e.actor == "token:a")
    assert spans(name="logboek-raadplegen") == [events[7].span_id]
    assert spans(object=f"{BASE}id/begrip/b1") == expected(lambda e: e.object == f"{BASE}id/begrip/b1")
    assert spans(since=T0 + timedelta(minutes=2), until=T0 + timedelta(minutes=5)) == [
        events[4].span_id, events[3].span_id, events[2].span_id]
    assert spans(actor="token:b", object=f"{BASE}id/begrip/b0") == expected(
        lambda e: e.actor == "token:b" and e.object == f"{BASE}id/begrip/b0")
    assert spans(actor="token:nobody") == []
    page = audit.query_audit(store, limit=3, offset=2)
    assert page.total == 8 and [e.span_id for e in page.events] == expected(lambda e: True)[2:5]
    assert audit.query_audit(store, limit=3, offset=8).events == []


def test_filter_values_are_bound_not_pasted(store: GraphStore) -> None:
    audit.record(store, _event(0))
    assert audit.query_audit(store, actor='x" || true || "').total == 0
    assert audit.query_audit(store, name="x') || true || ('").total == 0


def test_record_in_the_same_update_as_a_change(store: GraphStore) -> None:
    graph = iris.source_graph(BASE, "voorbeeld", "1")
    change = f"INSERT DATA {{ GRAPH {graph} {{ <{BASE}id/begrip/x> <{BASE}def#p> \"v\" }} }}"
    store.update(change + " ;\n" + audit.audit_update(BASE, _event(0)))
    assert audit.query_audit(store).total == 1 and len(list(store.quads(graph))) == 1
    broken = f"INSERT DATA {{ GRAPH {graph} {{ <{BASE}id/begrip/y> <{BASE}def#p> \"w\" }} }} ; INSERT DATA {{ oops"
    with pytest.raises(Exception, match=r"malformed|error"):
        store.update(broken + " ;\n" + audit.audit_update(BASE, _event(1)))
    assert audit.query_audit(store).total == 1 and len(list(store.quads(graph))) == 1


def test_audit_quads_match_the_update(store: GraphStore) -> None:
    event = _event(3)
    audit.record(store, event)
    stored = set(store.quads(audit.audit_graph(BASE)))
    assert stored == set(audit.audit_quads(BASE, event))
    assert all(q.graph_name == iris.private_graph(BASE, "audit") for q in stored)


def test_writing_a_record_twice_leaves_one(store: GraphStore) -> None:
    event = _event(0)
    audit.record(store, event)
    audit.record(store, event)
    assert audit.query_audit(store).total == 1


def test_audit_graph_is_private(store: GraphStore) -> None:
    event = _event(0)
    audit.record(store, event)
    graph = audit.audit_graph(BASE)
    assert graph in store.graph_names()
    assert graph not in published_graphs(store)
    assert store.about(audit.record_iri(BASE, event)) == []
    assert iris.is_private(BASE, audit.record_iri(BASE, event).value)
    assert iris.private_graph(BASE, "voorstel", "42") == NamedNode(f"{BASE}graaf/prive/voorstel/42")


def test_no_update_deletes_from_the_audit_graph() -> None:
    """Append-only by construction: the only update that names the audit graph inserts."""
    from importlib import resources

    for entry in resources.files(queries).iterdir():
        if not entry.name.endswith(".ru"):
            continue
        text = "\n".join(line for line in entry.read_text("utf-8").splitlines() if not line.startswith("#"))
        if "Logregel" in text or "audit" in entry.name:
            assert entry.name == "audit_insert.ru" and "DELETE" not in text.upper()


@pytest.mark.parametrize("bad", [
    {"trace_id": "0" * 32}, {"trace_id": "ABC"}, {"span_id": "1234"}, {"parent_span_id": "0" * 16},
    {"status_code": 3}, {"start_time": datetime(2026, 1, 1)}, {"data_subject_id": "111222333"},
    {"data_subject_id": "111 22 2333"}, {"actor": "sg_" + "a" * 43}, {"result": "token sg_" + "b" * 43},
])
def test_invalid_events_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        _event(0, **bad)


def test_logboek_json_round_trips() -> None:
    event = _event(2, parent_span_id="00f067aa0ba902b7", data_subject_id="ab" * 32, data_subject_id_type="x")
    data = event.logboek()
    assert data["attributes"]["dpl.core.processing_activity_id"] == f"{BASE}id/verwerkingsactiviteit/begripsbeheer"
    assert data["start_time"] == "2026-03-01T12:02:00.123Z" and data["status_code"] == 1
    assert AuditEvent.from_logboek(data) == event


def test_large_pages_are_fetched_in_chunks(memory_store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit, "DETAILS_CHUNK", 2)
    events = [_event(n) for n in range(5)]
    memory_store.update(" ;\n".join(audit.audit_update(BASE, e) for e in events))
    page = audit.query_audit(memory_store, limit=10)
    assert page.events == list(reversed(events)) and page.total == 5
