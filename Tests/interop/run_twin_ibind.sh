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
# ibind's transport thread waits in select() for up to 95 % of its ping interval (10 s by default). When its own
# close() reads the twin's close reply and closes the socket first, that select never wakes (a closed descriptor
# leaves epoll silently), so about 1 shutdown in 20 outlived ibind's 5 s join whatever the server did: the twin had
# answered the close within a millisecond (traced with ibind's debug log). A 2 s ping interval bounds that wait to
# 1.9 s, and makes ibind ping the twin (and check its pongs) during the run.
export IBIND_WS_PING_INTERVAL=${IBIND_WS_PING_INTERVAL:-2}
exec "$venv/bin/python" "$here/twin_ibind.py" "$valet"
