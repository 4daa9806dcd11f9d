"""Evaluation of the definition extractor on laws in other drafting styles (issue 13, part 7).

The labelled set is ``extractor_handlists.yaml``: per law the definitions (artikel, term) as a
reader finds them, written by hand from the law texts in ``../shared/data`` (every sentence
with ``verstaan``/``verstaat``/``wordt gesproken van`` was read, with the list that follows
an intro; a sentence was counted when it fixes the meaning of a term, including ``mede``/``ook
verstaan`` extensions, and not for ``niet verstaan`` exclusions or ``ten overstaan van``).

Split, made before any tuning of the extractor against these laws:

* **tuning** (misses were studied and the extractor changed for them): Wet BRP, Wet langdurige
  zorg, Wet open overheid, Omgevingswet, Awb (regelrecht YAML); Drank- en Horecawet (toestand
  2015-01-01); Wet inkomstenbelasting 2001 (2012 XML, articles 1.2-3.98b);
* **held-out** (only the numbers below were looked at, at the end): Zorgverzekeringswet,
  Penitentiaire beginselenwet, Participatiewet, Awir, Wet forensische zorg, Wet op de
  zorgtoeslag, Handelsregisterwet 2007 (regelrecht YAML); Wet op de omzetbelasting 1968
  (toestand 2015-01-01); Woningwet, Wabo, Wbp (2012 XML). The extractor's output for the five
  YAML laws Zvw, Penitentiaire beginselenwet, Awir, Wet forensische zorg and Handelsregisterwet
  was seen once while the YAML loader was built (before the split); no change was made for them.

Metrics: exact-term recall and precision on the multiset of (artikel, term) pairs, per set.
The goal on held-out is recall ≥ 0.97 and precision ≥ 0.99, and it is what is asserted.
Measured: tuning 0.942 / 0.994 before tuning, 0.995 (188/189) / 1.000 after (the one miss is a
19-word term in Wet IB 2001 art. 3.6(4), over the 12-word limit); held-out, run once after
tuning, 1.000 (194/194) / 1.000 (194/194). The held-out laws are mostly list-style definition
articles; the harder styles (mid-sentence, verb last, scope references) are in the tuning set
and in ``tests/loaders/test_bwb_styles.py``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from loaders.bwb import LegalDefinition, law_documents
from loaders.regelrecht import law_documents as yaml_documents

pytestmark = pytest.mark.shared_data
LABELS = yaml.safe_load((Path(__file__).parent / "extractor_handlists.yaml").read_text("utf-8"))
GOAL = (0.97, 0.99)
HELDOUT_FLOOR = GOAL
TUNING_FLOOR = (0.99, 0.99)  # before tuning 0.942 / 0.994; after 0.995 (188/189) / 1.000 (188/188)


def extracted(path: Path) -> list[LegalDefinition]:
    docs = yaml_documents(path) if path.suffix == ".yaml" else law_documents(path)
    return [d for doc in docs for d in doc.definitions]


def pairs(case: dict[str, Any], defs: list[LegalDefinition]) -> tuple[Counter[tuple[str, str]],
                                                                      Counter[tuple[str, str]]]:
    """(expected, found) multisets of (artikel, term), limited to the evaluated articles."""
    expected = Counter((str(a), str(t)) for a, terms in case["terms"].items() for t in terms)
    articles = case["articles"]
    found = Counter((d.artikel, d.term) for d in defs
                    if articles == "all" or d.artikel in {str(a) for a in articles})
    return expected, found


def evaluate(cases: list[dict[str, Any]], root: Path) -> Iterator[tuple[str, Counter[tuple[str, str]],
                                                                        Counter[tuple[str, str]]]]:
    for case in cases:
        expected, found = pairs(case, extracted(root / case["file"]))
        yield case["law"], expected, found


def scores(name: str, root: Path) -> tuple[float, float]:
    hits = wanted = got = 0
    for law, expected, found in evaluate(LABELS[name], root):
        both = expected & found
        hits, wanted, got = hits + sum(both.values()), wanted + sum(expected.values()), got + sum(found.values())
        for miss in sorted((expected - found).elements()):
            print(f"{name} miss   {law}: {miss}")
        for extra in sorted((found - expected).elements()):
            print(f"{name} extra  {law}: {extra}")
    recall, precision = hits / wanted, hits / got if got else 0.0
    print(f"{name}: recall {recall:.3f} ({hits}/{wanted}), precision {precision:.3f} ({hits}/{got})")
    return recall, precision


def test_tuning_set(shared_data: Path) -> None:
    recall, precision = scores("tuning", shared_data)
    assert recall >= TUNING_FLOOR[0] and precision >= TUNING_FLOOR[1], (recall, precision)


def test_heldout_set(shared_data: Path) -> None:
    recall, precision = scores("heldout", shared_data)
    assert recall >= HELDOUT_FLOOR[0] and precision >= HELDOUT_FLOOR[1], (recall, precision)
