"""BAG extract load throughput: our pipeline against raw pyoxigraph ``bulk_load`` (issue 3).

1. Generate a BAG 2.0 VBO extract with ``bench/gen_bag_extract.py`` (``--count 23000`` gives
   1,035,000 triples).
2. **pipeline**: ``loaders.pipeline.load`` into an on-disk store: BAG loader (streaming XML) →
   skolemize → stage (``bulk_extend`` into the load's own, hidden graph) → SHACL gate → publish
   (one small update points the source at the new graph). The phases are timed by wrapping the
   pipeline's own functions (diagnostics only).
3. The loaded graph is dumped to N-Triples; **raw**: a fresh on-disk ``pyoxigraph.Store``
   ``bulk_load``s that file into one named graph.
4. **reload** (not part of the ratio): into the store of step 2, a second extract of the same
   size (other gemeentecode, so every triple differs) is loaded as the same source; its publish
   step hides the first load's graph and drops it, timed separately.

Each load runs in its own process (spawned), which reports its peak RSS. Prints a table and,
with ``--json``, the numbers. Run from the repository root::

    .venv/bin/python bench/bag_load.py --count 23000
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gen_bag_extract import write_extract


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(name: str, spent: dict[str, float], function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - start
    return wrapper


def parse_only(extract: str) -> dict[str, Any]:
    """Loader + skolemize without a store: the Python side of the pipeline alone."""
    from graph.rdf.iris import source_graph
    from graph.settings import Settings
    from graph.sources.publication import skolemize
    from loaders.base import Source
    from loaders.registry import by_name

    base = Settings(store=":memory:").base_iri
    source = Source("bench-bag", (Path(extract),), source_graph(base, "bench-bag", "x"), base, "bag")
    start = time.perf_counter()
    count = sum(1 for _ in skolemize(by_name("bag").load(source), base, "bench-bag"))
    return {"triples": count, "seconds": time.perf_counter() - start, "rss_mb": _rss_mb()}


def pipeline_load(extract: str, store_dir: str, dump: str, second: str) -> dict[str, Any]:
    """``loaders.pipeline.load`` into a fresh disk store; dump the graph as N-Triples; then
    reload the source from ``second``."""
    from pyoxigraph import RdfFormat, serialize

    from graph import sources
    from graph.open import open_store
    from graph.rdf.terms import NamedNode
    from graph.settings import Settings
    from graph.store.embedded import EmbeddedStore
    from loaders import pipeline

    spent: dict[str, float] = {}
    sources.stage = _timed("parse+stage", spent, sources.stage)  # type: ignore[method-assign]
    pipeline.validate_graph = _timed("shacl", spent, pipeline.validate_graph)  # type: ignore[attr-defined]
    sources.commit_source = _timed("publish", spent, sources.commit_source)  # type: ignore[method-assign]
    EmbeddedStore.drop_hidden = _timed("drop previous", spent, EmbeddedStore.drop_hidden)  # type: ignore[method-assign]
    store = open_store(Settings(store=store_dir))
    start = time.perf_counter()
    report = pipeline.load(store, [Path(extract)], name="bench-bag", fmt="bag")
    store.flush()  # type: ignore[attr-defined]
    seconds = time.perf_counter() - start
    rss, first_phases = _rss_mb(), dict(spent)
    graph = list(store.quads(NamedNode(report.graph)))
    with open(dump, "wb") as out:
        serialize((q.triple for q in graph), out, RdfFormat.N_TRIPLES)
    del graph
    spent.clear()
    start = time.perf_counter()
    again = pipeline.load(store, [Path(second)], name="bench-bag", fmt="bag")
    store.flush()  # type: ignore[attr-defined]
    reload = {"triples": again.triples, "seconds": time.perf_counter() - start,
              "phases": dict(spent), "store_quads": sum(1 for _ in store.quads()), "rss_mb": _rss_mb()}
    store.close()
    return {"triples": report.triples, "graph": report.graph, "seconds": seconds,
            "phases": first_phases, "rss_mb": rss, "reload": reload}


def raw_bulk_load(dump: str, store_dir: str, graph: str) -> dict[str, Any]:
    """Raw pyoxigraph: ``Store(dir).bulk_load`` of the N-Triples dump into one named graph."""
    from pyoxigraph import NamedNode, RdfFormat, Store

    store = Store(store_dir)
    start = time.perf_counter()
    store.bulk_load(path=dump, format=RdfFormat.N_TRIPLES, to_graph=NamedNode(graph))
    store.flush()
    seconds = time.perf_counter() - start
    count = len(store)
    return {"triples": count, "seconds": seconds, "rss_mb": _rss_mb()}


def _in_child(function: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        return pool.apply(function, args)


def run(count: int, workdir: Path) -> dict[str, Any]:
    extract = workdir / "9999VBO15092020-000001.xml"
    write_extract(extract, count)
    (workdir / "second").mkdir(exist_ok=True)
    second = workdir / "second" / "9998VBO15092020-000001.xml"
    write_extract(second, count, gemeente="9998")
    dump = workdir / "bag.nt"
    parsed = _in_child(parse_only, str(extract))
    ours = _in_child(pipeline_load, str(extract), str(workdir / "store-pipeline"), str(dump),
                     str(second))
    raw = _in_child(raw_bulk_load, str(dump), str(workdir / "store-raw"), ours["graph"])
    for result in (parsed, ours, raw):
        result["triples_per_s"] = result["triples"] / result["seconds"]
    return {"count": count, "extract_mb": extract.stat().st_size / 1e6,
            "dump_mb": dump.stat().st_size / 1e6, "parse_only": parsed, "pipeline": ours,
            "raw_bulk_load": raw, "ratio": ours["triples_per_s"] / raw["triples_per_s"]}


def _table(r: dict[str, Any]) -> Iterator[str]:
    yield f"BAG VBO extract: {r['count']} objects, {r['extract_mb']:.0f} MB XML, " \
          f"{r['pipeline']['triples']:,} triples (N-Triples dump {r['dump_mb']:.0f} MB)"
    yield "| path | triples | seconds | triples/s | peak RSS MB |"
    yield "|---|---|---|---|---|"
    for name in ("pipeline", "raw_bulk_load", "parse_only"):
        x = r[name]
        yield f"| {name} | {x['triples']:,} | {x['seconds']:.1f} | {x['triples_per_s']:,.0f} " \
              f"| {x['rss_mb']:.0f} |"
    phases = ", ".join(f"{k} {v:.1f} s" for k, v in r["pipeline"]["phases"].items())
    yield f"pipeline phases: {phases}"
    reload = r["pipeline"]["reload"]
    phases = ", ".join(f"{k} {v:.1f} s" for k, v in reload["phases"].items())
    yield f"reload of {reload['triples']:,} other triples as the same source: {reload['seconds']:.1f} s " \
          f"({phases}); quads in the store after: {reload['store_quads']:,}; peak RSS {reload['rss_mb']:.0f} MB"
    yield f"ratio pipeline / raw bulk_load: {r['ratio']:.2f} (goal >= 0.5)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=23000, help="verblijfsobjecten (23000 ≈ 1.0M triples)")
    parser.add_argument("--workdir", type=Path, help="keep files here (default: a temp dir, removed)")
    parser.add_argument("--json", action="store_true", help="also print the results as JSON")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="bench-bag-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        result = run(args.count, workdir)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print("\n".join(_table(result)))
    if args.json:
        print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
