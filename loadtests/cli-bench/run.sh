#!/usr/bin/env bash
# Whole-process comparison of Ion against CPython 3 and Lua 5.4 on the same programs.
#
#   loadtests/cli-bench/run.sh                    # every program, 3 runs each
#   RUNS=5 loadtests/cli-bench/run.sh fib         # one program, 5 runs
#   MEASURE=cpu RUNS=5 loadtests/cli-bench/run.sh # CPU time (user + sys) instead of wall clock
#
# The programs, from loadtests/compare/programs (NAME.{ion,py,lua}): fib (recursive calls),
# loop_square and loop (integer while-loops), list_push_sum (5*10^6 pushes, then a sum),
# dict_insert (10^6 f-string keys inserted, then each read back), pingpong (2*10^5 channel
# round trips between two tasks) and spawn_await (10^5 tasks spawned and awaited one by one).
#
# Each measurement is one whole process, JVM start-up included for Ion. The script
# first checks that the three implementations of a program print the same thing, then
# reports the median of RUNS runs as a markdown table on stdout. Progress goes to stderr.
# MEASURE=wall (the default) times with hyperfine when installed, otherwise bash's clock;
# MEASURE=cpu reports the processes' user + sys CPU time (bash's `time`), which a machine
# shared with other work disturbs less than the wall clock.
#
# Ion runs as `<repo>/ion run FILE` when the launcher exists, otherwise as
# `java -Xss16m -cp loadtests/target/benchmarks.jar dev.ion.loadtests.RunScript FILE`
# (build it with: mvn -q -B install -DskipTests -pl engine,loadtests -am).
# ION_CMD="..." overrides both.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
PROGS="$REPO/loadtests/compare/programs"
RUNS=${RUNS:-3}
MEASURE=${MEASURE:-wall}
case $MEASURE in wall | cpu) ;; *) echo "run.sh: MEASURE must be wall or cpu, not '$MEASURE'" >&2; exit 2 ;; esac
if [ $# -gt 0 ]; then PROGRAMS=("$@"); else PROGRAMS=(fib loop_square loop list_push_sum dict_insert pingpong spawn_await); fi

say() { echo "$@" >&2; }
die() { say "run.sh: $*"; exit 1; }

# --- the three interpreters -------------------------------------------------
if [ -n "${ION_CMD:-}" ]; then
    read -r -a ION <<<"$ION_CMD"
elif [ -x "$REPO/ion" ]; then
    ION=("$REPO/ion" run)
elif [ -f "$REPO/loadtests/target/benchmarks.jar" ]; then
    ION=(java -Xss16m -cp "$REPO/loadtests/target/benchmarks.jar" dev.ion.loadtests.RunScript)
else
    die "no ./ion launcher and no loadtests/target/benchmarks.jar; build with:
  (cd $REPO && mvn -q -B install -DskipTests -pl engine,loadtests -am)"
fi

PYTHON=${PYTHON:-python3}
command -v "$PYTHON" >/dev/null || die "$PYTHON not found (install python3)"

LUA=${LUA:-}
if [ -z "$LUA" ]; then
    if command -v lua5.4 >/dev/null; then
        LUA=lua5.4
    elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "installing lua5.4 ..."
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq lua5.4 >/dev/null
        LUA=lua5.4
    else
        say "lua5.4 is missing; install it with: sudo apt-get install lua5.4 (or set LUA=/path/to/lua5.4)."
        say "Continuing without the Lua column."
    fi
fi

cd "$REPO"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# --- timing -------------------------------------------------------------------
now() { date +%s.%N; }

median() { # numbers on stdin -> median
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1;
        if (NR % 2) printf "%.3f\n", v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# cpu_once CMD... : runs CMD once (stdout discarded, stderr to $TMP/stderr) and prints its
# user + sys CPU seconds; fails when CMD fails.
cpu_once() {
    local TIMEFORMAT='%3U %3S' t
    t=$( { time "$@" >/dev/null 2>"$TMP/stderr"; } 2>&1 ) || return 1
    awk '{ printf "%.3f\n", $1 + $2 }' <<<"$t"
}

# time_cmd LABEL CMD... : prints the median seconds of RUNS runs of CMD (stdout discarded).
time_cmd() {
    local label=$1; shift
    if [ "$MEASURE" = wall ] && command -v hyperfine >/dev/null; then
        hyperfine --style none --runs "$RUNS" --export-json "$TMP/h.json" -- "$(printf '%q ' "$@")" >/dev/null 2>&1 \
            || die "$label failed under hyperfine"
        "$PYTHON" -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$TMP/h.json"
        return
    fi
    local r start end secs rebuilds=0
    : >"$TMP/times"
    for ((r = 1; r <= RUNS; r++)); do
        if [ "$MEASURE" = cpu ]; then
            secs=$(cpu_once "$@") || { cat "$TMP/stderr" >&2; die "$label failed (run $r)"; }
        else
            start=$(now)
            "$@" >/dev/null 2>"$TMP/stderr" || { cat "$TMP/stderr" >&2; die "$label failed (run $r)"; }
            end=$(now)
            secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f\n", b - a }')
        fi
        # ./ion rebuilds its jar when sources changed since the last build: such a run
        # measures Maven, not Ion, so it is discarded and repeated (at most 3 times).
        if grep -q "building" "$TMP/stderr" && ((rebuilds < 3)); then
            rebuilds=$((rebuilds + 1))
            say "  $label run $r rebuilt the launcher's jar; discarded, repeating it"
            r=$((r - 1))
            continue
        fi
        echo "$secs" >>"$TMP/times"
        say "  $label run $r: $(tail -n 1 "$TMP/times") s"
    done
    median <"$TMP/times"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == "" || b + 0 == 0) print "n/a"; else printf "%.2f\n", a / b }'; }

# --- versions -----------------------------------------------------------------
say "ion:    ${ION[*]}"
say "python: $("$PYTHON" --version 2>&1) ($("$PYTHON" -c 'import platform; print(platform.python_implementation())'))"
[ -n "$LUA" ] && say "lua:    $("$LUA" -v 2>&1 | head -n 1)"
say "java:   $(java -version 2>&1 | head -n 1)"
if [ "$MEASURE" = cpu ]; then timing="CPU time (user + sys, bash's time)"
elif command -v hyperfine >/dev/null; then timing="wall clock (hyperfine)"
else timing="wall clock (date +%s.%N)"; fi
say "runs:   $RUNS per cell, median reported; timing: $timing"

# --- check, then measure ----------------------------------------------------------
status=0
rows=()
for p in "${PROGRAMS[@]}"; do
    for ext in ion py lua; do
        [ -f "$PROGS/$p.$ext" ] || die "missing $PROGS/$p.$ext"
    done
    say "== $p: checking outputs"
    "${ION[@]}" "$PROGS/$p.ion" >"$TMP/out.ion" 2>"$TMP/err.ion" || {
        say "ion failed on $p.ion:"; cat "$TMP/err.ion" >&2; status=1; rows+=("| $p | FAILED | | | | |"); continue; }
    "$PYTHON" "$PROGS/$p.py" >"$TMP/out.py"
    if ! cmp -s "$TMP/out.ion" "$TMP/out.py"; then
        say "MISMATCH on $p: ion printed '$(head -c 200 "$TMP/out.ion")', python3 printed '$(head -c 200 "$TMP/out.py")'"
        status=1
    fi
    if [ -n "$LUA" ]; then
        "$LUA" "$PROGS/$p.lua" >"$TMP/out.lua"
        if ! cmp -s "$TMP/out.ion" "$TMP/out.lua"; then
            say "MISMATCH on $p: ion printed '$(head -c 200 "$TMP/out.ion")', lua printed '$(head -c 200 "$TMP/out.lua")'"
            status=1
        fi
    fi
    say "   all print: $(head -c 200 "$TMP/out.ion")"

    say "== $p: timing"
    t_ion=$(time_cmd "ion $p" "${ION[@]}" "$PROGS/$p.ion")
    t_py=$(time_cmd "python3 $p" "$PYTHON" "$PROGS/$p.py")
    t_lua=""
    [ -n "$LUA" ] && t_lua=$(time_cmd "lua $p" "$LUA" "$PROGS/$p.lua")
    rows+=("| $p | $t_ion s | $t_py s | ${t_lua:-n/a}${t_lua:+ s} | $(ratio "$t_ion" "$t_py") | $(ratio "$t_ion" "$t_lua") |")
done

echo
echo "| program | ion | python3 | lua5.4 | ion/python | ion/lua |"
echo "|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "Median $([ "$MEASURE" = cpu ] && echo "CPU time (user + sys)" || echo "wall-clock time") of $RUNS whole-process runs (JVM start-up included for Ion), load average $(cut -d' ' -f1-3 /proc/loadavg). A ratio below 1 means Ion is faster."
exit $status
