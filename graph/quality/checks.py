"""Quality checks on SKOS / NL-SBB begrippenkaders that SHACL cannot express.

Pure functions over a ``GraphStore``: the facts are read with the ``quality_*.rq`` queries
(optionally restricted to one named graph through a binding) and judged in Python.
Each finding is a frozen ``QualityFinding`` with a Dutch message.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from graph import queries, sources
from graph.errors import InvalidQuery, NotFound
from graph.rdf.terms import Literal, NamedNode
from graph.store.base import Bindings, GraphStore, Row
from graph.text import describe, encoding_defect

SKOS = "http://www.w3.org/2004/02/skos/core#"
PREF_LABEL = SKOS + "prefLabel"
DEFINITION = SKOS + "definition"

WORD = re.compile(r"\w+")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
COPULAS = frozenset({"is", "zijn", "relateert", "verbindt", "relates", "are"})


@dataclass(frozen=True)
class QualityFinding:
    """One content defect of one concept."""

    check: str
    severity: str
    concept: str
    scheme: str | None
    message: str


@dataclass(frozen=True)
class TextValue:
    """A literal of a concept."""

    concept: str
    predicate: str
    text: str
    language: str | None


@dataclass(frozen=True)
class Facts:
    """What the checks need to know about the concepts in scope."""

    concepts: frozenset[str]
    known_concepts: frozenset[str]
    """Every skos:Concept in any graph (for dangling links)."""
    schemes: Mapping[str, tuple[str, ...]]
    top: frozenset[str]
    broader: tuple[tuple[str, str], ...]
    related: frozenset[str]
    texts: tuple[TextValue, ...]

    def scheme_of(self, concept: str) -> str | None:
        found = self.schemes.get(concept, ())
        return found[0] if found else None


def _select(store: GraphStore, name: str, graph: NamedNode | None) -> list[Row]:
    bindings: Bindings | None = {"g": graph} if graph is not None else None
    return store.select(queries.query(name), bindings)


def _iris(rows: Iterable[Row], key: str) -> frozenset[str]:
    return frozenset(row[key].value for row in rows if isinstance(row.get(key), NamedNode))


def _texts(rows: Iterable[Row]) -> tuple[TextValue, ...]:
    found = set()
    for row in rows:
        text, concept = row["text"], row["concept"]
        if isinstance(text, Literal) and isinstance(concept, NamedNode):
            found.add(TextValue(concept.value, row["p"].value, text.value, text.language or None))
    return tuple(sorted(found, key=lambda t: (t.concept, t.predicate, t.text)))


def collect_facts(store: GraphStore, graph: NamedNode | None = None) -> Facts:
    """Read the concepts, schemes, hierarchy and texts in scope (one graph or all)."""
    schemes: dict[str, set[str]] = defaultdict(set)
    top = set()
    for row in _select(store, "quality_schemes", graph):
        concept, scheme = row["concept"].value, row["scheme"].value
        schemes[concept].add(scheme)
        if row["top"].value == "true":
            top.add(concept)
    broader = {(row["concept"].value, row["broader"].value)
               for row in _select(store, "quality_broader", graph)}
    return Facts(
        concepts=_iris(_select(store, "quality_concepts", graph), "concept"),
        known_concepts=_iris(_select(store, "quality_concepts", None), "concept"),
        schemes={c: tuple(sorted(s)) for c, s in schemes.items()},
        top=frozenset(top), broader=tuple(sorted(broader)),
        related=_iris(_select(store, "quality_related", graph), "concept"),
        texts=_texts(_select(store, "quality_literals", graph)),
    )


def normalise(text: str) -> str:
    """Case-folded, NFC, single spaces, without a closing full stop."""
    folded = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    return folded.rstrip(" .;:")


def words(text: str) -> list[str]:
    """The word sequence of a text (letters and digits; punctuation and hyphens split)."""
    return WORD.findall(unicodedata.normalize("NFC", text).casefold())


def find_sequence(haystack: list[str], needle: list[str], start: int = 0) -> int:
    """Index of the first contiguous run of ``needle`` in ``haystack`` from ``start``, or -1."""
    size = len(needle)
    return next((i for i in range(start, len(haystack) - size + 1)
                 if size and haystack[i:i + size] == needle), -1)


def uses_own_term(definition: str, term: str) -> bool:
    """Whether the first sentence of ``definition`` defines ``term`` with ``term`` itself.

    An opening definiendum ("Een fontein is een …", "«omvat» relateert …") is not a use:
    when the term stands within the first four words and a copula follows within six words,
    only the words after that copula count.
    """
    sentence, needle = words(SENTENCE_END.split(definition.strip())[0]), words(term)
    first = find_sequence(sentence, needle)
    if first < 0:
        return False
    end = first + len(needle)
    copula = next((i for i in range(end, min(end + 7, len(sentence)))
                   if sentence[i] in COPULAS), -1)
    if first > 3 or copula < 0:
        return True
    return find_sequence(sentence, needle, copula + 1) >= 0


def _texts_of(facts: Facts, predicate: str) -> list[TextValue]:
    return [t for t in facts.texts if t.predicate == predicate and t.concept in facts.concepts]


def _finding(facts: Facts, check: str, severity: str, concept: str, message: str,
             scheme: str | None = None) -> QualityFinding:
    return QualityFinding(check, severity, concept, scheme or facts.scheme_of(concept), message)


def duplicate_preflabels(facts: Facts) -> list[QualityFinding]:
    """Two or more concepts of one scheme with the same (normalised) prefLabel."""
    groups: dict[tuple[str, str | None, str], set[str]] = defaultdict(set)
    for label in _texts_of(facts, PREF_LABEL):
        for scheme in facts.schemes.get(label.concept, ()):
            groups[(scheme, label.language, normalise(label.text))].add(label.concept)
    findings = []
    for (scheme, _lang, text), concepts in sorted(groups.items(), key=lambda i: i[0][0] + i[0][2]):
        for concept in sorted(concepts) if len(concepts) > 1 else ():
            others = ", ".join(c for c in sorted(concepts) if c != concept)
            findings.append(_finding(facts, "duplicate-preflabel", "Warning", concept,
                                     f"De voorkeursterm '{text}' komt binnen begrippenkader "
                                     f"{scheme} ook voor bij: {others}", scheme))
    return findings


def identical_definitions(facts: Facts) -> list[QualityFinding]:
    """Different concepts whose definitions are the same after normalisation."""
    groups: dict[tuple[str | None, str], set[str]] = defaultdict(set)
    for definition in _texts_of(facts, DEFINITION):
        groups[(definition.language, normalise(definition.text))].add(definition.concept)
    findings = []
    for (_lang, text), concepts in sorted(groups.items(), key=lambda i: i[0][1]):
        for concept in sorted(concepts) if len(concepts) > 1 else ():
            others = ", ".join(c for c in sorted(concepts) if c != concept)
            findings.append(_finding(facts, "identical-definition", "Warning", concept,
                                     f"De definitie '{text}' is niet onderscheidend: "
                                     f"dezelfde definitie staat bij {others}"))
    return findings


def circular_definitions(facts: Facts) -> list[QualityFinding]:
    """A definition that uses the concept's own term (as a word sequence)."""
    labels = defaultdict(list)
    for label in _texts_of(facts, PREF_LABEL):
        labels[label.concept].append(label)
    findings = set()
    for definition in _texts_of(facts, DEFINITION):
        for label in labels[definition.concept]:
            same_language = None in (label.language, definition.language) or (
                label.language == definition.language)
            if same_language and uses_own_term(definition.text, label.text):
                findings.add(_finding(facts, "circular-definition", "Warning", definition.concept,
                                      f"De definitie gebruikt de eigen term '{label.text}': "
                                      f"'{definition.text}'"))
    return sorted(findings, key=lambda f: (f.concept, f.message))


