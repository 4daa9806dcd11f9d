"""Benchmark of the SHACL gate: compiled SPARQL (graph.shacl) against pySHACL; not a test.

    .venv/bin/python bench/shacl_gate.py [--sizes 100000 1000000] [--rounds 1] [--changed 100] [--seed 16]

Generates concept data (the ``shp:Concept`` shape of shapes/core.ttl: skos:Concept with prefLabel,
definition, altLabels, scheme, notes) of about ``--sizes`` triples, with planted problems (no
prefLabel, two Dutch prefLabels, a prefLabel over 200 characters, no definition), stages it into a
hidden graph of an in-memory store as a load is staged, and runs in the same process, one after
the other:

* the gate before (baseline): the targeted sub-graph into rdflib, pySHACL over it
  (``validate_rdflib(targeted_subgraph(...))``);
* the gate now: ``validate_graph`` (the compiled shapes, one SPARQL query per constraint, in the store);
* incremental (``--changed`` concepts): pySHACL on their extracted sub-graph (what proposals did)
  against ``validate_triples`` (compiled, VALUES-bound focus nodes over their triples), and the
  compiled checks with VALUES over the whole staged graph.

The two full reports must be identical (asserted); the ratio baseline / compiled is printed.

``--amsterdam``: the same two gates on the real amsterdam-schema (../shared/data) as the loader
writes it, without and with the ``veldbegrippen`` option (field descriptions as definitions).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.open import open_store  # noqa: E402
from graph.rdf.terms import Literal, NamedNode, Quad, Triple  # noqa: E402
from graph.settings import Settings  # noqa: E402
from graph.shacl import run_compiled  # noqa: E402
from graph.sources.gate import (  # noqa: E402
    ValidationReport,
    compiled_shapes,
    shapes_graph,
    targeted_subgraph,
    validate_graph,
    validate_rdflib,
    validate_triples,
)

SHAPES = ("core",)
BENCH = "https://bench.stelselgraaf.example/begrip/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
CONCEPT = NamedNode(SKOS + "Concept")
PREF, ALT, DEF = NamedNode(SKOS + "prefLabel"), NamedNode(SKOS + "altLabel"), NamedNode(SKOS + "definition")
SCHEME, NOTE = NamedNode(SKOS + "inScheme"), NamedNode(SKOS + "scopeNote")
GRAPH = NamedNode("https://stelselgraaf.nl/graph/source/bench/shacl")
WORDS = ("perceel", "gebouw", "adres", "weg", "water", "terrein", "object", "registratie", "recht", "zaak")


def concept_triples(i: int, rng: random.Random) -> Iterator[Triple]:
    """About 6.5 triples per concept; one in 40 has a planted problem."""
    c = NamedNode(f"{BENCH}{i}")
    term = f"{rng.choice(WORDS)} {i}"
    problem = i % 40
    yield Triple(c, TYPE, CONCEPT)
    yield Triple(c, SCHEME, NamedNode(f"{BENCH}kader/{i % 7}"))
    if problem != 1:  # no prefLabel: warning
        yield Triple(c, PREF, Literal("x" * 201 if problem == 3 else term, language="nl"))  # 3: too long
    if problem == 2:  # a second Dutch prefLabel: uniqueLang violation
        yield Triple(c, PREF, Literal(term + " (ander)", language="nl"))
    yield Triple(c, PREF, Literal(f"{term} (en)", language="en"))
    if problem != 4:  # no definition: warning
        yield Triple(c, DEF, Literal(f"Een {term} is een {rng.choice(WORDS)} met een {rng.choice(WORDS)}.",
                                     language="nl"))
    for n in range(rng.randrange(3)):
        yield Triple(c, ALT, Literal(f"{term} {n}", language="nl"))
    if i % 2 == 0:
        yield Triple(c, NOTE, Literal(f"Zie ook {rng.choice(WORDS)}.", language="nl"))


def generate(size: int, seed: int) -> tuple[list[Triple], int]:
    rng = random.Random(seed)
    triples: list[Triple] = []
    i = 0
    while len(triples) < size:
        triples.extend(concept_triples(i, rng))
        i += 1
    return triples, i


def timed(work: Callable[[], ValidationReport], rounds: int) -> tuple[list[float], ValidationReport]:
    times, report = [], ValidationReport(())
    for _ in range(rounds):
        start = time.perf_counter()
        report = work()
        times.append(time.perf_counter() - start)
    return times, report


def full(store: object, rounds: int) -> dict[str, object]:
    shapes = shapes_graph(SHAPES)
    base_t, base = timed(lambda: validate_rdflib(targeted_subgraph(lambda: store.quads(GRAPH), shapes), shapes),
                         rounds)
    comp_t, comp = timed(lambda: validate_graph(store, GRAPH, SHAPES), rounds)
    assert set(base.results) == set(comp.results), "compiled and pySHACL reports differ"
    assert len(base.results) == len(comp.results)
    return {"results": len(comp.results), "violations": comp.violations, "warnings": comp.warnings,
            "pyshacl_s": base_t, "compiled_s": comp_t,
            "ratio": statistics.median(base_t) / statistics.median(comp_t)}


def incremental(store: object, triples: list[Triple], concepts: int, changed: int, rounds: int,
                seed: int) -> dict[str, object]:
    rng = random.Random(seed)
    focus = [NamedNode(f"{BENCH}{i}") for i in rng.sample(range(concepts), changed)]
    wanted = set(focus)
    sub = {t for t in triples if t.subject in wanted}
    shapes = shapes_graph(SHAPES)
    quads = [Quad(t.subject, t.predicate, t.object) for t in sub]
    base_t, base = timed(lambda: validate_rdflib(targeted_subgraph(lambda: quads, shapes), shapes), rounds * 5)
    comp_t, comp = timed(lambda: validate_triples(store.settings, sub, SHAPES, list(focus)), rounds * 5)
    assert set(base.results) == set(comp.results), "incremental reports differ"
    compiled = compiled_shapes(SHAPES)
    assert compiled is not None
    values_t = []
    for _ in range(rounds * 5):
        start = time.perf_counter()
        over_all = run_compiled(store, GRAPH, compiled, focus)
        values_t.append(time.perf_counter() - start)
    assert len({(str(r.focus), str(r.shape), r.value and str(r.value)) for r in over_all}) == len(comp.results)
    return {"changed": changed, "results": len(comp.results), "pyshacl_subgraph_ms": 1000 * statistics.median(base_t),
            "compiled_subgraph_ms": 1000 * statistics.median(comp_t),
            "compiled_values_over_graph_ms": 1000 * statistics.median(values_t),
            "ratio": statistics.median(base_t) / statistics.median(comp_t)}


def run(size: int, rounds: int, changed: int, seed: int) -> dict[str, object]:
    triples, concepts = generate(size, seed)
    store = open_store(Settings(store=":memory:"))
    store.hide(GRAPH)  # staged like a load: hidden from reads, read by the gate
    start = time.perf_counter()
    store.stage(GRAPH, (Quad(t.subject, t.predicate, t.object, GRAPH) for t in triples))
    staged = time.perf_counter() - start
    out: dict[str, object] = {"triples": len(triples), "concepts": concepts, "stage_s": staged}
    out["full"] = full(store, rounds)
    out["incremental"] = incremental(store, triples, concepts, changed, rounds, seed)
    store.close()
    return out


def amsterdam(rounds: int) -> None:
    from loaders.amsterdam import AMSTERDAM_SCHEMA_LOADER, FIELD_CONCEPTS_OPTION
    from loaders.base import Source

    folder = ROOT.parent / "shared" / "data" / "amsterdam-schema"
    for option in ("nee", "ja"):
        source = Source(name="amsterdam-schema", paths=(folder,), graph=GRAPH, base_iri="https://stelselgraaf.nl/",
                        options={FIELD_CONCEPTS_OPTION: option})
        store = open_store(Settings(store=":memory:"))
        store.hide(GRAPH)
        count = store.stage(GRAPH, AMSTERDAM_SCHEMA_LOADER.load(source))
        f = full(store, rounds)
        print(f"amsterdam-schema, {FIELD_CONCEPTS_OPTION}={option}: {count:,} triples, {f['results']} results, "
              f"identical; pySHACL {statistics.median(f['pyshacl_s']):.2f} s, compiled "
              f"{statistics.median(f['compiled_s']):.3f} s -> {f['ratio']:.1f}x")
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--changed", type=int, default=100)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--amsterdam", action="store_true", help="the real amsterdam-schema instead")
    args = parser.parse_args()
    if args.amsterdam:
        amsterdam(args.rounds)
        return
    for size in args.sizes:
        result = run(size, args.rounds, args.changed, args.seed)
        if args.json:
            print(json.dumps(result))
            continue
        f, inc = result["full"], result["incremental"]
        assert isinstance(f, dict) and isinstance(inc, dict)
        print(f"{result['triples']:,} triples, {result['concepts']:,} concepts (staged in {result['stage_s']:.1f} s): "
              f"{f['results']} results ({f['violations']} violations, {f['warnings']} warnings), identical")
        print(f"  full gate: pySHACL {statistics.median(f['pyshacl_s']):.2f} s, compiled "
              f"{statistics.median(f['compiled_s']):.3f} s -> {f['ratio']:.1f}x  (rounds: pySHACL "
              f"{[round(t, 2) for t in f['pyshacl_s']]}, compiled {[round(t, 3) for t in f['compiled_s']]})")
        print(f"  incremental ({inc['changed']} concepts): pySHACL on the sub-graph "
              f"{inc['pyshacl_subgraph_ms']:.1f} ms, compiled on the sub-graph {inc['compiled_subgraph_ms']:.1f} ms "
              f"-> {inc['ratio']:.1f}x; compiled VALUES over the whole graph "
              f"{inc['compiled_values_over_graph_ms']:.1f} ms")


if __name__ == "__main__":
    main()
