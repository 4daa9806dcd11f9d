"""`stelselgraaf backup` / `restore` after reviewed changes: an identical canonical dump, and the
restored store still answers history and proposals."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from api.cli import main
from graph import changes
from graph.changes.model import parse_json
from graph.changes.records import Agent
from graph.changes.versions import history
from graph.open import open_store
from graph.rdf.terms import NamedNode
from graph.settings import Settings
from graph.store.backup import canonical_dump

pytestmark = pytest.mark.slow
BASE = "https://stelselgraaf.nl/"
ALICE = changes.Caller(Agent("token:a1", "alice"))
BOB = changes.Caller(Agent("token:b1", "bob"))
CONCEPT = NamedNode(BASE + "id/begrip/stelselgraaf/perceel")


def _changes(store_dir: Path) -> tuple[bytes, str]:
    store = open_store(Settings(store=str(store_dir)))
    try:
        body = {"motivation": "nieuw", "changes": [{"op": "create", "term": "perceel", "definition": "een stuk grond"}]}
        first = changes.submit(store, parse_json(body, BASE), ALICE, key="k1").proposal
        changes.review(store, first.id, "approve", "ok", BOB, now=datetime(2026, 1, 5, tzinfo=UTC))
        update = {"motivation": "preciezer", "changes": [
            {"op": "update", "concept": "stelselgraaf/perceel", "set": {"definition": "een kadastraal perceel"}}]}
        second = changes.submit(store, parse_json(update, BASE), ALICE).proposal
        changes.comment(store, second.id, "akkoord", BOB)
        changes.review(store, second.id, "approve", "", BOB, now=datetime(2026, 2, 5, tzinfo=UTC))
        rejected = changes.submit(store, parse_json({**body, "changes": [
            {"op": "create", "term": "kavel", "definition": "een stuk grond"}]}, BASE), ALICE).proposal
        changes.review(store, rejected.id, "reject", "dubbel", BOB)
        return canonical_dump(store), rejected.id
    finally:
        store.close()


def test_backup_restore_round_trips_after_changes(tmp_path: Path) -> None:
    before, rejected = _changes(tmp_path / "store")
    assert main(["--store", str(tmp_path / "store"), "--quiet", "backup", str(tmp_path / "backup")]) == 0
    assert main(["--store", str(tmp_path / "restored"), "--quiet", "restore", str(tmp_path / "backup")]) == 0
    restored = open_store(Settings(store=str(tmp_path / "restored")))
    try:
        assert canonical_dump(restored) == before and before.count(b"\n") > 100
        assert [v.number for v in history(restored, CONCEPT).versions] == [1, 2]
        assert changes.get(restored, rejected).status == "afgewezen"
    finally:
        restored.close()


@pytest.mark.parametrize("damage", [b"", b"<urn:x> <urn:y> <urn:z> <urn:g> .\n"])
def test_a_damaged_backup_is_refused_and_changes_nothing(tmp_path: Path, damage: bytes) -> None:
    before, _ = _changes(tmp_path / "store")
    assert main(["--store", str(tmp_path / "store"), "--quiet", "backup", str(tmp_path / "backup")]) == 0
    dump = tmp_path / "backup" / "store.nq"
    dump.write_bytes(dump.read_bytes()[:-200] + damage)
    assert main(["--store", str(tmp_path / "store"), "--quiet", "restore", str(tmp_path / "backup")]) != 0
    store = open_store(Settings(store=str(tmp_path / "store")))
    try:
        assert canonical_dump(store) == before
    finally:
        store.close()
