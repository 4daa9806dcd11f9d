#!/usr/bin/env bash
# Install axe-core (the accessibility checker) into .tools/axe for the real-browser page tests
# (tests/ui/test_workspace_pages.py). Idempotent; needs node + npm (Debian nodejs/npm).
exec "$(dirname "$0")/npm-tool.sh" axe axe-core@4 .tools/axe/node_modules/axe-core/axe.min.js
