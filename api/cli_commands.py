"""The CLI's subcommands, one function each (thin: the work is in graph/ and loaders/)."""

from __future__ import annotations

import argparse
import sys
from contextlib import closing
from pathlib import Path

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn
from rich.table import Table

from graph import sources as source_records
from graph.errors import ShapeViolation
from graph.open import open_store
from graph.rdf.terms import NamedNode
from graph.settings import Settings
from graph.sources import validate_graph
from graph.sparql import run_query
from graph.store import backup as backups
from loaders import pipeline
from loaders import seed as seed_content
from loaders.base import LoaderError
from loaders.registry import by_name


def report_invalid(err: Console, error: LoaderError | ShapeViolation) -> None:
    """Print a readable report: file:line:column, or each shape finding."""
    if isinstance(error, LoaderError):
        err.print(f"[red]{error.location()}[/red]{error.message}", highlight=False)
        err.print("nothing was changed in the store")
        return
    err.print(f"[red]{error}[/red] — nothing was changed in the store")
    for r in error.report.results:  # type: ignore[attr-defined]
        err.print(f"  {r.severity}: {r.focus} {r.path or ''}: {r.message}", highlight=False)


def load(args: argparse.Namespace, settings: Settings, err: Console) -> int:
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), console=err,
                        disable=args.quiet, transient=True)
    with closing(open_store(settings)) as store, progress:
        task = progress.add_task("loading", total=None)
        report = pipeline.load(
            store, list(args.paths), name=args.source, fmt=args.format,
            progress=lambda n: progress.update(task, description=f"{n:,} triples read"))
    if not args.quiet and report.unchanged:
        err.print(f"[bold]{report.source}[/bold] unchanged: this input is already its current "
                  f"load ({report.triples:,} triples in {report.graph})")
    elif not args.quiet:
        err.print(f"loaded [bold]{report.source}[/bold]: {report.triples:,} triples with "
                  f"loader {report.loader}; {report.validation.warnings} warning(s)")
    return 0


def sources(args: argparse.Namespace, settings: Settings, err: Console) -> int:
    with closing(open_store(settings)) as store:
        records = source_records.list_sources(store)
    table = Table("source", "loader", "triples", "warnings", "loaded at", "files")
    for r in records:
        files = ", ".join(f"{f.name} ({f.size} B, sha256 {f.sha256[:12]}…)" for f in r.files)
        table.add_row(r.name, f"{r.loader} {r.loader_version}", str(r.triples), str(r.warnings),
                      r.loaded_at, files)
    Console().print(table)
    return 0


def unload(args: argparse.Namespace, settings: Settings, err: Console) -> int:
    with closing(open_store(settings)) as store:
        removed = source_records.drop_source(store, args.source)
    if not removed:
        err.print(f"no source named {args.source!r} is loaded")
        return 2
    err.print(f"unloaded {args.source}")
    return 0


def validate(args: argparse.Namespace, settings: Settings, err: Console) -> int:
    worst = 0
    with closing(open_store(settings)) as store:
        for record in source_records.list_sources(store):
            if args.source and record.name != args.source:
                continue
            report = validate_graph(store, NamedNode(record.graph), by_name(record.loader).shapes)
            err.print(f"{record.name}: {report.violations} violation(s), {report.warnings} warning(s)")
            for r in report.results:
                err.print(f"  {r.severity}: {r.focus} {r.path or ''}: {r.message}", highlight=False)
            worst = max(worst, 0 if report.conforms else 1)
    return worst


def quality(args: argparse.Namespace, settings: Settings, err: Console) -> int:
    from graph.quality import counts, run_checks, source_graph

    with closing(open_store(settings)) as store:
        graph = source_graph(store, args.source) if args.source else None
        findings = run_checks(store, graph, args.check)
    for f in findings:
        print(f"{f.severity}\t{f.check}\t{f.concept}\t{f.message}")
    summary = ", ".join(f"{check}: {n}" for check, n in counts(findings).items())
    err.print(f"{len(findings)} bevinding(en){' — ' + summary if summary else ''}", highlight=False)
    return 1 if findings else 0


def query(args: argparse.Namespace, settings: Settings, err: Console) -> int:
    text = Path(args.sparql[1:]).read_text("utf-8") if args.sparql.startswith("@") else args.sparql
    with closing(open_store(settings)) as store:
        result = run_query(store, text, [args.accept], [], [])
    sys.stdout.buffer.write(result.body)
    if result.truncated:
        err.print(f"[yellow]results cut at {settings.result_limit} rows[/yellow]")
    return 0


def export(args: argparse.Namespace, settings: Settings, err: Console) -> int:
    with closing(open_store(settings)) as store:
        sys.stdout.buffer.write(backups.export(store, args.format))
    return 0


def backup(args: argparse.Namespace, settings: Settings, err: Console) -> int:
    with closing(open_store(settings)) as store:
        manifest = backups.backup(store, args.directory)
    err.print(f"backup written to {args.directory}: {manifest['quads']} quads")
    return 0


def restore(args: argparse.Namespace, settings: Settings, err: Console) -> int:
    with closing(open_store(settings)) as store:
        manifest = backups.restore(store, args.directory)
    err.print(f"restored {manifest['quads']} quads from {args.directory}")
    return 0


def seed(args: argparse.Namespace, settings: Settings, err: Console) -> int:
    with closing(open_store(settings)) as store:
        for name, status in seed_content.load_seed(store):
            if not args.quiet:
                err.print(f"{name}: {status}")
    return 0


def serve(args: argparse.Namespace, settings: Settings, err: Console) -> int:
    import uvicorn

    from api.app import create_app
    from api.slow_clients import server_options

    if args.seed:
        seed(args, settings, err)
    uvicorn.run(create_app(settings), **server_options(settings))
    return 0
