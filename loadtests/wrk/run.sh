#!/usr/bin/env bash
# Server overhead per trivial run (issue 18): starts the packaged server on a free loopback
# port, then measures, with the same wrk client and settings, GET /health/live and a
# trivial blocking run (POST /v1/runs {"source":"1 + 1"}) back to back, ROUNDS times
# interleaved, and prints the medians and the ratio runs/s ÷ health req/s (target ≥ 0.8).
#
#   loadtests/wrk/run.sh                      # 3 rounds of 10 s each, after a 5 s warm-up of both
#   ROUNDS=5 DURATION=20s loadtests/wrk/run.sh
#
# Besides requests/s it reports the server process's CPU time (user+sys, from /proc) per
# request, which a shared, busy machine disturbs much less than wall-clock throughput.
# Settings: JAR (default server/target/ion.jar; build it with
#   mvn -q -B -o -pl server -am -DskipTests package),
# JAVA_OPTS (default none: the JVM defaults, as `java -jar ion.jar serve`), SERVE_ARGS (more
# `ion serve` options), THREADS/CONNECTIONS/DURATION/WARMUP (wrk -t/-c/-d, default 1/32/10s/5s),
# SERVER_CPUS and WRK_CPUS (taskset CPU lists, e.g. 0 and 1; default unpinned),
# The server's log lines go to a temporary file, emptied after each measurement.
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
root="$(cd "$here/../.." && pwd)"
jar="${JAR:-$root/server/target/ion.jar}"
warmup="${WARMUP:-5s}"

require_wrk
[[ -f "$jar" ]] || { say "no $jar; build it with: mvn -q -B -o -pl server -am -DskipTests package"; exit 1; }

log="$(mktemp)"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
start_server "$jar" "$log" "${SERVER_CPUS:-}"
pid=$server_pid
await_url "the server" "$pid" "$log"
url=$server_url
answer="$(curl -fsS -H 'Content-Type: application/json' -d '{"source":"1 + 1"}' "$url/v1/runs")"
[[ "$answer" == *'"status":"succeeded"'*'"value":"2"'* ]] || { say "unexpected run answer: $answer"; exit 1; }
say "server pid $pid at $url; wrk -t$threads -c$connections -d$duration, $rounds rounds"

# measure NAME LUA DURATION PATH: prints "rps cpu_us_per_request"
measure() { wrk_measure "$1" "$pid" "$url$4" "$2" "$3" "$log" "${WRK_CPUS:-}"; }

measure warmup health.lua "$warmup" /health/live >/dev/null
measure warmup trivial-run.lua "$warmup" /v1/runs >/dev/null

health=(); runs=(); health_cpu=(); runs_cpu=()
printf '| round | health req/s | run runs/s | ratio | server CPU µs per request: health | per run | load average |\n'
printf '|---:|---:|---:|---:|---:|---:|---|\n'
for r in $(seq 1 "$rounds"); do
    read -r h hc < <(measure health health.lua "$duration" /health/live)
    read -r v vc < <(measure run trivial-run.lua "$duration" /v1/runs)
    health+=("$h"); runs+=("$v"); health_cpu+=("$hc"); runs_cpu+=("$vc")
    printf '| %d | %d | %d | %.2f | %s | %s | %s |\n' "$r" "$h" "$v" "$(awk -v a="$v" -v b="$h" 'BEGIN {print a / b}')" \
        "$hc" "$vc" "$(cut -d' ' -f1-3 /proc/loadavg)"
done
mh="$(median "${health[@]}")"; mv="$(median "${runs[@]}")"
mhc="$(median "${health_cpu[@]}")"; mvc="$(median "${runs_cpu[@]}")"
printf '| median | %.0f | %.0f | **%.2f** | %s | %s | |\n' "$mh" "$mv" "$(awk -v a="$mv" -v b="$mh" 'BEGIN {print a / b}')" "$mhc" "$mvc"
printf '\nruns/s ÷ health req/s = %.2f (target ≥ 0.80); by CPU, µs per health request ÷ µs per run = %.2f\n' \
    "$(awk -v a="$mv" -v b="$mh" 'BEGIN {print a / b}')" "$(awk -v a="$mhc" -v b="$mvc" 'BEGIN {print a / b}')"
