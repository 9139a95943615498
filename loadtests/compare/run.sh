#!/usr/bin/env bash
# Whole-process comparison of Ion with CPython 3, Lua 5.4, LuaJIT and node (issue 18, item 2)
# on six programs: fib, loop, list_push, dict_str, pingpong, spawn (programs/NAME.{ion,py,lua,js};
# Lua 5.4 and LuaJIT run the same .lua file). programs/ also holds the Ion/Python/Lua-only
# programs of cli-bench/run.sh and ab.sh, and steady/ the scripts of EvalCpuTime.
#
#   loadtests/compare/run.sh                  # every program, RUNS=5 rounds
#   RUNS=3 loadtests/compare/run.sh fib loop  # some programs
#   SIZE=small loadtests/compare/run.sh       # tiny sizes, 1 round: checks the script, not speed
#
# For each program the script first runs every runtime once and checks that all print the same
# thing. Then it takes RUNS rounds; each round runs every runtime once, in turn, so that the load
# of the (shared) machine falls on all columns alike. A run is one whole process, JVM start-up
# included for Ion. It reports, per cell, the median over the rounds of the CPU time (user + sys
# of the process and its children, from bash's `times`) and of the wall time.
#
# Output: a markdown table on stdout, progress on stderr, and CSV_OUT (default
# loadtests/plots/cli-compare.csv for SIZE=full, none for SIZE=small) with rows `program,runtime,seconds`, seconds being
# the median CPU time, and beside it WALL_CSV_OUT (default: CSV_OUT's name with -wall) with the median wall times. Exit status 1 when a program failed or outputs disagreed.
#
# Runtimes: Ion is `<repo>/ion run FILE` (ION_CMD overrides, e.g.
# ION_CMD="java -Xss16m -cp loadtests/target/benchmarks.jar dev.ion.loadtests.RunScript").
# python3, lua5.4, luajit and node are used when on the PATH (PYTHON, LUA, LUAJIT, NODE
# override). When one is missing and the script runs as root with apt-get, it installs the
# Debian package (python3, lua5.4, luajit, nodejs) unless INSTALL=no; otherwise that column
# says "not installed".
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
PROGS="$HERE/programs"
SIZE=${SIZE:-full}
case "$SIZE" in
    full) RUNS=${RUNS:-5} ;;
    small) RUNS=${RUNS:-1} ;;
    *) echo "run.sh: SIZE must be full or small, not '$SIZE'" >&2; exit 2 ;;
esac
ALL=(fib loop list_push dict_str pingpong spawn)
if [ $# -gt 0 ]; then PROGRAMS=("$@"); else PROGRAMS=("${ALL[@]}"); fi
for p in "${PROGRAMS[@]}"; do
    [[ " ${ALL[*]} " == *" $p "* ]] || { echo "run.sh: unknown program '$p'; known: ${ALL[*]}" >&2; exit 2; }
done

say() { echo "$@" >&2; }

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# Only full-size figures go to the plots; a small run's CSV is thrown away unless asked for.
if [ "$SIZE" = full ]; then CSV_OUT=${CSV_OUT:-$REPO/loadtests/plots/cli-compare.csv}; else CSV_OUT=${CSV_OUT:-$TMP/cli-compare.csv}; fi
WALL_CSV_OUT=${WALL_CSV_OUT:-${CSV_OUT%.csv}-wall.csv}

# --- runtimes ---------------------------------------------------------------------------
# find_runtime VAR COMMAND DEBIAN_PACKAGE: sets VAR to COMMAND's path, installing the package
# when allowed, or to "" when the runtime cannot be had.
apt_updated=""
find_runtime() {
    local var=$1 cmd=$2 pkg=$3
    if [ -n "${!var:-}" ]; then return; fi
    if ! command -v "$cmd" >/dev/null && [ "${INSTALL:-yes}" != no ] && [ "$(id -u)" = 0 ] \
        && command -v apt-get >/dev/null; then
        say "$cmd is missing; installing the Debian package $pkg ..."
        if [ -z "$apt_updated" ]; then apt-get update -qq >&2 || true; apt_updated=1; fi
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >&2 || say "could not install $pkg"
    fi
    if command -v "$cmd" >/dev/null; then
        printf -v "$var" '%s' "$(command -v "$cmd")"
    else
        printf -v "$var" '%s' ""
        say "$cmd: not installed, skipped"
    fi
}
find_runtime PYTHON python3 python3
find_runtime LUA lua5.4 lua5.4
find_runtime LUAJIT luajit luajit
find_runtime NODE node nodejs

if [ -n "${ION_CMD:-}" ]; then
    read -r -a ION <<<"$ION_CMD"
else
    ION=("$REPO/ion" run)
    # ./ion rebuilds its jar when the sources are newer: do that now, not inside a measurement.
    "$REPO/ion" eval 0 >/dev/null
fi

RUNTIMES=(ion python3 lua5.4 luajit node)
# command_for RUNTIME PROGRAM FILE-STEM: the command line, or nothing when the runtime is missing.
command_for() {
    local stem=$3
    case $1 in
        ion) printf '%s\0' "${ION[@]}" "$stem.ion" ;;
        python3) [ -n "$PYTHON" ] && printf '%s\0' "$PYTHON" "$stem.py" ;;
        lua5.4) [ -n "$LUA" ] && printf '%s\0' "$LUA" "$stem.lua" ;;
        luajit) [ -n "$LUAJIT" ] && printf '%s\0' "$LUAJIT" "$stem.lua" ;;
        node) [ -n "$NODE" ] && printf '%s\0' "$NODE" "$stem.js" ;;
    esac
    return 0
}

