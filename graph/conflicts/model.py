"""The ``Conflict`` record, its deterministic IRI and its Dutch explanation for drafters."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from graph.begrippen.definitions import DefinitionRecord
from graph.conflicts.classify import Verdict
from graph.rdf.iris import short_hash, slug, thing
from graph.rdf.namespaces import RDF, RDFS, SKOS, STG
from graph.rdf.terms import NamedNode, Triple, lit
from graph.rdf.vocab import CONFLICT_TYPE_TERMS
from graph.text.normalise import term_key

STATUS_TERMS = {"open": "conflictOpen", "geaccepteerd": "conflictGeaccepteerd",
                "opgelost": "conflictOpgelost"}
MAX_LISTED = 6
"""Meanings or sources named in one explanation before "en nog …"."""


@dataclass(frozen=True)
class Conflict:
    """A group of definitions that overlap or contradict each other, with what to do about it."""

    iri: str
    ref: str
    """The id in ``/v1/conflicts/{ref}``: ``{type}-{slug of the term(s)}``."""
    type: str
    term: str
    key: str
    """Normalised term (``term_key``); for synonyms the keys joined by ' | '."""
    records: tuple[DefinitionRecord, ...]
    explanation: str
    meanings: tuple[tuple[str, ...], ...] = ()
    """Member IRIs by meaning (homonyms: one tuple per meaning)."""
    status: str = "open"
    note: str | None = None
    modified: str | None = None

    @property
    def members(self) -> tuple[str, ...]:
        """IRIs of the member definitions."""
        return tuple(r.iri for r in self.records)

    @property
    def type_iri(self) -> str:
        return STG[CONFLICT_TYPE_TERMS[self.type]].value

    def with_status(self, status: str, note: str | None, modified: str | None) -> Conflict:
        return replace(self, status=status, note=note, modified=modified)

    @property
    def type_label(self) -> str:
        """The Dutch name of the type (``homoniem``, ``ontleend``, …)."""
        return CONFLICT_TYPE_TERMS[self.type]


def conflict_ref(kind: str, name: str) -> str:
    """``{kind}-{slug}``; long names keep a readable prefix plus a hash."""
    text = slug(name)
    if len(text) > 60:
        text = f"{text[:40]}-{short_hash(name, length=10)}"
    return f"{kind}-{text}"


def source_label(record: DefinitionRecord) -> str:
    """'Wet basisregistraties adressen en gebouwen, artikel 1' or the scheme's label."""
    title = record.source.title or record.scheme_label or record.source.label or "onbekende bron"
    return f"{title}, artikel {record.source.article}" if record.source.article else title


def source_key(record: DefinitionRecord) -> str:
    """What counts as one source: the law (BWB id) or the begrippenkader."""
    return record.source.bwb_id or record.scheme_iri or record.source.iri or record.source.label or ""


