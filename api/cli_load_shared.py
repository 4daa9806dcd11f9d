"""``stelselgraaf load-shared [DIR]``: load every real public source in the shared data folder.

Each law, begrippenkader and dataset is its own source (``loaders.shared``); a source whose files
are unchanged since its last load is skipped. Exit 0 when every source loaded or was unchanged,
1 when one or more sources are invalid (each reported; the others still load and the store keeps
the previous version of a bad source), 2 when DIR does not exist.
"""

from __future__ import annotations

import argparse
from contextlib import closing
from pathlib import Path

from rich.console import Console
from rich.table import Table

from api.cli_commands import report_invalid
from graph.open import open_store
from graph.settings import Settings
from loaders.shared import Outcome, load_shared

DEFAULT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "data"
"""``../shared/data`` next to the repository."""


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register the subcommand on the CLI's subparsers."""
    p = sub.add_parser("load-shared", help="load all laws, begrippenkaders and datasets of the "
                                           "shared data folder (skips unchanged sources)")
    p.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR,
                   help=f"the shared data folder (default {DEFAULT_DIR})")


def _summary(outcomes: list[Outcome]) -> Table:
    table = Table("source", "status", "triples", "warnings")
    for o in outcomes:
        style = {"failed": "red", "loaded": "green"}.get(o.status, "")
        table.add_row(o.name, f"[{style}]{o.status}[/{style}]" if style else o.status,
                      f"{o.triples:,}" if o.status != "failed" else "–", str(o.warnings))
    return table


def load_shared_command(args: argparse.Namespace, settings: Settings, err: Console) -> int:
    root: Path = args.directory
    if not root.is_dir():
        err.print(f"[red]error:[/red] no shared data folder at {root}")
        return 2
    outcomes: list[Outcome] = []
    with closing(open_store(settings)) as store:
        for outcome in load_shared(store, root):
            outcomes.append(outcome)
            if outcome.error is not None:
                err.print(f"[red]{outcome.name}: invalid[/red]")
                report_invalid(err, outcome.error)
            elif not args.quiet:
                err.print(f"{outcome.name}: {outcome.status}", highlight=False)
    if not args.quiet:
        err.print(_summary(outcomes))
    counts = {s: sum(o.status == s for o in outcomes) for s in ("loaded", "unchanged", "failed")}
    err.print(f"{len(outcomes)} bronnen: {counts['loaded']} geladen, {counts['unchanged']} ongewijzigd, "
              f"{counts['failed']} ongeldig", highlight=False)
    return 1 if counts["failed"] else 0
