"""People: accounts that own tokens and sign in to the pages, and their sessions.

Accounts live in the same SQLite file as the tokens (``Settings.auth_db``), so ``stelselgraaf
users …`` works while the server runs. Four-eyes review compares the *account* (``account:<id>``),
whatever token or session a person uses. A password is kept only as a scrypt hash (stdlib); a
session is a random secret whose SHA-256 is stored with its CSRF token (synchronizer pattern) and
its expiry. Failed sign-ins are counted per account name: each one slows the next attempt down
(``delay``), and after ``LOCK_AFTER`` within ``WINDOW`` the name is refused for a while.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from graph.trust.tokens import ROLES

SESSION_HOURS = 8
WINDOW = timedelta(minutes=15)
LOCK_AFTER = 10
_SCHEMA = """
CREATE TABLE IF NOT EXISTS account (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    email TEXT,
    role TEXT NOT NULL,
    password TEXT,
    created TEXT NOT NULL,
    disabled TEXT
);
CREATE TABLE IF NOT EXISTS session (
    hash TEXT PRIMARY KEY,
    account TEXT NOT NULL REFERENCES account(id),
    csrf TEXT NOT NULL,
    created TEXT NOT NULL,
    expires TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS signin_failure (
    name TEXT NOT NULL COLLATE NOCASE,
    at TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS account_never_deleted BEFORE DELETE ON account
BEGIN SELECT RAISE(ABORT, 'accounts are disabled, never deleted'); END;
"""


@dataclass(frozen=True)
class Account:
    """A person who may act here; never their password."""

    id: str
    name: str
    email: str | None
    role: str
    created: str
    disabled: str | None

    @property
    def active(self) -> bool:
        return self.disabled is None

    @property
    def subject(self) -> str:
        """The stable id four-eyes review and the audit log use."""
        return f"account:{self.id}"


@dataclass(frozen=True)
class Session:
    """A signed-in browser: its account, CSRF token and expiry."""

    account: Account
    csrf: str
    expires: str


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def _hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return f"scrypt${salt.hex()}${digest.hex()}"


def _password_ok(password: str, stored: str | None) -> bool:
    if not stored or not stored.startswith("scrypt$"):
        _hash_password(password)  # same work whether or not the account exists
        return False
    _, salt, digest = stored.split("$")
    return hmac.compare_digest(_hash_password(password, bytes.fromhex(salt)).split("$")[2], digest)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


_SELECT = "SELECT id, name, email, role, created, disabled FROM account"


class AccountStore:
    """Accounts, sessions and failed sign-ins in the auth database (own short connections)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(self.path, timeout=10, isolation_level=None)) as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)
            yield conn

    def create(self, name: str, role: str, *, email: str | None = None, password: str | None = None) -> Account:
        """A new account; ``ValueError`` for an unknown role, an empty or taken name."""
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; roles: {', '.join(ROLES)}")
        if not name.strip():
            raise ValueError("an account needs a name")
        account = Account(secrets.token_hex(6), name.strip(), email, role, _iso(_now()), None)
        hashed = _hash_password(password) if password else None
        try:
            with self._connect() as conn:
                conn.execute("INSERT INTO account (id, name, email, role, created, disabled, password) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)",
                             (account.id, account.name, email, role, account.created, None, hashed))
        except sqlite3.IntegrityError as error:
            raise ValueError(f"an account named {name!r} exists already") from error
        return account

    def named(self, name: str) -> Account | None:
        with self._connect() as conn:
            row = conn.execute(_SELECT + " WHERE name = ?", (name.strip(),)).fetchone()
        return Account(*row) if row else None

    def get(self, account_id: str) -> Account | None:
        with self._connect() as conn:
            row = conn.execute(_SELECT + " WHERE id = ?", (account_id,)).fetchone()
        return Account(*row) if row else None

    def named_or_created(self, name: str, role: str) -> Account:
        """The account called ``name``, made (without a password) when there is none."""
        found = self.named(name)
        return found if found is not None else self.create(name, role)

    def all(self) -> list[Account]:
        with self._connect() as conn:
            rows = conn.execute(_SELECT + " ORDER BY created, name").fetchall()
        return [Account(*row) for row in rows]

    def disable(self, name: str) -> bool:
        """Disable an account: its tokens and sessions stop working. False when none is active."""
        with self._connect() as conn:
            changed = conn.execute("UPDATE account SET disabled = ? WHERE name = ? AND disabled IS NULL",
                                   (_iso(_now()), name.strip())).rowcount
            conn.execute("DELETE FROM session WHERE account IN (SELECT id FROM account WHERE name = ?)",
                         (name.strip(),))
        return bool(changed)

    def set_password(self, name: str, password: str) -> bool:
        with self._connect() as conn:
            return bool(conn.execute("UPDATE account SET password = ? WHERE name = ?",
                                     (_hash_password(password), name.strip())).rowcount)

    # --- signing in -------------------------------------------------------------------------

    def failures(self, name: str) -> int:
        """Failed sign-ins for ``name`` within ``WINDOW``."""
        since = _iso(_now() - WINDOW)
        with self._connect() as conn:
            (count,) = conn.execute("SELECT COUNT(*) FROM signin_failure WHERE name = ? AND at >= ?",
                                    (name.strip(), since)).fetchone()
        return int(count)

    def locked(self, name: str) -> bool:
        return self.failures(name) >= LOCK_AFTER

    def sign_in(self, name: str, password: str) -> tuple[str, Session] | None:
        """A new session (its secret for the cookie, and the session) for a right name and
        password of an active account; None otherwise (and the failure is counted)."""
        stored = None
        with self._connect() as conn:
            row = conn.execute("SELECT id, password, disabled FROM account WHERE name = ?",
                               (name.strip(),)).fetchone()
            stored = row[1] if row else None
        if row is None or row[2] is not None or not _password_ok(password, stored):
            with self._connect() as conn:
                conn.execute("INSERT INTO signin_failure (name, at) VALUES (?, ?)", (name.strip(), _iso(_now())))
            return None
        secret = secrets.token_urlsafe(32)
        expires = _iso(_now() + timedelta(hours=SESSION_HOURS))
        with self._connect() as conn:
            conn.execute("DELETE FROM signin_failure WHERE name = ?", (name.strip(),))
            conn.execute("INSERT INTO session (hash, account, csrf, created, expires) VALUES (?, ?, ?, ?, ?)",
                         (_digest(secret), row[0], secrets.token_urlsafe(32), _iso(_now()), expires))
        session = self.session(secret)
        assert session is not None
        return secret, session

    def session(self, secret: str) -> Session | None:
        """The live session of ``secret`` (not expired, account active), or None."""
        with self._connect() as conn:
            row = conn.execute(
                "SELECT a.id, a.name, a.email, a.role, a.created, a.disabled, s.csrf, s.expires "
                "FROM session s JOIN account a ON a.id = s.account WHERE s.hash = ?", (_digest(secret),)).fetchone()
        if row is None or row[5] is not None or row[7] <= _iso(_now()):
            return None
        return Session(Account(*row[:6]), row[6], row[7])

    def sign_out(self, secret: str) -> None:
        with self._connect() as conn:
            conn.execute("DELETE FROM session WHERE hash = ?", (_digest(secret),))


def delay(failures: int) -> float:
    """Seconds to wait before answering a sign-in after ``failures`` recent failures."""
    return 0.0 if failures == 0 else min(5.0, 0.25 * 2 ** (failures - 1))
