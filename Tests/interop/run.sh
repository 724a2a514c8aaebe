#!/usr/bin/env bash
# Interop check: builds a virtualenv with the official Python MCP client and drives the built `valet serve` binary.
# Usage: Tests/interop/run.sh [path/to/valet]   (default: .build/debug/valet)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
valet=${1:-$root/.build/debug/valet}
[ -x "$valet" ] || { echo "interop: no valet binary at $valet; run 'swift build' first" >&2; exit 2; }
venv=${INTEROP_VENV:-$root/.build/interop-venv}
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import mcp, jsonschema' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'mcp==2.3.0' jsonschema
fi
exec "$venv/bin/python" "$here/interop.py" "$valet"
