#!/usr/bin/env bash
# Live-transport check: the built binary talks HTTP to a gateway (the twin served on loopback) through the
# on-demand URLSession library, exactly as it would to IBKR's gateway. Fails if the library cannot be loaded, if
# the healthcheck is not healthy, or if the process does not exit (a hang after loading Foundation late).
# Usage: Tests/live/run.sh [path/to/valet]   (default: .build/debug/valet)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
valet=${1:-$root/.build/debug/valet}
[ -x "$valet" ] || { echo "live: no valet binary at $valet; run 'swift build' first" >&2; exit 2; }
log=$(mktemp)
"$valet" twin serve --port 0 >"$log" 2>&1 &
twin=$!
trap 'kill $twin 2>/dev/null || true; rm -f "$log"' EXIT
url=""
for _ in $(seq 1 100); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*/v1/api' "$log" || true)
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { echo "live: the twin did not start:" >&2; cat "$log" >&2; exit 1; }
timeout 60 "$valet" healthcheck --url "$url"
echo "live: healthcheck over the URLSession library passed against $url"
