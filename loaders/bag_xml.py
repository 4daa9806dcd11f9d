"""Safe, streaming XML reading for the BAG loader.

Every XML file is first checked for ``<!DOCTYPE`` / ``<!ENTITY`` in a bounded prefix (a DTD can
only appear before the root element), then parsed with defusedxml's ``iterparse`` (expat with
DTDs, entities and external references forbidden). Elements are handed out as they end; the
caller detaches finished items so memory stays flat for multi-GB extracts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse as _defused_iterparse

from loaders.base import LoaderError

PREFIX_BYTES = 64 * 1024
"""How much of a file is scanned for a DTD before parsing (the prolog must fit in it)."""

_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")


def check_no_dtd(path: Path) -> None:
    """Raise ``LoaderError`` when the file's prolog carries a DTD or entity declaration."""
    with path.open("rb") as handle:
        head = handle.read(PREFIX_BYTES)
    upper = head.upper()
    for marker in _FORBIDDEN:
        at = upper.find(marker)
        if at >= 0:
            line = head.count(b"\n", 0, at) + 1
            raise LoaderError(
                f"{marker.decode()} is not allowed in BAG XML (entity expansion risk)",
                file=str(path), line=line,
            )


def local(tag: str) -> str:
    """Local name of a ``{namespace}local`` tag."""
    return tag.rsplit("}", 1)[-1]


def namespace(tag: str) -> str:
    """Namespace of a ``{namespace}local`` tag ('' without one)."""
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def stream(path: Path, *, detach_depth: int = 3) -> Iterator[tuple[str, Element, int]]:
    """Yield ``(event, element, depth)`` for start/end events; depth 1 is the root.

    After an element at ``detach_depth`` ends (an ``sl:stand`` or ``ml:mutatieGroep``), it is
    removed from its parent, so the tree never grows beyond one item.
    Parse errors become ``LoaderError`` with ``file:line:column``.
    """
    check_no_dtd(path)
    stack: list[Element] = []
    try:
        events = cast(
            Iterator[tuple[str, Any]],
            _defused_iterparse(str(path), events=("start", "end"), forbid_dtd=True,
                               forbid_entities=True, forbid_external=True),
        )
        for event, elem in events:
            element = cast(Element, elem)
            if event == "start":
                stack.append(element)
                yield event, element, len(stack)
                continue
            depth = len(stack)
            yield event, element, depth
            stack.pop()
            if depth == detach_depth and stack:
                stack[-1].remove(element)
    except ParseError as exc:
        line, column = cast(tuple[int, int], getattr(exc, "position", (None, None)))
        raise LoaderError(f"malformed XML: {exc}", file=str(path), line=line,
                          column=column) from exc
    except DefusedXmlException as exc:
        raise LoaderError(f"forbidden XML construct: {exc!r}", file=str(path)) from exc


def text(element: Element | None) -> str | None:
    """Stripped text of an element; None when absent or empty."""
    if element is None or element.text is None:
        return None
    value = element.text.strip()
    return value or None
