"""What the in-memory read copy and hidden graphs cost and buy (docs/architecture.md, "Reads").

1. Build an on-disk store as ``bench/resolver.py`` does (seed, real BAG sample, ``--extra``
   generated verblijfsobjecten).
   ``--padding-graphs`` more named graphs of 100 statements each are added, so the store has
   about as many graphs as a served store after ``load-shared`` (35).
2. Open it with ``read_replica`` off and on, each in a fresh process: seconds to open and
   resident memory before and after opening.
3. ``GraphStore.values_about`` for 1,000 generated BAG ids (15 statements each), median of
   ``--runs``: on the disk store, on the copy, and raw pyoxigraph ``quads_for_pattern`` on the
   same directory as the baseline.
4. The catalogue's object-type query (``graph/queries/objecttypes.rq``) over the union of all
   graphs, and with one graph hidden (reads then name every visible graph as the dataset).

Run from the repository root::

    .venv/bin/python bench/read_copy.py --extra 5000
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from resolver import build_store  # noqa: E402


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 1e6


def _median_ms(function: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _open(path: Path, replica: bool) -> tuple[Any, float]:
    from graph.open import open_store
    from graph.settings import Settings

    start = time.perf_counter()
    store = open_store(Settings(store=str(path), read_replica=replica))
    return store, time.perf_counter() - start


def measure(path: str, ids: list[str], replica: bool, runs: int) -> dict[str, Any]:
    """In a fresh process: open, then time ``values_about`` (and, on the copy, datasets)."""
    from pyoxigraph import NamedNode

    from graph.begrippen.identifiers import canonical_iri, parse_identifier

    before = _rss_mb()
    store, seconds = _open(Path(path), replica)
    out: dict[str, Any] = {"open_s": seconds, "rss_mb_before_open": before, "rss_mb_after_open": _rss_mb()}
    subjects = [NamedNode(canonical_iri(parse_identifier(i), store.settings.base_iri)) for i in ids]
    out["statements"] = sum(map(len, store.values_about(subjects).values()))
    out["values_about_ms"] = _median_ms(lambda: store.values_about(subjects), runs)
    if replica:
        out["objecttypes"] = _hidden_dataset(store, runs)
    store.close()
    return out


def raw_lookups(path: str, ids: list[str], runs: int) -> float:
    """Baseline: raw pyoxigraph ``quads_for_pattern`` on the disk store, strings taken."""
    from pyoxigraph import NamedNode, Store

    from graph.begrippen.identifiers import canonical_iri, parse_identifier

    raw = Store(path)
    subjects = [NamedNode(canonical_iri(parse_identifier(i), "https://stelselgraaf.nl/")) for i in ids]
    return _median_ms(lambda: [[(q.predicate.value, q.object.value)
                                for q in raw.quads_for_pattern(s, None, None, None)]
                               for s in subjects], runs)


def _in_child(function: Callable[..., Any], *args: Any) -> Any:
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(function, args)


def _pad(path: Path, count: int) -> None:
    from graph.open import open_store
    from graph.rdf.terms import Literal, NamedNode, Quad
    from graph.settings import Settings

    store = open_store(Settings(store=str(path), read_replica=False))
    p = NamedNode("http://example.org/p")
    for n in range(count):
        g = NamedNode(f"http://example.org/graaf/{n}")
        store.stage(g, [Quad(NamedNode(f"http://example.org/s/{n}/{i}"), p, Literal(str(i)), g)
                        for i in range(100)])
    store.close()


def _hidden_dataset(store: Any, runs: int) -> dict[str, Any]:
    from graph.queries import query
    from graph.rdf.terms import NamedNode

    text = query("objecttypes")
    union = _median_ms(lambda: store.select(text), runs)
    hidden = NamedNode("urn:bench:hidden")
    store.hide(hidden)
    named = _median_ms(lambda: store.select(text), runs)
    store.drop_hidden(hidden)
    return {"graphs": len(store.graph_names()), "union_ms": union, "dataset_list_ms": named}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extra", type=int, default=5000, help="generated verblijfsobjecten")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--padding-graphs", type=int, default=29, help="extra small named graphs")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-copy-"))
    try:
        built = build_store(workdir / "store", workdir, args.extra)
        _pad(workdir / "store", args.padding_graphs)
        ids = random.Random(1).sample(built["generated_ids"], min(1000, len(built["generated_ids"])))
        path = str(workdir / "store")
        result = {"quads": built["quads"] + 100 * args.padding_graphs, "ids": len(ids),
                  "disk": _in_child(measure, path, ids, False, args.runs),
                  "copy": _in_child(measure, path, ids, True, args.runs),
                  "raw_disk_quads_for_pattern_ms": _in_child(raw_lookups, path, ids, args.runs)}
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
