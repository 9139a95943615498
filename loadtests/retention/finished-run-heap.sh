#!/usr/bin/env bash
# Retained heap per finished run: starts `./ion serve` on a free loopback port, runs N
# runs that each hold a large value (and N more that are cancelled while holding one),
# forces a full GC with jcmd and prints (heap after - heap before) / runs.
# Usage: loadtests/retention/finished-run-heap.sh [N]   (default 200)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
n="${1:-200}"
port="${PORT:-18591}"
log="$(mktemp)"
ION_JAVA_OPTS="-Xmx2g -XX:+UseParallelGC" "$root/ion" serve --port "$port" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
    sleep 0.1
done
jpid="$(pgrep -P "$pid" java || echo "$pid")"
heap() { jcmd "$jpid" GC.run >/dev/null; jcmd "$jpid" GC.heap_info | awk '/total/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub("K", "", v); s += v}} END {print s * 1024}'; }
curl -fs -H 'Content-Type: application/json' -d '{"source":"1"}' "http://127.0.0.1:$port/v1/runs" >/dev/null
before="$(heap)"
for i in $(seq 1 "$n"); do
    curl -fs -H 'Content-Type: application/json' \
        -d '{"source":"let s = bytes::zeroed(60_000_000); 1"}' "http://127.0.0.1:$port/v1/runs" >/dev/null
    id="$(curl -fs -H 'Content-Type: application/json' \
        -d '{"source":"let s = bytes::zeroed(60_000_000); loop { sleep(5) }"}' \
        "http://127.0.0.1:$port/v1/runs?wait=false" | sed 's/.*"id":"\([^"]*\)".*/\1/')"
    curl -fs -X DELETE "http://127.0.0.1:$port/v1/runs/$id" >/dev/null
done
after="$(heap)"
runs=$((2 * n))
echo "runs=$runs heap_before=$before heap_after=$after retained_per_run=$(( (after - before) / runs )) bytes"
