#!/usr/bin/env bash
# Outside check: ibind's REST and WebSocket clients (pinned) drive the built `valet twin serve` binary
# (twin_ibind.py, which runs twin_ibind_ws.py for /v1/api/ws).
# Usage: Tests/interop/run_twin_ibind.sh [path/to/valet]   (default: .build/debug/valet)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
valet=${1:-$root/.build/debug/valet}
[ -x "$valet" ] || { echo "twin-ibind: no valet binary at $valet; run 'swift build' first" >&2; exit 2; }
venv=${IBIND_VENV:-$root/.build/ibind-venv}
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import importlib.metadata as m; assert m.version("ibind") == "0.2.2"' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'ibind==0.2.2'
fi
exec "$venv/bin/python" "$here/twin_ibind.py" "$valet"
