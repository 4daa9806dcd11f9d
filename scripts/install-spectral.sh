#!/usr/bin/env bash
# Install Spectral (the linter of the NL API Design Rules ruleset) into .tools/spectral for the
# OpenAPI lint test (tests/api/test_openapi_lint.py). Idempotent; needs node + npm (Debian nodejs/npm).
exec "$(dirname "$0")/npm-tool.sh" spectral @stoplight/spectral-cli@6 .tools/spectral/node_modules/.bin/spectral
