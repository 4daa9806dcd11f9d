"""Benchmark of definition conflict detection at 100k definitions (issue 5); not a test.

    .venv/bin/python bench/conflicts.py [--size 100000] [--changes 300] [--seed 5]

Loads the real laws (../shared/data/bwb-wettenbestand-2012/xml), IMGeo and the Netbeheer
begrippenkader, reads their definitions, and adds generated Dutch-like definitions up to
``--size``: terms compounded from real term words, definitions built from real definitions with
half of their content words swapped for other real words, with planted conflicts (same-term
copies, reworded variants, other meanings of a term, different terms with the same text,
"als bedoeld in" references, definitions using their own term). Then it measures:

* full conflict scan (``ConflictIndex.build``) and the memory it holds (RSS delta);
* incremental update for one changed definition (``ConflictIndex.apply``): text change, term
  change; and the what-if ``preview`` that change proposals use (``conflicts_for``);
* baselines in the same run: all-pairs comparison (a sample of pairs, extrapolated to every pair),
  a SPARQL ``GROUP BY`` on the lower-cased term over the same definitions in an in-memory store
  (it only groups, it does not classify), and the full rescan that a non-incremental design
  needs for every change.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.begrippen.definitions import DefinitionRecord, all_definitions  # noqa: E402
from graph.conflicts.index import ConflictIndex, fingerprints  # noqa: E402
from graph.open import open_store  # noqa: E402
from graph.rdf.terms import Literal, NamedNode, Quad  # noqa: E402
from graph.settings import Settings  # noqa: E402
from graph.store.base import GraphStore  # noqa: E402
from graph.text.normalise import STOPWORDS, words  # noqa: E402
from graph.text.similarity import definition_similarity  # noqa: E402
from loaders.pipeline import load  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
BASE = "https://stelselgraaf.nl/"
BENCH = "https://bench.stelselgraaf.example/begrip/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
GROUP_BY = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?key (COUNT(?c) AS ?n) WHERE { ?c skos:prefLabel ?l ; skos:definition ?d BIND(LCASE(STR(?l)) AS ?key) }
GROUP BY ?key HAVING (COUNT(?c) > 1)"""


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def real_records() -> list[DefinitionRecord]:
    store = open_store(Settings(store=":memory:"))
    load(store, [DATA / "bwb-wettenbestand-2012" / "xml"], name="wetten", fmt="bwb")
    load(store, [DATA / "val-nl-sbb-imgeo" / "tmp-imgeo.ttl"], name="imgeo", fmt="rdf")
    load(store, [DATA / "netbeheer-begrippen" / "begrippenkader.ttl"], name="netbeheer", fmt="rdf")
    records = all_definitions(store)
    store.close()
    return records


