#!/usr/bin/env bash
# Interleaved A/B of two ion.jar builds on the programs of loadtests/compare/programs (default: fib,
# loop_square and loop), beside lua5.4 and python3, on a shared machine: CPU time (user + sys) of
# whole processes, median of ROUNDS rounds.
#
#   loadtests/cli-bench/ab.sh OLD.jar NEW.jar [PROGRAM...]     # ROUNDS=5 by default
#   OLD_OPTS=-XX:MaxTenuringThreshold=15 loadtests/cli-bench/ab.sh J J dict_str   # one jar, two option sets
#
# Each jar runs as `./ion run` runs it (the same JVM options, with a class-data archive written for
# that jar first); OLD_OPTS and NEW_OPTS add JVM options to one side (later options win). One round runs every program once with each jar and each interpreter, so load that
# comes and goes hits all columns alike. Prints one markdown row per program: CPU medians, the wall
# median, and the load average seen over the rounds. lua5.4 or python3 missing: "n/a" in their column.
set -euo pipefail

PROGS=$(cd "$(dirname "${BASH_SOURCE[0]}")/../compare/programs" && pwd)
[ $# -ge 2 ] || { echo "usage: $0 OLD.jar NEW.jar [PROGRAM...]" >&2; exit 2; }
OLD=$(readlink -f "$1"); NEW=$(readlink -f "$2"); shift 2
if [ $# -gt 0 ]; then PROGRAMS=("$@"); else PROGRAMS=(fib loop_square loop); fi
ROUNDS=${ROUNDS:-5}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
OPTS=(-Xss16m -XX:+UseParallelGC -XX:-UseCompressedOops -Xmn32m -XX:MaxTenuringThreshold=0 -Xlog:cds=off
    -Xlog:cds+dynamic=off) # as in ../../ion
# shellcheck disable=SC2206 # lists of JVM options, split on purpose
OLD_EXTRA=(${OLD_OPTS:-}); NEW_EXTRA=(${NEW_OPTS:-})

for jar in "$OLD" "$NEW"; do
    java "${OPTS[@]}" -XX:ArchiveClassesAtExit="$TMP/$(basename "$jar").$(cksum <"$jar" | cut -d' ' -f1).jsa" \
        -jar "$jar" eval 0 >/dev/null 2>&1 || true
done
archive() { echo "$TMP/$(basename "$1").$(cksum <"$1" | cut -d' ' -f1).jsa"; }

# measure LABEL CMD... : appends "cpu wall" to $TMP/LABEL
measure() {
    local label=$1; shift
    /usr/bin/time -f "%U %S %e" -o "$TMP/t" "$@" >/dev/null
    awk '{ printf "%.3f %.3f\n", $1 + $2, $3 }' "$TMP/t" >>"$TMP/$label"
}
median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

loads=()
for ((r = 1; r <= ROUNDS; r++)); do
    loads+=("$(cut -d' ' -f1 /proc/loadavg)")
    for p in "${PROGRAMS[@]}"; do
        measure "$p.old" java "${OPTS[@]}" "${OLD_EXTRA[@]}" -XX:SharedArchiveFile="$(archive "$OLD")" -jar "$OLD" run "$PROGS/$p.ion"
        measure "$p.new" java "${OPTS[@]}" "${NEW_EXTRA[@]}" -XX:SharedArchiveFile="$(archive "$NEW")" -jar "$NEW" run "$PROGS/$p.ion"
        command -v lua5.4 >/dev/null && measure "$p.lua" lua5.4 "$PROGS/$p.lua"
        command -v python3 >/dev/null && measure "$p.py" python3 "$PROGS/$p.py"
    done
    echo "round $r of $ROUNDS done (load ${loads[-1]})" >&2
done

col() { if [ -f "$TMP/$1" ]; then cut -d' ' -f"$2" "$TMP/$1" | median; else echo n/a; fi; }
echo "| program | old CPU s | new CPU s | lua5.4 CPU s | python3 CPU s | new/lua | new/python | old / new / lua / python wall s | load |"
echo "|---|---:|---:|---:|---:|---:|---:|---|---|"
for p in "${PROGRAMS[@]}"; do
    o=$(col "$p.old" 1); n=$(col "$p.new" 1); l=$(col "$p.lua" 1); y=$(col "$p.py" 1)
    ratio() { [ "$2" = n/a ] && echo n/a || awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
    echo "| $p | $o | $n | $l | $y | $(ratio "$n" "$l") | $(ratio "$n" "$y") | $(col "$p.old" 2) / $(col "$p.new" 2) / $(col "$p.lua" 2) / $(col "$p.py" 2) | $(printf '%s ' "${loads[@]}")|"
done
