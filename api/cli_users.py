"""``stelselgraaf users create|list|disable|password``: the people who act here.

Accounts own their tokens (``stelselgraaf tokens create --user NAME``) and sign in to the pages
(``/inloggen``) with their password. Four-eyes review compares accounts, so a second token or a
second session of the same person is still the same person. Works while the server runs (the
accounts live in ``Settings.auth_db``, beside the tokens). A password is read from standard input
(``--password-stdin``) or asked for on a terminal; never from the command line.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from graph.settings import Settings
from graph.trust import ROLES, AccountStore


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register ``users`` and its subcommands."""
    users = sub.add_parser("users", help="manage accounts (people); roles: " + ", ".join(ROLES))
    actions = users.add_subparsers(dest="users_command", required=True)
    p = actions.add_parser("create", help="create an account")
    p.add_argument("--name", required=True)
    p.add_argument("--email")
    p.add_argument("--role", required=True, choices=ROLES)
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    actions.add_parser("list", help="list accounts (never passwords)")
    p = actions.add_parser("disable", help="disable an account: its tokens and sessions stop working")
    p.add_argument("name")
    p = actions.add_parser("password", help="set an account's password for the pages")
    p.add_argument("name")
    p.add_argument("--password-stdin", action="store_true")


def _password(args: argparse.Namespace, err: Console, *, required: bool) -> str | None:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    elif sys.stdin.isatty():
        password = getpass.getpass("wachtwoord: ")
    elif required:
        raise ValueError("give the password on standard input with --password-stdin")
    else:
        return None
    if len(password) < 12:
        raise ValueError("a password needs at least 12 characters")
    return password


def run(args: argparse.Namespace, settings: Settings, err: Console) -> int:
    """Run one ``users`` subcommand."""
    accounts = AccountStore(Path(settings.auth_db))
    if args.users_command == "create":
        password = _password(args, err, required=False)
        account = accounts.create(args.name, args.role, email=args.email, password=password)
        err.print(f"account {account.name!r} ({account.subject}) with role {account.role}"
                  f"{'' if password else '; no password yet: stelselgraaf users password'}")
        return 0
    if args.users_command == "list":
        table = Table("id", "name", "email", "role", "created", "disabled")
        for a in accounts.all():
            table.add_row(a.id, a.name, a.email or "", a.role, a.created, a.disabled or "")
        Console(soft_wrap=True).print(table)
        return 0
    if args.users_command == "disable":
        if not accounts.disable(args.name):
            err.print(f"[red]error:[/red] no active account named {args.name!r}")
            return 2
        err.print(f"account {args.name!r} disabled")
        return 0
    if not accounts.set_password(args.name, _password(args, err, required=True) or ""):
        err.print(f"[red]error:[/red] no account named {args.name!r}")
        return 2
    err.print(f"password of {args.name!r} set")
    return 0
