"""A client on an in-memory store with a real token database in a temp dir and one token per role."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi.testclient import TestClient

from api.app import create_app
from graph.open import open_store
from graph.settings import Settings
from graph.store.base import GraphStore
from graph.trust.tokens import ROLES, TokenStore


@dataclass
class Authed:
    client: TestClient
    store: GraphStore
    tokens: TokenStore
    token: dict[str, str]
    """role → a token with that role"""
    subject: dict[str, str]
    """role → the Principal.subject of that token"""

    def as_role(self, role: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token[role]}"}


@contextmanager
def authed_client(tmp_path: Path) -> Iterator[Authed]:
    settings = Settings(store=":memory:", auth_db=str(tmp_path / "auth.sqlite"))
    store = open_store(settings)
    tokens = TokenStore(Path(settings.auth_db))
    token, subject = {}, {}
    for role in ROLES:
        token[role], record = tokens.create(f"test-{role}", role, "2026-01-01T00:00:00.000Z")
        subject[role] = f"token:{record.id}"
    try:
        with TestClient(create_app(settings, store)) as client:
            yield Authed(client, store, tokens, token, subject)
    finally:
        store.close()
