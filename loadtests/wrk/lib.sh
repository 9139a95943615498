# shellcheck shell=bash
# What run.sh and compare.sh share, sourced by both: the wrk settings, starting a packaged
# server on a free loopback port, and one wrk measurement with the server's CPU time.
#
# Settings: ROUNDS, THREADS, CONNECTIONS and DURATION (wrk -t/-c/-d, default 3 rounds of
# 1 thread, 32 connections, 10s), JAVA_OPTS and SERVE_ARGS (lists of words for the server).

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rounds="${ROUNDS:-3}"
threads="${THREADS:-1}"
connections="${CONNECTIONS:-32}"
duration="${DURATION:-10s}"
hz="$(getconf CLK_TCK)"

say() { echo "$@" >&2; }

require_wrk() {
    command -v wrk >/dev/null || { say "wrk: not installed, skipped (apt-get install wrk)"; exit 0; }
}

pin() { # pin CPUS CMD...: runs CMD under taskset when CPUS is set
    local cpus="$1"; shift
    if [[ -n "$cpus" ]]; then taskset -c "$cpus" "$@"; else "$@"; fi
}

# start_server JAR LOG [CPUS]: starts `java -jar JAR serve` on a free loopback port in the
# background (under taskset when CPUS is set; taskset execs java, so the pid is java's),
# appending its output to LOG, and sets server_pid. The server only appends to LOG, so
# emptying LOG between measurements is safe.
start_server() {
    local jar="$1" log="$2" cpus="${3:-}" cmd=(java)
    [[ -n "$cpus" ]] && cmd=(taskset -c "$cpus" java)
    # shellcheck disable=SC2086 # JAVA_OPTS and SERVE_ARGS are lists of words, split on purpose
    "${cmd[@]}" ${JAVA_OPTS:-} -jar "$jar" serve --host 127.0.0.1 --port 0 ${SERVE_ARGS:-} >>"$log" 2>&1 &
    server_pid=$!
}

# await_url NAME PID LOG: waits up to 60 s for the server's "listening" log line and sets
# server_url; exits 1 when the server dies or stays silent.
await_url() {
    local name="$1" pid="$2" log="$3"
    server_url=""
    for _ in $(seq 1 600); do
        server_url="$(sed -n 's/.*"msg":"listening","url":"\([^"]*\)".*/\1/p' "$log" | head -1)"
        [[ -n "$server_url" ]] && return 0
        kill -0 "$pid" 2>/dev/null || { say "$name did not start:"; cat "$log" >&2; exit 1; }
        sleep 0.1
    done
    say "$name did not say where it listens within 60 s"
    exit 1
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# wrk_measure LABEL PID URL LUA DURATION LOG [CPUS]: one wrk run of the script LUA against URL
# (pinned to CPUS when set); prints "requests_per_s server_cpu_us_per_request", then empties
# LOG. Fails on any answer other than 2xx; reports socket errors.
wrk_measure() {
    local label="$1" pid="$2" url="$3" script="$4" d="$5" log="$6" cpus="${7:-}" before after out
    before="$(cpu_ticks "$pid")"
    out="$(pin "$cpus" wrk -t"$threads" -c"$connections" -d"$d" -s "$here/$script" "$url")"
    after="$(cpu_ticks "$pid")"
    : >"$log"
    if grep -q 'Non-2xx' <<<"$out"; then say "$label: answers other than 2xx"; say "$out"; exit 1; fi
    if grep -q 'Socket errors' <<<"$out"; then say "$label: $(grep 'Socket errors' <<<"$out")"; fi
    awk -v hz="$hz" -v c=$((after - before)) '/^Requests\/sec:/ {r = $2} /requests in/ {t = $1}
        END {printf "%.0f %.1f\n", r, c / hz * 1e6 / t}' <<<"$out"
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
