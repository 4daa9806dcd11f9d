"""``stelselgraaf search`` and ``stelselgraaf check``: drafter search and the drafter check."""

from __future__ import annotations

import argparse
import json
from contextlib import closing
from datetime import date
from typing import Any

from rich.console import Console

from api.models.search import CheckMatch, SearchHit
from graph.open import open_store
from graph.rdf.vocab import CATEGORIES
from graph.search import Filters, SearchIndex, search
from graph.search import check as check_draft
from graph.settings import Settings


def add_parsers(sub: Any) -> None:
    """Add the ``search`` and ``check`` subcommands to the CLI's subparsers."""
    p = sub.add_parser("search", help="search definitions (typos, inflections, parts of words)")
    p.add_argument("query", nargs="?", help="term or words; without: every definition by term")
    p.add_argument("--scheme", help="begrippenkader IRI or name")
    p.add_argument("--category", choices=CATEGORIES)
    p.add_argument("--source", help="BWB id or loaded source name")
    p.add_argument("--on", type=date.fromisoformat, help="only definitions valid on YYYY-MM-DD")
    p.add_argument("--limit", type=_limit, default=20, help="results (1-100, default 20)")
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--json", action="store_true", help="print the API's JSON")
    p = sub.add_parser("check", help="check a draft term (and definition) against existing definitions")
    p.add_argument("term")
    p.add_argument("definition", nargs="?")
    p.add_argument("--json", action="store_true", help="print the API's JSON")


def _limit(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 100:
        raise argparse.ArgumentTypeError("limit must be between 1 and 100")
    return value


def _load(settings: Settings) -> SearchIndex:
    with closing(open_store(settings)) as store:
        return SearchIndex.load(store)


def _where(entry: dict[str, Any]) -> str:
    source = entry["source"]
    if source.get("title"):
        return str(source["title"]) + (f", artikel {source['article']}" if source.get("article") else "")
    return str(entry["scheme"].get("label") or entry["scheme"].get("iri") or "")


def search_command(args: argparse.Namespace, settings: Settings, err: Console) -> int:
    index = _load(settings)
    filters = Filters(scheme=args.scheme, category=args.category, source=args.source, on=args.on)
    page = search(index, args.query, filters, limit=args.limit, offset=args.offset)
    items = [SearchHit.of_hit(hit, args.query).json_body() for hit in page.hits]
    if args.json:
        print(json.dumps({"query": args.query, "total": page.total, "items": items}, ensure_ascii=False, indent=2))
        return 0
    for entry in items:
        print(f"{entry['score']:.2f}\t{entry['term']}\t{_where(entry)}\t{entry['definition'][:100]}")
    err.print(f"{page.total} resultaat/resultaten; getoond {len(items)} vanaf {args.offset}", highlight=False)
    return 0


def check_command(args: argparse.Namespace, settings: Settings, err: Console) -> int:
    index = _load(settings)
    result = check_draft(index, args.term, args.definition)
    matches = [CheckMatch.of_match(index, m, args.term, args.definition).json_body() for m in result.matches]
    if args.json:
        print(json.dumps({"term": args.term, "definition": args.definition, "verdict": result.verdict,
                          "explanation": result.explanation, "matches": matches}, ensure_ascii=False, indent=2))
        return 0
    print(f"{result.verdict}: {result.explanation}")
    for m in matches:
        print(f"{m['match']}\t{m['similarity']:.2f}\t{m['term']}\t{_where(m)}\t{m['definition'][:100]}")
    return 0


COMMANDS = {"search": search_command, "check": check_command}
