"""Shared fixtures: real stores, real data from ../shared/data, real HTTP."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real public sources in ../shared/data; tests skip (with the reason) when absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real source data not found at {SHARED_DATA} (CI provides ../shared/data)")
    return SHARED_DATA
