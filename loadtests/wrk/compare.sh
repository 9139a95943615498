#!/usr/bin/env bash
# A/B(/C…) of server builds on a noisy machine: starts one server per jar (each on a free
# loopback port, all at once), warms each up, then measures ROUNDS rounds in which every jar
# gets the health and the trivial-run measurement of run.sh in turn, so that the machine's
# load drifts over all of them alike. Prints one markdown row per jar: median health req/s,
# median runs/s, their ratio, and the server's CPU µs per request (user+sys, /proc).
#
#   loadtests/wrk/compare.sh before.jar after.jar
#   ROUNDS=5 DURATION=10s loadtests/wrk/compare.sh a.jar b.jar c.jar
#
# Same settings as run.sh (THREADS, CONNECTIONS, DURATION, WARMUP, JAVA_OPTS, SERVE_ARGS).
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
warmup="${WARMUP:-15s}"

require_wrk
[[ $# -ge 1 ]] || { say "usage: $0 JAR..."; exit 2; }

jars=("$@"); pids=(); urls=(); logs=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    rm -f "${logs[@]}"
}
trap cleanup EXIT
for jar in "${jars[@]}"; do
    [[ -f "$jar" ]] || { say "no $jar"; exit 1; }
    log="$(mktemp)"; logs+=("$log")
    start_server "$jar" "$log"
    pids+=("$server_pid")
done
for i in "${!jars[@]}"; do
    await_url "${jars[$i]}" "${pids[$i]}" "${logs[$i]}"
    urls+=("$server_url")
    : >"${logs[$i]}" # the request log lines are not kept (the server appends: truncating is safe)
done

# measure INDEX LUA PATH DURATION: prints "rps cpu_us_per_request"
measure() { wrk_measure "${jars[$1]} $3" "${pids[$1]}" "${urls[$1]}$3" "$2" "$4" "${logs[$1]}"; }

for i in "${!jars[@]}"; do
    measure "$i" health.lua /health/live "$warmup" >/dev/null
    measure "$i" trivial-run.lua /v1/runs "$warmup" >/dev/null
done
declare -A H R HC RC
for r in $(seq 1 "$rounds"); do
    for i in "${!jars[@]}"; do
        read -r h hc < <(measure "$i" health.lua /health/live "$duration")
        read -r v vc < <(measure "$i" trivial-run.lua /v1/runs "$duration")
        H[$i]+="$h "; R[$i]+="$v "; HC[$i]+="$hc "; RC[$i]+="$vc "
        say "round $r $(basename "${jars[$i]}"): health $h req/s ($hc µs), run $v runs/s ($vc µs), load $(cut -d' ' -f1 /proc/loadavg)"
    done
done
printf '| jar | health req/s | runs/s | ratio | CPU µs per health request | per run | CPU ratio |\n|---|---:|---:|---:|---:|---:|---:|\n'
for i in "${!jars[@]}"; do
    # shellcheck disable=SC2086 # each holds numbers separated by spaces, split on purpose
    h="$(median ${H[$i]})"; v="$(median ${R[$i]})"; hc="$(median ${HC[$i]})"; vc="$(median ${RC[$i]})"
    printf '| %s | %.0f | %.0f | %.2f | %s | %s | %.2f |\n' "$(basename "${jars[$i]}")" "$h" "$v" \
        "$(awk -v a="$v" -v b="$h" 'BEGIN {print a / b}')" "$hc" "$vc" "$(awk -v a="$hc" -v b="$vc" 'BEGIN {print a / b}')"
done
printf '\n%d rounds of wrk -t%s -c%s -d%s each, interleaved; load average at the end: %s\n' "$rounds" "$threads" \
    "$connections" "$duration" "$(cut -d' ' -f1-3 /proc/loadavg)"
