"""The small shared vocabularies, each written once: the four top categories, the kinds and
editorial statuses of definition conflicts, the statuses of change proposals, and the
``xsd:dateTime`` form of a timestamp.

The tuples are the ``Literal`` types' values, so an API parameter typed ``Category`` and a
check against ``CATEGORIES`` cannot disagree.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal, get_args

Category = Literal["persoon", "bedrijf", "locatie", "sensor"]
CATEGORIES: tuple[Category, ...] = get_args(Category)
"""The four top categories (``stgc:``) of the stelsel."""

ConflictType = Literal["identical", "variant", "homonym", "borrowed", "synonym", "circular"]
CONFLICT_TYPES: tuple[ConflictType, ...] = get_args(ConflictType)
CONFLICT_TYPE_TERMS: dict[str, str] = {
    "identical": "identiek", "variant": "variant", "homonym": "homoniem", "borrowed": "ontleend",
    "synonym": "synoniem", "circular": "circulair"}
"""Conflict type → its ``stg:`` concept in the scheme ``stg:conflictsoorten`` (and Dutch label)."""

ConflictStatus = Literal["open", "geaccepteerd", "opgelost"]
CONFLICT_STATUSES: tuple[ConflictStatus, ...] = get_args(ConflictStatus)
"""Editorial status: open (not yet judged), geaccepteerd (intended, leave it), opgelost (fixed)."""

ProposalStatus = Literal["voorgesteld", "ingetrokken", "afgewezen", "gepubliceerd"]
PROPOSAL_STATUSES: tuple[ProposalStatus, ...] = get_args(ProposalStatus)
MappingType = Literal["exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch"]
MAPPING_TYPES: tuple[MappingType, ...] = get_args(MappingType)
"""SKOS mapping properties an annotation may add between two begrippen."""
CARDINALITIES = ("1", "0..1", "1..*", "0..*")
"""Cardinalities of a relation between object types (``stg:kardinaliteit``)."""
NOTE_KINDS = ("kwaliteit", "bekend-probleem", "contact")
"""Kinds of note on a register, dataset or object type (``stg:soort``)."""
"""Where a change proposal is: waiting for review, withdrawn, rejected or published."""

Precision = Literal["seconds", "milliseconds"]


def xsd_datetime(moment: datetime, *, precision: Precision = "milliseconds", utc: str = "Z") -> str:
    """``moment`` in UTC as an ``xsd:dateTime`` lexical form, ``2026-03-02T10:00:00.000Z``;
    ``utc`` is how the zone is written (``Z``, or ``+00:00``). ValueError for a naive moment.

    >>> from datetime import timedelta, timezone
    >>> xsd_datetime(datetime(2026, 3, 2, 11, 0, 5, 123456, tzinfo=timezone(timedelta(hours=1))))
    '2026-03-02T10:00:05.123Z'
    >>> xsd_datetime(datetime(2026, 3, 2, 10, 0, 5, tzinfo=UTC), precision="seconds", utc="+00:00")
    '2026-03-02T10:00:05+00:00'
    """
    if moment.tzinfo is None:
        raise ValueError(f"a timestamp needs a time zone: {moment.isoformat()}")
    text = moment.astimezone(UTC).isoformat(timespec=precision)
    return text.removesuffix("+00:00") + utc
