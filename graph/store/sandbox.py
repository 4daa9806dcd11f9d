"""Keep a query worker off the network: a network namespace of its own (Linux).

A new network namespace holds only a loopback interface, and that one is down: no connection
can be opened from it, not to the internet and not to 127.0.0.1 (where the service itself
listens). As root ``unshare(CLONE_NEWNET)`` is enough; without privileges the same works inside
a new user namespace where the kernel allows those. Either must run while the process has one
thread, before anything else starts (here: first thing in a spawned worker).
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable
from typing import cast

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000


def isolate_network() -> str | None:
    """Move this process into an empty network namespace; ``None`` when done, else why not."""
    if not sys.platform.startswith("linux"):
        return f"network namespaces need Linux, not {sys.platform}"
    reasons = []
    for flags in (CLONE_NEWNET, CLONE_NEWUSER | CLONE_NEWNET):
        reason = _unshare(flags)
        if reason is None:
            return None
        reasons.append(reason)
    return "unshare refused: " + "; ".join(reasons)


def _unshare(flags: int) -> str | None:
    unshare = cast("Callable[[int], None] | None", getattr(os, "unshare", None))  # Python 3.12+
    if unshare is not None:
        try:
            unshare(flags)
        except OSError as error:
            return error.strerror or str(error)
        return None
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(ctypes.c_int(flags)) != 0:
        return os.strerror(ctypes.get_errno())
    return None
