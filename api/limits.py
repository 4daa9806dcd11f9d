"""Odd input is a 4xx: every path parameter must be made of IRI characters.

Path parameters end up in IRIs (``/doc/{kind}/{ref}`` → ``{base}id/{kind}/{ref}``) and in
SPARQL bindings, where a space, ``<``, a control character or the replacement character of a
malformed percent-escape (``%ff``) made pyoxigraph raise ``ValueError`` (a 500). One app-wide
dependency checks every path parameter of every route against the characters of an IRI path
(RFC 3987 ``ipchar`` and ``/``) and a length limit, and answers 400 problem+json otherwise.
"""

from __future__ import annotations

import re

from fastapi import Request

from graph.errors import InvalidInput

MAX_PARAM_CHARS = 2048
_UCSCHAR = ("\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef\U00010000-\U0001fffd\U00020000-\U0002fffd"
            "\U00030000-\U0003fffd\U00040000-\U0004fffd\U00050000-\U0005fffd\U00060000-\U0006fffd"
            "\U00070000-\U0007fffd\U00080000-\U0008fffd\U00090000-\U0009fffd\U000a0000-\U000afffd"
            "\U000b0000-\U000bfffd\U000c0000-\U000cfffd\U000d0000-\U000dfffd\U000e1000-\U000efffd")
_IRI_PATH = re.compile(f"[A-Za-z0-9\\-._~!$&'()*+,;=:@/%{_UCSCHAR}]+")
"""iunreserved, sub-delims, ':', '@', '/' and '%' (a decoded '%' is escaped where IRIs are made)."""


def bad_path_params(params: dict[str, object]) -> list[dict[str, str]]:
    """The invalid-params entries for path parameters that cannot be part of an IRI."""
    bad = []
    for name, value in params.items():
        text = str(value)
        if len(text) > MAX_PARAM_CHARS:
            bad.append({"name": name, "in": "path", "reason": f"longer than {MAX_PARAM_CHARS} characters"})
        elif not _IRI_PATH.fullmatch(text):
            bad.append({"name": name, "in": "path", "reason": "holds characters that are not allowed in an IRI"})
    return bad


async def check_path_params(request: Request) -> None:
    """App-wide dependency: 400 invalid-params when a path parameter is not IRI-safe."""
    bad = bad_path_params(request.path_params)
    if bad:
        error = InvalidInput("invalid request: " + "; ".join(f"{p['name']}: {p['reason']}" for p in bad))
        error.problem_extra = {"invalid-params": bad}  # type: ignore[attr-defined]
        raise error
