"""graph.reconcile's request parsing: the 0.2 and 1.0-draft batch shapes, and what it refuses."""

from __future__ import annotations

import pytest

from graph.reconcile import InvalidReconciliation, draft_batch, extension, legacy_batch
from graph.reconcile.model import Constraint, Query


def test_an_openrefine_batch() -> None:
    batch = legacy_batch({"q0": {"query": "ligplaats", "type": "begrip", "limit": 3, "type_strict": "should",
                                 "properties": [{"pid": "source", "v": "BWBR0023466"},
                                                {"pid": "scheme", "v": [{"id": "https://x/kader"}, "Wet"]}]},
                          "q1": {"query": "0221020000330154"}})
    assert batch["q0"] == Query("ligplaats", ("begrip",), 3, (Constraint("source", ("BWBR0023466",)),
                                                              Constraint("scheme", ("https://x/kader", "Wet"))))
    assert batch["q1"] == Query("0221020000330154")


def test_a_draft_batch() -> None:
    (query,) = draft_batch({"queries": [{"type": "object", "conditions": [
        {"matchType": "name", "propertyValue": "0221020000330154"},
        {"matchType": "id", "propertyValue": "https://x/1"},
        {"matchType": "property", "propertyId": "register", "propertyValue": "bag"}]}]})
    assert query == Query("0221020000330154", ("object",), 5, (Constraint("register", ("bag",)),), ("https://x/1",))


@pytest.mark.parametrize("raw", [
    [], {"q0": "ligplaats"}, {"q0": {"query": 3}}, {"q0": {"query": "x", "type": 3}},
    {"q0": {"query": "x", "limit": 0}}, {"q0": {"query": "x", "properties": [{"pid": "kleur", "v": "rood"}]}},
    {"q0": {"query": "x", "properties": [{"pid": "source", "v": None}]}}, {"q0": {"query": " "}},
    {"q0": {"query": "x", "type": "huisdier"}}, {f"q{n}": {"query": "x"} for n in range(501)},
])
def test_malformed_batches_are_refused(raw: object) -> None:
    with pytest.raises(InvalidReconciliation):
        legacy_batch(raw)


def test_extension_queries() -> None:
    assert extension({"ids": ["a"], "properties": [{"id": "definition"}]}) == (["a"], ["definition"])
    for bad in ({"ids": "a", "properties": []}, {"ids": [], "properties": [{"id": "validOn"}]},
                {"ids": ["a"] * 501, "properties": []}):
        with pytest.raises(InvalidReconciliation):
            extension(bad)
