"""API tokens in a small SQLite database (``Settings.auth_db``), not in the RDF store.

Tokens are not RDF, and the ``tokens`` commands must work while the server owns the store, so
they live in a SQLite file in WAL mode that the server and the CLI share. A token is
``sg_`` + 32 random bytes (URL-safe base64); only its SHA-256 is stored (a 256-bit random secret
needs no slow hash), so the file never holds a usable token. Token events (created, revoked)
are kept in an append-only outbox table; the server moves them into the audit log
(``graph.trust.audit``), so the one audit log also accounts for what the CLI did.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from graph.store.base import GraphStore
from graph.trust import audit
from graph.trust.audit import AuditEvent

PREFIX = "sg_"
ROLES = ("reader", "editor", "reviewer", "admin")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS token (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL,
    revoked TEXT
);
CREATE TABLE IF NOT EXISTS audit_outbox (
    span_id TEXT PRIMARY KEY,
    event TEXT NOT NULL,
    transferred INTEGER NOT NULL DEFAULT 0
);
CREATE TRIGGER IF NOT EXISTS audit_outbox_append_only BEFORE DELETE ON audit_outbox
BEGIN SELECT RAISE(ABORT, 'the audit outbox is append-only'); END;
CREATE TRIGGER IF NOT EXISTS token_never_deleted BEFORE DELETE ON token
BEGIN SELECT RAISE(ABORT, 'tokens are revoked, never deleted'); END;
"""


@dataclass(frozen=True)
class TokenRecord:
    """What is known about a token; never the token itself."""

    id: str
    name: str
    role: str
    created: str
    revoked: str | None
    account: str | None = None
    """The id of the account (``graph.trust.accounts``) that owns the token; None for a token
    made before accounts existed."""

    @property
    def active(self) -> bool:
        return self.revoked is None


def token_hash(token: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def well_formed(token: str) -> bool:
    """Whether ``token`` has the shape of one of ours (``sg_`` + 43 URL-safe characters)."""
    body = token[len(PREFIX):]
    return token.startswith(PREFIX) and len(body) == 43 and all(c.isalnum() or c in "-_" for c in body)


class TokenStore:
    """The token database; every call opens its own short connection (thread- and process-safe)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._ready = False

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        if not self._ready:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(self.path, timeout=10, isolation_level=None)) as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            if not self._ready:
                conn.executescript(_SCHEMA)
                columns = {row[1] for row in conn.execute("PRAGMA table_info(token)")}
                if "account" not in columns:  # a database from before accounts
                    conn.execute("ALTER TABLE token ADD COLUMN account TEXT")
                self._ready = True
            yield conn

    def create(
        self, name: str, role: str, created: str, event: Callable[[TokenRecord], AuditEvent] | None = None,
        account: str | None = None,
    ) -> tuple[str, TokenRecord]:
        """A new token; returns the token (show it once) and its record.

        ``event`` makes the audit event of the creation; it is kept in the same transaction.
        """
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; roles: {', '.join(ROLES)}")
        if not name.strip():
            raise ValueError("a token needs a name")
        token = PREFIX + secrets.token_urlsafe(32)
        record = TokenRecord(secrets.token_hex(6), name.strip(), role, created, None, account)
        with self._connect() as conn, conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO token (id, name, role, hash, created, account) VALUES (?, ?, ?, ?, ?, ?)",
                         (record.id, record.name, role, token_hash(token), created, account))
            self._outbox(conn, event(record) if event else None)
        return token, record

    def revoke(self, token_id: str, when: str, event: AuditEvent | None = None) -> bool:
        """Revoke a token; False when there is no such active token."""
        with self._connect() as conn, conn:
            conn.execute("BEGIN IMMEDIATE")
            changed = conn.execute("UPDATE token SET revoked = ? WHERE id = ? AND revoked IS NULL",
                                   (when, token_id)).rowcount
            if changed:
                self._outbox(conn, event)
        return bool(changed)

    def find(self, token: str) -> TokenRecord | None:
        """The active record of ``token``, or None (unknown or revoked)."""
        with self._connect() as conn:
            row = conn.execute("SELECT id, name, role, created, revoked, account FROM token WHERE hash = ?",
                               (token_hash(token),)).fetchone()
        record = TokenRecord(*row) if row else None
        return record if record is not None and record.active else None

    def records(self) -> list[TokenRecord]:
        """Every token ever created, oldest first."""
        with self._connect() as conn:
            rows = conn.execute("SELECT id, name, role, created, revoked, account FROM token ORDER BY created, id")
            return [TokenRecord(*row) for row in rows]

    @staticmethod
    def _outbox(conn: sqlite3.Connection, event: AuditEvent | None) -> None:
        if event is not None:
            conn.execute("INSERT INTO audit_outbox (span_id, event) VALUES (?, ?)",
                         (event.span_id, json.dumps(event.logboek())))

    def pending_events(self) -> list[AuditEvent]:
        """Outbox events not yet moved into the audit log."""
        if not self.path.exists():
            return []
        with self._connect() as conn:
            rows = conn.execute("SELECT event FROM audit_outbox WHERE transferred = 0 ORDER BY rowid")
            return [AuditEvent.from_logboek(json.loads(text)) for (text,) in rows]

    def mark_transferred(self, span_ids: list[str]) -> None:
        """Note that these outbox events are in the audit log now."""
        with self._connect() as conn, conn:
            conn.executemany("UPDATE audit_outbox SET transferred = 1 WHERE span_id = ?",
                             [(s,) for s in span_ids])


def transfer_events(store: GraphStore, tokens: TokenStore) -> int:
    """Move token events the CLI wrote to the outbox into the audit log; returns how many.

    Idempotent: a record has a fixed IRI and fixed values, so writing it twice (after a crash
    between the two steps) still leaves one record.
    """
    pending = tokens.pending_events()
    for event in pending:
        audit.record(store, event)
    if pending:
        tokens.mark_transferred([e.span_id for e in pending])
    return len(pending)