# --- program files at the chosen size --------------------------------------------------
# SIZE=small rewrites each program's size literal (unique in each file) into a copy.
small_size() {
    case $1 in
        fib) echo "s/\\b35\\b/20/g" ;;
        loop) echo "s/\\b30000000\\b/30000/g" ;;
        list_push) echo "s/\\b5000000\\b/5000/g" ;;
        dict_str) echo "s/\\b1000000\\b/1000/g" ;;
        pingpong) echo "s/\\b200000\\b/200/g" ;;
        spawn) echo "s/\\b100000\\b/100/g" ;;
    esac
}
stem_for() {
    local p=$1
    if [ "$SIZE" = full ]; then echo "$PROGS/$p"; return; fi
    local ext
    for ext in ion py lua js; do sed -E "$(small_size "$p")" "$PROGS/$p.$ext" >"$TMP/$p.$ext"; done
    echo "$TMP/$p"
}

# --- measuring ---------------------------------------------------------------------------
# measure CMD...: runs CMD once (stdout to $TMP/out), sets CPU and WALL (seconds); returns its status.
measure() {
    local t0 t1 status
    t0=$EPOCHREALTIME
    # `times` in the subshell reports the user and sys time of the subshell's children.
    set +e
    ( "$@" >"$TMP/out" 2>"$TMP/err"; s=$?; times >"$TMP/times"; exit $s )
    status=$?
    set -e
    t1=$EPOCHREALTIME
    WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
    CPU=$(sed -n 2p "$TMP/times" | awk '{
        total = 0
        for (f = 1; f <= 2; f++) { split($f, p, "m"); sub("s", "", p[2]); total += p[1] * 60 + p[2] }
        printf "%.3f", total }')
    return $status
}

median() { # numbers on stdin -> median
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "n/a"; exit }
        if (NR % 2) printf "%.3f\n", v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ratio() { # "n/a" unless both are numbers (a cell may read FAILED, MISMATCH or not installed)
    awk -v a="$1" -v b="$2" 'BEGIN { if (a !~ /^[0-9.]+$/ || b !~ /^[0-9.]+$/ || b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'
}

# --- versions and load -----------------------------------------------------------------------
say "ion:     ${ION[*]} ($(java -version 2>&1 | head -n 1))"
[ -n "$PYTHON" ] && say "python3: $("$PYTHON" --version 2>&1)"
[ -n "$LUA" ] && say "lua5.4:  $("$LUA" -v 2>&1 | head -n 1)"
[ -n "$LUAJIT" ] && say "luajit:  $("$LUAJIT" -v 2>&1 | head -n 1)"
[ -n "$NODE" ] && say "node:    $("$NODE" --version 2>&1)"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "size $SIZE, $RUNS round(s); load average before: $load_before"

