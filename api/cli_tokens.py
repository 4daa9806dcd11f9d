"""``stelselgraaf tokens create|list|revoke``: API tokens in ``Settings.auth_db``.

Works while the server runs (the token database is SQLite in WAL mode, not the RDF store).
``create`` prints the token once, on stdout; nothing else ever shows it. Each change is kept
in the database's outbox and reaches the audit log when the server next reads it.
"""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from graph.rdf import iris
from graph.settings import Settings
from graph.trust import ROLES, TokenStore, audit


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``tokens`` and its subcommands."""
    tokens = sub.add_parser("tokens", help="manage API tokens (roles: " + ", ".join(ROLES) + ")")
    actions = tokens.add_subparsers(dest="tokens_command", required=True)
    p = actions.add_parser("create", help="create a token and print it once")
    p.add_argument("--name", required=True, help="who or what uses the token")
    p.add_argument("--role", required=True, choices=ROLES)
    actions.add_parser("list", help="list tokens (never the tokens themselves)")
    p = actions.add_parser("revoke", help="revoke a token by its id")
    p.add_argument("id")


def run(args: argparse.Namespace, settings: Settings, err: Console) -> int:
    """Run one ``tokens`` subcommand."""
    store = TokenStore(Path(settings.auth_db))
    out = Console(soft_wrap=True)
    if args.tokens_command == "create":
        return _create(store, settings, args, out, err)
    if args.tokens_command == "list":
        return _list(store, out)
    return _revoke(store, settings, args.id, err)


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _event(settings: Settings, name: str, token_id: str, result: str) -> audit.AuditEvent:
    base = settings.base_iri
    return audit.event(base, name=name, actor=_actor(), action="wijzigen", activity="toegangsbeheer",
                       object=iris.thing(base, "token", token_id).value, result=result, origin="cli",
                       status_code=audit.STATUS_OK)


def _create(store: TokenStore, settings: Settings, args: argparse.Namespace, out: Console, err: Console) -> int:
    token, record = store.create(
        args.name, args.role, audit.iso(audit.utcnow()),
        lambda r: _event(settings, "token-aanmaken", r.id, f"aangemaakt met rol {r.role}"))
    err.print(f"token {record.id} for {record.name!r} with role {record.role}; "
              "it is shown once — store it now:")
    out.print(token, markup=False, highlight=False)
    return 0


def _list(store: TokenStore, out: Console) -> int:
    table = Table("id", "name", "role", "created", "revoked")
    for record in store.records():
        table.add_row(record.id, record.name, record.role, record.created, record.revoked or "")
    out.print(table)
    return 0


def _revoke(store: TokenStore, settings: Settings, token_id: str, err: Console) -> int:
    event = _event(settings, "token-intrekken", token_id, "ingetrokken")
    if not store.revoke(token_id, audit.iso(audit.utcnow()), event):
        err.print(f"[red]error:[/red] no active token with id {token_id!r}")
        return 2
    err.print(f"token {token_id} revoked")
    return 0

