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

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="${JAR:-$root/server/target/ion.jar}"
rounds="${ROUNDS:-3}"
threads="${THREADS:-1}"
connections="${CONNECTIONS:-32}"
duration="${DURATION:-10s}"
warmup="${WARMUP:-5s}"

say() { echo "$@" >&2; }
command -v wrk >/dev/null || { say "wrk: not installed, skipped (apt-get install wrk)"; exit 0; }
[[ -f "$jar" ]] || { say "no $jar; build it with: mvn -q -B -o -pl server -am -DskipTests package"; exit 1; }

pin() { # pin CPUS CMD...: runs CMD under taskset when CPUS is set
    local cpus="$1"; shift
    if [[ -n "$cpus" ]]; then taskset -c "$cpus" "$@"; else "$@"; fi
}

log="$(mktemp)"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
server=(java)
[[ -n "${SERVER_CPUS:-}" ]] && server=(taskset -c "$SERVER_CPUS" java) # taskset execs java: same pid
# The server appends to the log (one line per request and per run), which is emptied after
# each measurement; so $! is java itself and truncating is safe.
# shellcheck disable=SC2086 # JAVA_OPTS and SERVE_ARGS are lists of words, split on purpose
"${server[@]}" ${JAVA_OPTS:-} -jar "$jar" serve --host 127.0.0.1 --port 0 ${SERVE_ARGS:-} >>"$log" 2>&1 &
pid=$!
url=""
for _ in $(seq 1 600); do
    url="$(sed -n 's/.*"msg":"listening","url":"\([^"]*\)".*/\1/p' "$log" | head -1)"
    [[ -n "$url" ]] && break
    kill -0 "$pid" 2>/dev/null || { say "the server did not start:"; cat "$log" >&2; exit 1; }
    sleep 0.1
done
[[ -n "$url" ]] || { say "the server did not say where it listens within 60 s"; exit 1; }
answer="$(curl -fsS -H 'Content-Type: application/json' -d '{"source":"1 + 1"}' "$url/v1/runs")"
[[ "$answer" == *'"status":"succeeded"'*'"value":"2"'* ]] || { say "unexpected run answer: $answer"; exit 1; }
say "server pid $pid at $url; wrk -t$threads -c$connections -d$duration, $rounds rounds"

cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
hz="$(getconf CLK_TCK)"

# measure NAME LUA DURATION PATH: prints "rps cpu_us_per_request"; fails on any non-2xx answer or socket error
measure() {
    local name="$1" script="$2" d="$3" path="$4" before after out rps total
    before="$(cpu_ticks)"
    out="$(pin "${WRK_CPUS:-}" wrk -t"$threads" -c"$connections" -d"$d" -s "$here/$script" "$url$path")"
    after="$(cpu_ticks)"
    : >"$log"
    if grep -q 'Non-2xx' <<<"$out"; then say "$name: answers other than 2xx"; say "$out"; exit 1; fi
    if grep -q 'Socket errors' <<<"$out"; then say "$name: $(grep 'Socket errors' <<<"$out")"; fi
    rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
    total="$(awk '/requests in/ {print $1}' <<<"$out")"
    awk -v r="$rps" -v t="$total" -v c=$((after - before)) -v hz="$hz" \
        'BEGIN {printf "%.0f %.1f\n", r, c / hz * 1e6 / t}'
}

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
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
mh="$(median "${health[@]}")"; mv="$(median "${runs[@]}")"
mhc="$(median "${health_cpu[@]}")"; mvc="$(median "${runs_cpu[@]}")"
printf '| median | %.0f | %.0f | **%.2f** | %s | %s | |\n' "$mh" "$mv" "$(awk -v a="$mv" -v b="$mh" 'BEGIN {print a / b}')" "$mhc" "$mvc"
printf '\nruns/s ÷ health req/s = %.2f (target ≥ 0.80); by CPU, µs per health request ÷ µs per run = %.2f\n' \
    "$(awk -v a="$mv" -v b="$mh" 'BEGIN {print a / b}')" "$(awk -v a="$mhc" -v b="$mvc" 'BEGIN {print a / b}')"
