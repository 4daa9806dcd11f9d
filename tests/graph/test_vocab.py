"""The shared vocabularies and the one xsd:dateTime formatter."""

from __future__ import annotations

import doctest
import re
from datetime import UTC, datetime, timedelta, timezone

import pytest

from graph.conflicts.model import STATUS_TERMS
from graph.rdf import vocab
from graph.rdf.namespaces import STG


def test_the_doctests_run() -> None:
    assert doctest.testmod(vocab).failed == 0


def test_each_timestamp_keeps_the_form_its_endpoint_always_had() -> None:
    moment = datetime(2026, 3, 2, 11, 0, 5, 123456, tzinfo=timezone(timedelta(hours=1)))
    assert vocab.xsd_datetime(moment) == "2026-03-02T10:00:05.123Z"  # proposals, versions, audit log
    assert vocab.xsd_datetime(moment, precision="seconds") == "2026-03-02T10:00:05Z"  # loaded sources
    assert vocab.xsd_datetime(moment, precision="seconds", utc="+00:00") == "2026-03-02T10:00:05+00:00"  # conflicts
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", vocab.xsd_datetime(datetime.now(UTC)))
    with pytest.raises(ValueError, match="time zone"):
        vocab.xsd_datetime(datetime(2026, 3, 2, 10, 0))


def test_every_conflict_type_and_status_has_its_term() -> None:
    assert set(vocab.CONFLICT_TYPE_TERMS) == set(vocab.CONFLICT_TYPES)
    assert set(STATUS_TERMS) == set(vocab.CONFLICT_STATUSES)
    assert all(STG[term].value.startswith("https://stelselgraaf.nl/def#") for term in STATUS_TERMS.values())
    assert vocab.CATEGORIES == ("persoon", "bedrijf", "locatie", "sensor")
