#!/usr/bin/env bash
# The open-loop load tests of docs/PERFORMANCE.md ("Load tests: open loop (issue 18)"), in one go:
# starts `ion serve --config loadtests/load/serve.yaml` on loopback, then
#   - sweeps trivial runs and the plain Vert.x baseline up to saturation into
#     loadtests/plots/throughput-latency.csv,
#   - runs trivial at HALF_RATE, 10,000 sleepers, mixed and stream, one JSON summary each in
#     loadtests/load/results/,
#   - redraws docs/perf-*.svg from every loadtests/plots/*.csv.
# Environment: PORT (18181), RATES (the sweep's rates), HALF_RATE (10000), DURATION (10s),
# WARMUP (5s). Takes about 10 minutes. Numbers on a shared machine are noisy: the summaries
# carry the CPU time of both processes and the load average.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.."

port=${PORT:-18181}
rates=${RATES:-1000,2000,4000,6000,8000,10000,12000,16000,20000,24000,28000,32000}
half=${HALF_RATE:-10000}
duration=${DURATION:-10s}
warmup=${WARMUP:-5s}
out=loadtests/load/results
csv=loadtests/plots/throughput-latency.csv
mkdir -p "$out"

./ion loadtest --version >/dev/null   # builds loadtests/target/benchmarks.jar (and ion.jar) when stale
java -Xss16m -XX:+UseParallelGC -jar server/target/ion.jar serve --port "$port" \
    --config loadtests/load/serve.yaml >loadtests/target/loadtest-server.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
url="http://127.0.0.1:$port"
for _ in $(seq 100); do
    curl -fsS "$url/health/live" >/dev/null 2>&1 && break
    sleep 0.2
done

lt() { ./ion loadtest --url "$url" --server-pid "$server" "$@"; }

rm -f "$csv"
lt sweep --scenario trivial --series "Ion trivial runs (HTTP)" --rates "$rates" \
    --duration "$duration" --warmup "$warmup" --quiet --csv "$csv"
lt sweep --scenario baseline --series "plain Vert.x constant (HTTP)" --rates "$rates" \
    --duration "$duration" --warmup "$warmup" --quiet --csv "$csv"
lt --scenario trivial --rate "$half" --duration 20s --warmup "$warmup" --quiet \
    --json "$out/trivial-half.json" --hdr "$out/trivial-half.hlog"
lt --scenario baseline --rate "$half" --duration 20s --warmup 10s --quiet --json "$out/baseline-half.json"
lt --scenario trivial --transport ws --rate "$half" --duration 20s --warmup "$warmup" --quiet --json "$out/trivial-half-ws.json"
lt --scenario sleepers --transport ws --rate 10000 --duration 1s --warmup 2s --quiet --json "$out/sleepers-ws.json"
lt --scenario trivial --rate 1000 --duration 20s --warmup "$warmup" --quiet --json "$out/mixed-alone.json"
lt --scenario mixed --rate 1000 --cpu-share 0.02 --duration 20s --warmup "$warmup" --quiet --json "$out/mixed.json"
lt --scenario stream --json "$out/stream.json"

./ion loadtest plot --out docs loadtests/plots/*.csv
