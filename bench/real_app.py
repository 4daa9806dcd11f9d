"""Our real app for bench/resolver.py: ``create_app`` with settings from the environment.

    STELSELGRAAF_STORE=/tmp/store .venv/bin/uvicorn --app-dir bench --factory real_app:app
"""

from __future__ import annotations

from fastapi import FastAPI

from api.app import create_app
from graph.settings import Settings


def app() -> FastAPI:
    return create_app(Settings())