def orphan_concepts(facts: Facts) -> list[QualityFinding]:
    """Concepts that are no top concept and have no broader, narrower or related link."""
    linked = {c for pair in facts.broader for c in pair} | facts.related
    return [_finding(facts, "orphan-concept", "Warning", concept,
                     "Verweesd begrip: geen topbegrip en geen bovenliggend, onderliggend of "
                     "gerelateerd begrip")
            for concept in sorted(facts.concepts - facts.top - linked)]


def dangling_broader(facts: Facts) -> list[QualityFinding]:
    """Broader links whose target is nowhere typed skos:Concept."""
    return [_finding(facts, "dangling-broader", "Violation", concept,
                     f"Het bovenliggende begrip {target} bestaat nergens als skos:Concept")
            for concept, target in facts.broader
            if concept in facts.concepts and target not in facts.known_concepts]


def top_concepts_with_broader(facts: Facts) -> list[QualityFinding]:
    """Top concepts that nevertheless have a broader concept."""
    return [_finding(facts, "top-concept-with-broader", "Warning", concept,
                     f"Topbegrip heeft toch een bovenliggend begrip: {target}")
            for concept, target in facts.broader
            if concept in facts.top and concept in facts.concepts]


def encoding_errors(facts: Facts) -> list[QualityFinding]:
    """Mojibake, control characters or U+FFFD in a concept's texts (``graph.text.encoding``,
    the detector of the load gate too)."""
    findings = []
    for value in facts.texts:
        defect = encoding_defect(value.text) if value.concept in facts.concepts else None
        if defect is not None:
            findings.append(_finding(facts, "encoding-error", "Violation", value.concept,
                                     f"{describe(defect)} in {value.predicate}: '{value.text}'"))
    return findings


CHECKS: dict[str, Callable[[Facts], list[QualityFinding]]] = {
    "duplicate-preflabel": duplicate_preflabels,
    "identical-definition": identical_definitions,
    "circular-definition": circular_definitions,
    "orphan-concept": orphan_concepts,
    "dangling-broader": dangling_broader,
    "top-concept-with-broader": top_concepts_with_broader,
    "encoding-error": encoding_errors,
}


def run_checks(store: GraphStore, graph: NamedNode | None = None,
               checks: Iterable[str] | None = None) -> list[QualityFinding]:
    """Run the named checks (default: all) over one named graph, or over all graphs."""
    names = list(checks) if checks is not None else list(CHECKS)
    unknown = [name for name in names if name not in CHECKS]
    if unknown:
        raise InvalidQuery(f"unknown quality check(s) {', '.join(unknown)}; "
                           f"known: {', '.join(CHECKS)}")
    facts = collect_facts(store, graph)
    return [finding for name in names for finding in CHECKS[name](facts)]


def counts(findings: Iterable[QualityFinding]) -> dict[str, int]:
    """Number of findings per check."""
    return dict(Counter(finding.check for finding in findings))


def source_graph(store: GraphStore, name: str) -> NamedNode:
    """The named graph of a loaded source; NotFound when no such source is loaded."""
    for record in sources.list_sources(store):
        if record.name == name:
            return NamedNode(record.graph)
    raise NotFound(f"no source named {name!r} is loaded")
