"""Checks on raw input before any parser sees it.

An RDF/XML or XML document with an internal DTD can carry an entity bomb; pyoxigraph's parser
expands it and the whole process aborts (findings.md §2). Any ``<!DOCTYPE`` with an internal
subset and any ``<!ENTITY`` is refused here, by a byte scan that is cheap and cannot expand.
"""

from __future__ import annotations

import re
from pathlib import Path

from loaders.base import LoaderError

_CHUNK = 1 << 20
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
_ANY_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def check_xml(path: Path, *, allow_external_doctype: bool = False) -> None:
    """Raise LoaderError when ``path`` declares entities or (unless allowed) any DOCTYPE.

    ``allow_external_doctype`` admits a plain ``<!DOCTYPE x SYSTEM "…">`` without an internal
    subset (the BWB law files have one); such a DTD is never fetched by our parsers.
    """
    doctype = _DOCTYPE if allow_external_doctype else _ANY_DOCTYPE
    carry = b""
    consumed = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            data = carry + chunk
            for pattern, what in ((doctype, "a DTD"), (_ENTITY, "an <!ENTITY> declaration")):
                match = pattern.search(data)
                if match:
                    line, column = _position(data, match.start())
                    raise LoaderError(
                        f"XML with {what} is refused (entity expansion attacks)",
                        file=str(path), line=line if consumed == 0 else None,
                        column=column if consumed == 0 else None,
                    )
            consumed += len(chunk)
            carry = data[-64:]
