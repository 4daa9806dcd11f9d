"""Safe, streaming XML reading for the BAG loader.

Every XML file is first checked for ``<!DOCTYPE`` / ``<!ENTITY`` in a bounded prefix (a DTD can
only appear before the root element), then its whole prolog is read by a bare expat parser that
refuses a document type declaration, however far from the start it is. Only then is the file
parsed, by the C-accelerated ``xml.etree`` pull parser: without a DTD there are no entity
declarations and no external references, so this guarantees what defusedxml's ``forbid_dtd``
does, without its pure-Python parser callbacks (which cost more than the rest of the load).
Only elements the caller classifies are handed out; finished items are detached so memory
stays flat for multi-GB extracts.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import cast
from xml.etree.ElementTree import Element, ParseError
from xml.parsers import expat

from loaders.base import LoaderError

PREFIX_BYTES = 64 * 1024
"""How much of a file is scanned for a DTD before parsing (the prolog must fit in it)."""

_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")
_CHUNK = 16 * 1024
"""Bytes fed to the parser at a time (measured: larger chunks are slower, cache effects)."""


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


class _RootReached(Exception):
    """The prolog is over: the root element starts."""


def check_prolog(path: Path) -> None:
    """Raise ``LoaderError`` when a document type declaration precedes the root element.

    Reads only up to the root element's start tag. A malformed prolog is left to the real
    parse, which reports it with its position.
    """
    parser = expat.ParserCreate()

    def doctype(*_: object) -> None:
        raise LoaderError("<!DOCTYPE is not allowed in BAG XML (entity expansion risk)",
                          file=str(path), line=parser.CurrentLineNumber)

    def root(*_: object) -> None:
        raise _RootReached

    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = root
    with path.open("rb") as handle:
        try:
            while chunk := handle.read(_CHUNK):
                parser.Parse(chunk, False)
        except (_RootReached, expat.ExpatError):
            return


_NAMES: dict[str, tuple[str, str]] = {}
_NAMES_MAX = 4096
"""Bound on memoised tags (real files have a few dozen; a hostile one cannot grow memory)."""


def _split(tag: str) -> tuple[str, str]:
    """``(namespace, local)`` of a tag, memoised (a file has few distinct tags)."""
    parts = _NAMES.get(tag)
    if parts is None:
        if len(_NAMES) >= _NAMES_MAX:
            _NAMES.clear()
        ns = tag[1:].split("}", 1)[0] if tag.startswith("{") else ""
        parts = _NAMES[tag] = (ns, tag.rsplit("}", 1)[-1])
    return parts


def local(tag: str) -> str:
    """Local name of a ``{namespace}local`` tag."""
    return _split(tag)[1]


def namespace(tag: str) -> str:
    """Namespace of a ``{namespace}local`` tag ('' without one)."""
    return _split(tag)[0]


def stream(path: Path, classify: Callable[[str], int], *,
           detach_depth: int = 3) -> Iterator[tuple[int, str, Element]]:
    """Yield ``(class, event, element)`` for the start/end events of classified elements.

    ``classify(tag)`` gives an element's class; 0 means not wanted (no events). It is asked
    once per distinct tag. After an element at ``detach_depth`` ends (an ``sl:stand`` or
    ``ml:mutatieGroep``), it is removed from its parent, so the tree never grows beyond one item.
    Parse errors become ``LoaderError`` with ``file:line:column``.
    """
    check_no_dtd(path)
    check_prolog(path)
    classes: dict[str, int] = {}
    depth, holder = 0, cast(Element | None, None)
    try:
        for event, element in _events(path):
            cls = classes.get(element.tag)
            if cls is None:
                cls = classify(element.tag)
                if len(classes) < _NAMES_MAX:
                    classes[element.tag] = cls
            if event == "start":
                depth += 1
                if depth == detach_depth - 1:
                    holder = element
            if cls:
                yield cls, event, element
            if event == "end":
                if depth == detach_depth and holder is not None:
                    holder.remove(element)
                depth -= 1
    except ParseError as exc:
        line, column = cast(tuple[int, int], getattr(exc, "position", (None, None)))
        raise LoaderError(f"malformed XML: {exc}", file=str(path), line=line,
                          column=column) from exc


def _events(path: Path) -> Iterator[tuple[str, Element]]:
    """Start and end events of the whole file, read in chunks (C parser, C tree builder)."""
    parser: ET.XMLPullParser[Element] = ET.XMLPullParser(("start", "end"))
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            parser.feed(chunk)
            yield from cast(Iterator[tuple[str, Element]], parser.read_events())
        parser.close()
        yield from cast(Iterator[tuple[str, Element]], parser.read_events())


def text(element: Element | None) -> str | None:
    """Stripped text of an element; None when absent or empty."""
    if element is None or element.text is None:
        return None
    value = element.text.strip()
    return value or None
