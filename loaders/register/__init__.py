"""Register API loader: Haal Centraal BRK, KvK and WOZ responses, as JSON or VCR cassettes.

Modules: ``api`` (responses to triples) and ``cassettes`` (reading recorded responses).
"""

from loaders.register.api import REGISTER_API_LOADER, detect_register_api, load_register_api

__all__ = ["REGISTER_API_LOADER", "detect_register_api", "load_register_api"]