class Generator:
    """Dutch-like definitions from the real vocabulary, with planted conflicts."""

    def __init__(self, real: Sequence[DefinitionRecord], rng: random.Random) -> None:
        self.rng = rng
        self.texts = [r.definition for r in real]
        self.term_words = sorted({w for r in real for w in words(r.term) if len(w) > 3})
        self.content = sorted({w for r in real for w in words(r.definition) if w not in STOPWORDS and len(w) > 2})
        self.made: list[DefinitionRecord] = []

    def _term(self) -> str:
        head, tail = self.rng.choice(self.term_words), self.rng.choice(self.term_words)
        return head + tail if self.rng.random() < 0.6 else f"{self.rng.choice(self.term_words)} {head}"

    def _text(self) -> str:
        return " ".join(self.rng.choice(self.content) if w not in STOPWORDS and self.rng.random() < 0.5 else w
                        for w in self.rng.choice(self.texts).split())

    def _reword(self, text: str) -> str:
        parts = text.split()
        if len(parts) > 4:
            del parts[self.rng.randrange(len(parts))]
            parts[self.rng.randrange(len(parts))] = self.rng.choice(["de", "het", "een", "bij", "of"])
        return " ".join(parts)

    def record(self, n: int) -> DefinitionRecord:
        roll, earlier = self.rng.random(), (self.rng.choice(self.made) if self.made else None)
        term, text = self._term(), self._text()
        if earlier is not None and roll < 0.03:
            term, text = earlier.term, earlier.definition                      # identical copy
        elif earlier is not None and roll < 0.06:
            term, text = earlier.term, self._reword(earlier.definition)        # variant
        elif earlier is not None and roll < 0.08:
            term = earlier.term                                                 # homonym
        elif earlier is not None and roll < 0.09:
            text = self._reword(earlier.definition)                             # synonym
        elif roll < 0.10:
            text = f"{term}, bedoeld in artikel {n % 90 + 1} van de {self.rng.choice(self.term_words)}wet"
        elif roll < 0.11:
            text = f"{text} en elke andere {term}"                             # circular
        record = DefinitionRecord(iri=f"{BENCH}{n}", term=term, definition=text,
                                  scheme_iri=f"{BENCH}kader-{n % 50}", scheme_label=f"Kader {n % 50}")
        self.made.append(record)
        return record


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def percentile(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def ms(values: Sequence[float]) -> str:
    return (f"p50 {statistics.median(values) * 1000:.1f} ms, p95 {percentile(values, 0.95) * 1000:.1f} ms, "
            f"max {max(values) * 1000:.1f} ms")


def sparql_store(records: Sequence[DefinitionRecord]) -> GraphStore:
    store = open_store(Settings(store=":memory:"))
    graph = NamedNode("https://bench.stelselgraaf.example/graph")
    typ, concept = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), NamedNode(SKOS + "Concept")
    label, definition = NamedNode(SKOS + "prefLabel"), NamedNode(SKOS + "definition")

    def quads() -> object:
        for r in records:
            node = NamedNode(r.iri)
            yield Quad(node, typ, concept, graph)
            yield Quad(node, label, Literal(r.term, language="nl"), graph)
            yield Quad(node, definition, Literal(r.definition, language="nl"), graph)

    store.stage(graph, quads())  # type: ignore[arg-type]
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--changes", type=int, default=300)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    real = real_records()
    gen = Generator(real, rng)
    records = real + [gen.record(n) for n in range(max(0, args.size - len(real)))]
    print(f"definitions: {len(records):,} ({len(real):,} real, {len(records) - len(real):,} generated)")

    gc.collect()
    before = rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    index = ConflictIndex.build(BASE, records)
    full, full_cpu = time.perf_counter() - start, time.process_time() - cpu
    held = rss_mb() - before
    counts = Counter(c.type for c in index.conflicts())
    print(f"full conflict scan: {full:.1f} s wall, {full_cpu:.1f} s CPU; {sum(counts.values()):,} conflicts "
          f"{dict(sorted(counts.items()))}")
    print(f"memory: index + text caches add {held:.0f} MB RSS (process {rss_mb():.0f} MB)")

    generated = records[len(real):]
    text_changes, term_changes, previews = [], [], []
    for _ in range(args.changes):
        old = rng.choice(generated)
        changed = replace(old, definition=gen._reword(old.definition) + " " + rng.choice(gen.content))
        text_changes.append(timed(lambda c=changed: index.apply([c], [])))  # type: ignore[misc]
        renamed = replace(changed, term=gen._term())
        term_changes.append(timed(lambda r=renamed: index.apply([r], [])))  # type: ignore[misc]
        draft = replace(renamed, iri=renamed.iri + "-voorstel", definition=gen._text())
        previews.append(timed(lambda d=draft: index.preview([d])))  # type: ignore[misc]
    print(f"incremental, one definition's text changed: {ms(text_changes)}")
    print(f"incremental, one definition's term changed: {ms(term_changes)}")
    print(f"what-if (conflicts_for) for one draft:      {ms(previews)}")

    sample = [(rng.choice(records).definition, rng.choice(records).definition) for _ in range(20_000)]
    per_pair = timed(lambda: [definition_similarity(a, b) for a, b in sample]) / len(sample)
    pairs = len(records) * (len(records) - 1) / 2
    print(f"baseline all pairs: {per_pair * 1e6:.1f} µs per pair × {pairs:.2e} pairs ≈ "
          f"{per_pair * pairs / 3600:.1f} h (extrapolated from {len(sample):,} pairs)")
    store = sparql_store(records)
    rows: list[object] = []
    grouped = timed(lambda: rows.extend(store.select(GROUP_BY)))
    print(f"baseline SPARQL GROUP BY lower-cased term: {grouped:.1f} s, {len(rows):,} groups "
          f"(grouping only: no folding of articles/diacritics, no classification, no synonyms)")
    scan = timed(lambda: fingerprints(store))
    reread = timed(lambda: all_definitions(store))
    print(f"refresh after a write: light scan of the store (fingerprints) {scan:.1f} s; "
          f"a full re-read (all_definitions) would take {reread:.1f} s")
    print(f"baseline incremental = full rescan per change: {full:.1f} s")
    store.close()


if __name__ == "__main__":
    main()
