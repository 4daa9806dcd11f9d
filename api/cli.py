"""The ``stelselgraaf`` command. Exit codes: 0 ok, 1 data invalid, 2 usage or system error."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console

from api import cli_commands as commands
from api import cli_conflicts, cli_handoff, cli_load_shared, cli_search, cli_tokens, cli_users
from graph.errors import InvalidQuery, ShapeViolation, StelselgraafError, StoreUnavailable
from graph.settings import Settings
from loaders.base import LoaderError

Command = Callable[[argparse.Namespace, Settings, Console], int]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stelselgraaf", description=(
        "Stelselgraaf: knowledge graph of the Dutch basisregistraties and their definitions."))
    parser.add_argument("--store", help="override STELSELGRAAF_STORE (directory or SPARQL URL)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress output")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("load", help="load files as one source (replaces that source)")
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("--source", help="source name (default: from the first file name)")
    p.add_argument("--format", default="auto", help="auto, or a loader/format name")
    sub.add_parser("sources", help="list loaded sources with counts and provenance")
    p = sub.add_parser("unload", help="remove a loaded source")
    p.add_argument("source")
    p = sub.add_parser("validate", help="validate loaded sources against the shapes")
    p.add_argument("source", nargs="?")
    p = sub.add_parser("quality", help="content checks on concepts (exit 1 when findings)")
    p.add_argument("source", nargs="?")
    p.add_argument("--check", action="append", help="only this check (repeatable)")
    p = sub.add_parser("query", help="run a SPARQL query (read-only)")
    p.add_argument("sparql", help="the query text, or @FILE")
    p.add_argument("--accept", default="text/csv", help="result media type (default text/csv)")
    p = sub.add_parser("export", help="write the whole store to stdout")
    p.add_argument("--format", default="nquads", help="nquads (canonical), trig, turtle, …")
    p = sub.add_parser("backup", help="write a backup into an empty directory")
    p.add_argument("directory", type=Path)
    p = sub.add_parser("restore", help="replace the store by a backup")
    p.add_argument("directory", type=Path)
    sub.add_parser("seed", help="load the project's own seed content (skips unchanged files)")
    p = sub.add_parser("serve", help="run the HTTP service")
    p.add_argument("--seed", action="store_true", help="load the seed content first")
    cli_tokens.add_parser(sub)
    cli_users.add_parser(sub)
    cli_load_shared.add_parser(sub)
    cli_search.add_parsers(sub)
    cli_conflicts.add_parser(sub)
    return parser


COMMANDS: dict[str, Command] = {
    "load": commands.load, "sources": commands.sources, "unload": commands.unload,
    "validate": commands.validate, "query": commands.query, "export": commands.export,
    "backup": commands.backup, "restore": commands.restore, "seed": commands.seed,
    "serve": commands.serve, "quality": commands.quality, "tokens": cli_tokens.run, "users": cli_users.run,
    "load-shared": cli_load_shared.load_shared_command,
    **cli_search.COMMANDS,
    "conflicts": cli_conflicts.conflicts,
}


def _run(args: argparse.Namespace, settings: Settings, err: Console) -> int:
    try:
        return COMMANDS[args.command](args, settings, err)
    except StoreUnavailable as error:  # the store is a running service's: do it through that service
        if args.command in cli_handoff.HANDED and cli_handoff.store_busy(error):
            return cli_handoff.run(args, settings, err)
        raise


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    args = _parser().parse_args(argv)
    err = Console(stderr=True, soft_wrap=True)
    try:
        settings = Settings(**({"store": args.store} if args.store else {}))
        return _run(args, settings, err)
    except (LoaderError, ShapeViolation) as error:
        commands.report_invalid(err, error)
        return 1
    except InvalidQuery as error:
        err.print(f"[red]invalid query:[/red] {error}")
        return 2
    except (StelselgraafError, OSError, ValueError) as error:
        err.print(f"[red]error:[/red] {error}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
