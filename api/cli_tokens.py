"""``stelselgraaf tokens create|list|revoke``: API tokens in ``Settings.auth_db``.

Works while the server runs (the token database is SQLite in WAL mode, not the RDF store).
``create`` prints the token once, on stdout; nothing else ever shows it. Each change is kept
in the database's outbox and reaches the audit log when the server next reads it.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from graph.rdf import iris
from graph.settings import Settings
from graph.trust import ROLES, Account, AccountStore, TokenStore, audit


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``tokens`` and its subcommands."""
    tokens = sub.add_parser("tokens", help="manage API tokens (roles: " + ", ".join(ROLES) + ")")
    actions = tokens.add_subparsers(dest="tokens_command", required=True)
    p = actions.add_parser("create", help="create a token and print it once")
    p.add_argument("--user", help="the account that owns the token (stelselgraaf users create)")
    p.add_argument("--name", help="a label for the token (default: the account's name); without --user, "
                                   "the account of this name (made when there is none)")
    p.add_argument("--role", choices=ROLES, help="the token's role (default: the account's role)")
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


def token_event(settings: Settings, name: str, token_id: str, result: str) -> audit.AuditEvent:
    """The audit record of creating or revoking a token from the command line."""
    base = settings.base_iri
    return audit.event(base, name=name, actor=_actor(), action="wijzigen", activity="toegangsbeheer",
                       object=iris.thing(base, "token", token_id).value, result=result, origin="cli",
                       status_code=audit.STATUS_OK)


def _owner(settings: Settings, args: argparse.Namespace) -> Account:
    accounts = AccountStore(Path(settings.auth_db))
    if args.user:
        account = accounts.named(args.user)
        if account is None or not account.active:
            raise ValueError(f"no active account named {args.user!r}: stelselgraaf users create")
        return account
    if not args.name or not args.role:
        print("usage: stelselgraaf tokens create (--user NAME | --name NAME --role ROLE)", file=sys.stderr)
        raise SystemExit(2)  # a usage error, as argparse gives
    return accounts.named_or_created(args.name, args.role)


def _create(store: TokenStore, settings: Settings, args: argparse.Namespace, out: Console, err: Console) -> int:
    owner = _owner(settings, args)
    role = args.role or owner.role
    if ROLES.index(role) > ROLES.index(owner.role) and owner.role != "admin":
        raise ValueError(f"account {owner.name!r} has role {owner.role}; a token cannot have more ({role})")
    token, record = store.create(
        args.name or owner.name, role, audit.iso(audit.utcnow()),
        lambda r: token_event(settings, "token-aanmaken", r.id, f"aangemaakt met rol {r.role}"), account=owner.id)
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
    event = token_event(settings, "token-intrekken", token_id, "ingetrokken")
    if not store.revoke(token_id, audit.iso(audit.utcnow()), event):
        err.print(f"[red]error:[/red] no active token with id {token_id!r}")
        return 2
    err.print(f"token {token_id} revoked")
    return 0