# --- check, then measure -------------------------------------------------------------------------
status=0
declare -A CPU_MED WALL_MED
for p in "${PROGRAMS[@]}"; do
    stem=$(stem_for "$p")
    reference=""
    declare -A OK=()
    for rt in "${RUNTIMES[@]}"; do
        mapfile -d '' cmd < <(command_for "$rt" "$p" "$stem")
        if [ ${#cmd[@]} -eq 0 ]; then CPU_MED[$p,$rt]="not installed"; WALL_MED[$p,$rt]=""; continue; fi
        if ! measure "${cmd[@]}"; then
            say "$rt failed on $p: $(head -c 300 "$TMP/err")"
            CPU_MED[$p,$rt]="FAILED"; WALL_MED[$p,$rt]=""; status=1; continue
        fi
        out=$(cat "$TMP/out")
        if [ -z "$reference" ]; then
            reference=$out
        elif [ "$out" != "$reference" ]; then
            say "MISMATCH on $p: $rt printed '$(head -c 200 <<<"$out")', the first runtime '$(head -c 200 <<<"$reference")'"
            CPU_MED[$p,$rt]="MISMATCH"; WALL_MED[$p,$rt]=""; status=1; continue
        fi
        OK[$rt]=1
        : >"$TMP/cpu.$rt"; : >"$TMP/wall.$rt"
    done
    say "== $p: all print $(head -c 100 <<<"$reference")"
    for ((r = 1; r <= RUNS; r++)); do
        line="   round $r:"
        for rt in "${RUNTIMES[@]}"; do
            [ -n "${OK[$rt]:-}" ] || continue
            mapfile -d '' cmd < <(command_for "$rt" "$p" "$stem")
            measure "${cmd[@]}" || { say "$rt failed on $p in round $r"; status=1; }
            # ./ion rebuilds its jar when a source changed since the last build: such a run
            # measures Maven, not Ion, so it is run again (the rebuild happens once).
            if [ "$rt" = ion ] && grep -q "building ion.jar" "$TMP/err"; then
                say "   ion rebuilt its jar during round $r; that run is discarded and repeated"
                measure "${cmd[@]}" || { say "$rt failed on $p in round $r"; status=1; }
            fi
            echo "$CPU" >>"$TMP/cpu.$rt"; echo "$WALL" >>"$TMP/wall.$rt"
            line+=" $rt ${CPU}s cpu/${WALL}s wall;"
        done
        say "$line"
    done
    for rt in "${RUNTIMES[@]}"; do
        [ -n "${OK[$rt]:-}" ] || continue
        CPU_MED[$p,$rt]=$(median <"$TMP/cpu.$rt")
        WALL_MED[$p,$rt]=$(median <"$TMP/wall.$rt")
    done
    unset OK
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report ----------------------------------------------------------------------------------------
cell() { # CPU (WALL), or the reason there is none
    local c=${CPU_MED[$1,$2]} w=${WALL_MED[$1,$2]}
    if [ -n "$w" ]; then echo "$c ($w)"; else echo "$c"; fi
}
echo
echo "| program | $(IFS='|'; echo "${RUNTIMES[*]}" | sed 's/|/ | /g') | ion/python3 | ion/lua5.4 | ion/python3 (wall) | ion/lua5.4 (wall) |"
echo "|---|$(printf -- '---:|%.0s' "${RUNTIMES[@]}")---:|---:|---:|---:|"
for p in "${PROGRAMS[@]}"; do
    row="| $p |"
    for rt in "${RUNTIMES[@]}"; do row+=" $(cell "$p" "$rt") |"; done
    row+=" $(ratio "${CPU_MED[$p,ion]}" "${CPU_MED[$p,python3]}") | $(ratio "${CPU_MED[$p,ion]}" "${CPU_MED[$p,lua5.4]}") |"
    row+=" $(ratio "${WALL_MED[$p,ion]}" "${WALL_MED[$p,python3]}") | $(ratio "${WALL_MED[$p,ion]}" "${WALL_MED[$p,lua5.4]}") |"
    echo "$row"
done
echo
echo "Seconds: median CPU time (user + sys) of $RUNS whole-process run(s), wall time in brackets;"
echo "ratios are of CPU times, then of wall times; below 1 means Ion is faster. Size $SIZE; load average $load_before"
echo "before, $load_after after."

# write_csv FILE MEDIANS: one row per program and runtime that has a figure
write_csv() {
    local -n medians=$2
    mkdir -p "$(dirname "$1")"
    {
        echo "program,runtime,seconds"
        for p in "${PROGRAMS[@]}"; do
            for rt in "${RUNTIMES[@]}"; do
                if [[ ${medians[$p,$rt]:-} =~ ^[0-9.]+$ ]]; then echo "$p,$rt,${medians[$p,$rt]}"; fi
            done
        done
    } >"$1"
    say "wrote $1"
}
write_csv "$CSV_OUT" CPU_MED
write_csv "$WALL_CSV_OUT" WALL_MED
exit $status