def _quote(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    return f"‘{text if len(text) <= limit else text[:limit - 1].rstrip() + '…'}’"


def _where(records: Sequence[DefinitionRecord]) -> str:
    laws = {source_key(r) for r in records}
    all_laws = all(r.source.bwb_id for r in records)
    return f"{len(laws)} {'wetten' if all_laws else 'bronnen'}" if len(laws) != 1 else (
        "één " + ("wet" if all_laws else "bron"))


def _sources(records: Sequence[DefinitionRecord]) -> str:
    labels = list(dict.fromkeys(source_label(r) for r in records))
    more = f" en nog {len(labels) - MAX_LISTED}" if len(labels) > MAX_LISTED else ""
    return "; ".join(labels[:MAX_LISTED]) + more


def _borrowed_note(borrowed: Sequence[DefinitionRecord]) -> str:
    if not borrowed:
        return ""
    return (f" Daarnaast {'verwijst' if len(borrowed) == 1 else 'verwijzen'} {len(borrowed)} "
            f"definitie(s) naar een andere bepaling ({_sources(borrowed)}).")


def explain_group(term: str, verdict: Verdict) -> str:
    """The Dutch explanation of a same-term conflict."""
    own = [r for cluster in verdict.clusters for r in cluster]
    members = own + list(verdict.borrowed)
    where = _where(members)
    if verdict.type == "identical":
        return (f"De term ‘{term}’ is in {where} met dezelfde tekst gedefinieerd: {_quote(own[0].definition)} "
                f"({_sources(own)}). Eén definitie waarnaar de andere verwijzen voorkomt dat ze uit elkaar "
                f"gaan lopen.{_borrowed_note(verdict.borrowed)}")
    if verdict.type == "variant":
        return (f"De term ‘{term}’ heeft in {where} dezelfde betekenis, maar anders geformuleerd "
                f"({_sources(own)}). Kies één formulering of verwijs naar één bron."
                f"{_borrowed_note(verdict.borrowed)}")
    if verdict.type == "homonym":
        listed = [f"{i}) {_quote(c[0].definition, 90)} ({_sources(c)})"
                  for i, c in enumerate(verdict.clusters[:MAX_LISTED], 1)]
        more = (f"; en nog {len(verdict.clusters) - MAX_LISTED} betekenis(sen)"
                if len(verdict.clusters) > MAX_LISTED else "")
        return (f"De term ‘{term}’ heeft in {where} {len(verdict.clusters)} verschillende betekenissen: "
                f"{'; '.join(listed)}{more}. Gebruik in nieuwe regelgeving een preciezere term of verwijs "
                f"naar de bedoelde definitie.{_borrowed_note(verdict.borrowed)}")
    own_text = (f" Eigen definitie: {_quote(own[0].definition)} ({source_label(own[0])})." if own else "")
    return (f"De term ‘{term}’ wordt in {len(verdict.borrowed)} van de {len(members)} definities ontleend "
            f"aan een andere bepaling (‘als bedoeld in …’): {_sources(verdict.borrowed)}.{own_text} "
            f"Controleer of de verwijzingen naar dezelfde, geldende definitie leiden.")


def group_conflict(base: str, key: str, verdict: Verdict) -> Conflict:
    """The conflict of one same-term group."""
    own = [r for cluster in verdict.clusters for r in cluster]
    records = tuple(own) + verdict.borrowed
    term = (own or list(verdict.borrowed))[0].term
    ref = conflict_ref(verdict.type, key)
    meanings = tuple(tuple(r.iri for r in c) for c in verdict.clusters)
    return Conflict(thing(base, "conflict", ref).value, ref, verdict.type, term, key, records,
                    explain_group(term, verdict), meanings)


def synonym_conflict(base: str, keys: Sequence[str], records: Sequence[DefinitionRecord]) -> Conflict:
    """Different terms with (nearly) the same definition."""
    ordered = tuple(sorted(records, key=lambda r: (r.term.casefold(), r.iri)))
    terms = list(dict.fromkeys(r.term for r in ordered))
    named = ", ".join(f"‘{t}’" for t in terms[:-1]) + f" en ‘{terms[-1]}’"
    text = (f"De termen {named} hebben (bijna) dezelfde definitie: {_quote(ordered[0].definition)} "
            f"({_sources(ordered)}). Mogelijk is één term voldoende; anders maakt een verwijzing het "
            f"verschil duidelijk.")
    ref = conflict_ref("synonym", "--".join(sorted(keys)))
    return Conflict(thing(base, "conflict", ref).value, ref, "synonym", " / ".join(terms),
                    " | ".join(sorted(keys)), ordered, text, (tuple(r.iri for r in ordered),))


def circular_conflict(base: str, record: DefinitionRecord) -> Conflict:
    """A definition that uses its own term."""
    ref = conflict_ref("circular", f"{record.term} {short_hash(record.iri, length=8)}")
    text = (f"De definitie van ‘{record.term}’ ({source_label(record)}) gebruikt de term zelf: "
            f"{_quote(record.definition)}. Een definitie zonder de eigen term is duidelijker.")
    return Conflict(thing(base, "conflict", ref).value, ref, "circular", record.term,
                    term_key(record.term), (record,), text, ((record.iri,),))


def conflict_triples(conflict: Conflict) -> list[Triple]:
    """The conflict as RDF (stg:Definitieconflict with type, members, explanation, status)."""
    subject = NamedNode(conflict.iri)
    triples = [
        Triple(subject, RDF.type, STG.Definitieconflict),
        Triple(subject, RDFS.label, lit(conflict.term, lang="nl")),
        Triple(subject, STG.conflictType, STG[CONFLICT_TYPE_TERMS[conflict.type]]),
        Triple(subject, STG.toelichting, lit(conflict.explanation, lang="nl")),
        Triple(subject, STG.conflictStatus, STG[STATUS_TERMS[conflict.status]]),
    ]
    triples += [Triple(subject, STG.lid, NamedNode(member)) for member in conflict.members]
    if conflict.note:
        triples.append(Triple(subject, SKOS.editorialNote, lit(conflict.note, lang="nl")))
    return triples
