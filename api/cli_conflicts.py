"""``stelselgraaf conflicts``: definition conflicts (same term, other meaning; variants; borrowed,
circular and synonym definitions), as a table or as the API's JSON."""

from __future__ import annotations

import argparse
import json
from contextlib import closing
from typing import Any

from rich.console import Console
from rich.table import Table

from api.models.conflicts import Conflict
from graph.conflicts import list_conflicts
from graph.open import open_store
from graph.rdf.vocab import CONFLICT_STATUSES, CONFLICT_TYPES
from graph.settings import Settings


def add_parser(sub: Any) -> None:
    """Add the ``conflicts`` subcommand to the CLI's subparsers."""
    p = sub.add_parser("conflicts", help="definition conflicts: homonyms, variants, borrowed, synonyms, …")
    p.add_argument("--term", help="only conflicts about this term (normalised)")
    p.add_argument("--type", choices=CONFLICT_TYPES, dest="kind", help="only this kind of conflict")
    p.add_argument("--source", help="only conflicts with a definition from this source (BWB id, scheme)")
    p.add_argument("--status", choices=CONFLICT_STATUSES, help="only conflicts with this editorial status")
    p.add_argument("--limit", type=int, default=1000, help="at most this many (default 1000)")
    p.add_argument("--json", action="store_true", help="print the API's JSON")


def conflicts(args: argparse.Namespace, settings: Settings, err: Console) -> int:
    """Print the conflicts; exit 0 (also when there are none: they are findings, not errors)."""
    with closing(open_store(settings)) as store:
        page = list_conflicts(store, term=args.term, kind=args.kind, source=args.source,
                              status=args.status, limit=args.limit, offset=0)
    if args.json:
        body: dict[str, Any] = {"total": page.total, "items": [Conflict.of(c).json_body() for c in page.items]}
        print(json.dumps(body, ensure_ascii=False, indent=2))
        return 0
    table = Table("id", "soort", "term", "leden", "status", "toelichting", show_lines=True)
    for c in page.items:
        table.add_row(c.ref, c.type, c.term, str(len(c.records)), c.status, c.explanation)
    Console().print(table)
    err.print(f"{page.total} conflict(en)" + (f", {len(page.items)} getoond" if len(page.items) < page.total else ""))
    return 0
