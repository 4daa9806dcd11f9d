"""Benchmark of drafter search and the drafter check at 100k definitions (issue 5); not a test.

    .venv/bin/python bench/search.py [--size 100000] [--queries 300] [--seed 5]

Loads the real laws (../shared/data/bwb-wettenbestand-2012/xml), IMGeo and the Netbeheer
begrippenkader into an in-memory store, adds generated Dutch-like definitions up to ``--size``
(terms compounded from real term words, definitions made from real definitions with half of their
content words swapped for other real words), loads them through the normal pipeline (rdf loader,
SHACL gate), then measures:

* index build time and the RSS it adds;
* search latency (``graph.search.search`` plus building the 20 items with highlights) for real
  terms with typos, plural endings, parts of compounds and upper case;
* check latency (``graph.search.draft_check.check`` with a draft definition plus the match items);
* beside each: a naive baseline on the same store — a SPARQL ``CONTAINS`` scan over labels for
  search, a SPARQL ``REGEX`` scan over definitions for the check — and how often each finds the
  intended definition.
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.begrippen.definitions import all_definitions  # noqa: E402
from graph.open import open_store  # noqa: E402
from graph.queries import query  # noqa: E402
from graph.rdf.terms import Literal, NamedNode  # noqa: E402
from graph.search.draft_check import check, match_item  # noqa: E402
from graph.search.service import Filters, SearchIndex, item, search, source_names_of  # noqa: E402
from graph.settings import Settings  # noqa: E402
from graph.store.base import GraphStore  # noqa: E402
from graph.text.normalise import STOPWORDS, words  # noqa: E402
from loaders.pipeline import load  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
SKOS = "http://www.w3.org/2004/02/skos/core#"
BENCH = "https://bench.stelselgraaf.example/begrip/"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def load_real(store: GraphStore) -> None:
    load(store, sorted((DATA / "bwb-wettenbestand-2012" / "xml").glob("*.xml")), name="wetten", fmt="bwb")
    load(store, [DATA / "val-nl-sbb-imgeo" / "tmp-imgeo.ttl"], name="imgeo", fmt="rdf")
    load(store, [DATA / "netbeheer-begrippen" / "begrippenkader.ttl"], name="netbeheer", fmt="rdf")


def generate(real: Sequence[tuple[str, str]], count: int, rng: random.Random, path: Path) -> None:
    """``count`` Dutch-like concepts from the real vocabulary, as N-Triples in ``path``."""
    term_words = sorted({w for term, _ in real for w in words(term) if len(w) > 3})
    content = sorted({w for _, d in real for w in words(d) if w not in STOPWORDS and len(w) > 2})
    prefl, definition, concept = (NamedNode(SKOS + n) for n in ("prefLabel", "definition", "Concept"))
    rdf_type, in_scheme = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), NamedNode(SKOS + "inScheme")
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            node = NamedNode(f"{BENCH}{n}")
            head, tail = rng.choice(term_words), rng.choice(term_words)
            term = head + tail if rng.random() < 0.6 else f"{rng.choice(term_words)} {head}"
            text = " ".join(rng.choice(content) if w not in STOPWORDS and rng.random() < 0.5 else w
                            for w in rng.choice(real)[1].split())
            scheme = NamedNode(f"{BENCH}kader-{n % 50}")
            for p, o in ((rdf_type, concept), (prefl, Literal(term, language="nl")),
                         (definition, Literal(text, language="nl")), (in_scheme, scheme)):
                out.write(f"{node} {p} {o} .\n")


def typo(word: str, rng: random.Random) -> str:
    at = rng.randrange(1, max(2, len(word) - 1))
    return word[:at] + word[at + 1:]


def search_queries(real_terms: Sequence[str], rng: random.Random, count: int) -> list[tuple[str, str]]:
    """(query, intended term) pairs: typos, plurals, upper case, parts of compounds."""
    out: list[tuple[str, str]] = []
    terms = [t for t in real_terms if len(t) >= 6]
    for n in range(count):
        term = rng.choice(terms)
        kind = n % 4
        text = [typo(term, rng), term + "en", term.upper(), term[len(term) // 3:]][kind]
        out.append((text, term))
    return out


def percentile(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


CPU: list[float] = []
"""CPU time (ms) of each timed call, beside its wall-clock time: the machine may be shared."""


def timed(run: Callable[[], object]) -> tuple[float, object]:
    start, cpu = time.perf_counter(), time.process_time()
    result = run()
    CPU.append((time.process_time() - cpu) * 1000)
    return (time.perf_counter() - start) * 1000, result




def summary(name: str, times: Sequence[float], found: int, total: int) -> str:
    return (f"| {name} | {statistics.median(times):.1f} | {percentile(times, 95):.1f} | "
            f"{max(times):.1f} | {found}/{total} |")


def _pattern(text: str) -> str:
    """The naive check: a REGEX alternation of the draft's five longest content words."""
    longest = sorted({w for w in words(text) if w not in STOPWORDS}, key=lambda w: (-len(w), w))[:5]
    return "|".join(re.escape(w) for w in longest) or "x"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--baseline", type=int, default=20, help="queries also run on the (slow) baselines")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    store = open_store(Settings(store=":memory:"))
    load_real(store)
    real_index = SearchIndex.load(store)
    real = [(r.term, r.definition) for r in real_index.records]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.nt"
        generate(real, max(0, args.size - len(real)), rng, path)
        started = time.perf_counter()
        load(store, [path], name="bench", fmt="rdf")
        print(f"generated and loaded {args.size - len(real):,} definitions in {time.perf_counter() - started:.1f} s")
    del real_index
    gc.collect()
    before = rss_mb()
    read_ms, records = timed(lambda: (all_definitions(store), source_names_of(store)))
    build_ms, index = timed(lambda: SearchIndex(*records, generation=store.generation()))  # type: ignore[misc]
    assert isinstance(index, SearchIndex)
    after = rss_mb()
    print(f"\n{len(index.records):,} definitions; reading them from the store (definitions.rq) "
          f"{read_ms / 1000:.1f} s (CPU {CPU[-2] / 1000:.1f} s); building the index {build_ms / 1000:.1f} s "
          f"(CPU {CPU[-1] / 1000:.1f} s); "
          f"RSS {before:.0f} → {after:.0f} MB (+{after - before:.0f} MB, records and index)\n")
    run_search(store, index, search_queries([t for t, _ in real], rng, args.queries), args.baseline)
    run_check(store, index, real, rng, args.queries // 3, args.baseline)
    store.close()
    return 0


def run_search(store: GraphStore, index: SearchIndex, queries: list[tuple[str, str]], baseline: int) -> None:
    ours, naive, found_ours, found_naive, cpu = [], [], 0, 0, []
    for n, (text, term) in enumerate(queries):
        ms, page = timed(lambda text=text: [item(h, text) for h in search(index, text, Filters(), limit=20,
                                                                          offset=0).hits[:20]])
        ours.append(ms)
        cpu.append(CPU[-1])
        found_ours += any(entry["term"] == term for entry in page[:3])  # type: ignore[index]
        if n >= baseline:
            continue
        ms, rows = timed(lambda text=text: store.select(query("search_baseline_terms"),
                                                        {"needle": Literal(text.casefold())}))
        naive.append(ms)
        found_naive += any(row["label"].value == term for row in rows)  # type: ignore[attr-defined]
    print("| search | p50 ms | p95 ms | max ms | intended term found (top 3 / any row) |\n|---|---|---|---|---|")
    print(summary("Stelselgraaf search (index)", ours, found_ours, len(queries)))
    print(f"(search CPU time: p50 {statistics.median(cpu):.1f} ms, p95 {percentile(cpu, 95):.1f} ms)")
    print(summary("baseline: SPARQL CONTAINS scan on labels", naive, found_naive, len(naive)))


def run_check(store: GraphStore, index: SearchIndex, real: Sequence[tuple[str, str]], rng: random.Random,
              count: int, baseline: int) -> None:
    ours, naive, found_ours, found_naive, cpu = [], [], 0, 0, []
    for n, (_, definition) in enumerate(rng.sample([r for r in real if len(r[1].split()) >= 6], count)):
        kept = [w for w in definition.split() if rng.random() < 0.7]
        draft = " ".join(kept)
        ms, result = timed(lambda draft=draft: check(index, "ontwerpterm", draft))
        items = [match_item(index, m, "ontwerpterm", draft) for m in result.matches]  # type: ignore[attr-defined]
        ours.append(ms)
        cpu.append(CPU[-1])
        found_ours += any(entry["definition"] == definition for entry in items[:3])
        if n >= baseline:
            continue
        ms, rows = timed(lambda draft=draft: store.select(query("search_baseline_definitions"),
                                                          {"pattern": Literal(_pattern(draft))}))
        naive.append(ms)
        found_naive += any(row["definition"].value == definition for row in rows)  # type: ignore[attr-defined]
    print("\n| check (draft = 70% of a real definition's words) | p50 ms | p95 ms | max ms | "
          "original found (top 3 / any row) |\n|---|---|---|---|---|")
    print(summary("Stelselgraaf check (TF-IDF char 3-grams)", ours, found_ours, count))
    print(f"(check CPU time: p50 {statistics.median(cpu):.1f} ms, p95 {percentile(cpu, 95):.1f} ms)")
    print(summary("baseline: SPARQL REGEX scan on definitions", naive, found_naive, len(naive)))


if __name__ == "__main__":
    sys.exit(main())
