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

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rounds="${ROUNDS:-3}"
threads="${THREADS:-1}"
connections="${CONNECTIONS:-32}"
duration="${DURATION:-10s}"
warmup="${WARMUP:-15s}"

say() { echo "$@" >&2; }
command -v wrk >/dev/null || { say "wrk: not installed, skipped (apt-get install wrk)"; exit 0; }
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
    # shellcheck disable=SC2086 # JAVA_OPTS and SERVE_ARGS are lists of words, split on purpose
    java ${JAVA_OPTS:-} -jar "$jar" serve --host 127.0.0.1 --port 0 ${SERVE_ARGS:-} >>"$log" 2>&1 &
    pids+=("$!")
done
for i in "${!jars[@]}"; do
    url=""
    for _ in $(seq 1 600); do
        url="$(sed -n 's/.*"msg":"listening","url":"\([^"]*\)".*/\1/p' "${logs[$i]}" | head -1)"
        [[ -n "$url" ]] && break
        kill -0 "${pids[$i]}" 2>/dev/null || { say "${jars[$i]} did not start"; cat "${logs[$i]}" >&2; exit 1; }
        sleep 0.1
    done
    [[ -n "$url" ]] || { say "${jars[$i]} did not say where it listens"; exit 1; }
    urls+=("$url")
    : >"${logs[$i]}" # the request log lines are not kept (the server appends: truncating is safe)
done

hz="$(getconf CLK_TCK)"
# measure INDEX LUA PATH DURATION: prints "rps cpu_us_per_request"
measure() {
    local i="$1" script="$2" path="$3" d="$4" pid="${pids[$1]}" before after out
    before="$(awk '{print $14 + $15}' "/proc/$pid/stat")"
    out="$(wrk -t"$threads" -c"$connections" -d"$d" -s "$here/$script" "${urls[$i]}$path")"
    after="$(awk '{print $14 + $15}' "/proc/$pid/stat")"
    : >"${logs[$i]}"
    if grep -q 'Non-2xx' <<<"$out"; then say "${jars[$i]} $path: answers other than 2xx"; say "$out"; exit 1; fi
    if grep -q 'Socket errors' <<<"$out"; then say "${jars[$i]} $path: $(grep 'Socket errors' <<<"$out")"; fi
    awk -v hz="$hz" -v c=$((after - before)) '/^Requests\/sec:/ {r = $2} /requests in/ {t = $1}
        END {printf "%.0f %.1f\n", r, c / hz * 1e6 / t}' <<<"$out"
}

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
median() { tr ' ' '\n' <<<"$1" | grep . | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
printf '| jar | health req/s | runs/s | ratio | CPU µs per health request | per run | CPU ratio |\n|---|---:|---:|---:|---:|---:|---:|\n'
for i in "${!jars[@]}"; do
    h="$(median "${H[$i]}")"; v="$(median "${R[$i]}")"; hc="$(median "${HC[$i]}")"; vc="$(median "${RC[$i]}")"
    printf '| %s | %.0f | %.0f | %.2f | %s | %s | %.2f |\n' "$(basename "${jars[$i]}")" "$h" "$v" \
        "$(awk -v a="$v" -v b="$h" 'BEGIN {print a / b}')" "$hc" "$vc" "$(awk -v a="$hc" -v b="$vc" 'BEGIN {print a / b}')"
done
printf '\n%d rounds of wrk -t%s -c%s -d%s each, interleaved; load average at the end: %s\n' "$rounds" "$threads" \
    "$connections" "$duration" "$(cut -d' ' -f1-3 /proc/loadavg)"
