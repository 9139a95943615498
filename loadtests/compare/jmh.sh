#!/usr/bin/env bash
# The cross-language JMH comparison (issue 18, item 3) in one run, as a table and a CSV.
#
#   loadtests/compare/jmh.sh                        # -f 1 -wi 2 -i 3 -w 2s -r 3s (about 15 min)
#   JMH_OPTS="-f 1 -wi 3 -i 5" loadtests/compare/jmh.sh
#   FROM=results.csv loadtests/compare/jmh.sh        # only turn an earlier JMH CSV into the table
#
# Runs every benchmark of dev.ion.loadtests.jmh.compare (eight workloads × ion, luaj, luajc,
# rhino-interpreted, rhino-compiled, java) from loadtests/target/benchmarks.jar (build it with
# `mvn -q -B -DskipTests package -pl loadtests -am`), keeps JMH's own CSV in RAW_OUT
# (default loadtests/target/jmh-compare-raw.csv), writes CSV_OUT (default
# loadtests/plots/jmh-compare.csv: `benchmark,implementation,ms_per_op`) and prints a markdown
# table of ms/op with each implementation's time relative to Ion's.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
JAR="$REPO/loadtests/target/benchmarks.jar"
JMH_OPTS=${JMH_OPTS:--f 1 -wi 2 -i 3 -w 2s -r 3s}
RAW_OUT=${RAW_OUT:-$REPO/loadtests/target/jmh-compare-raw.csv}
CSV_OUT=${CSV_OUT:-$REPO/loadtests/plots/jmh-compare.csv}
IMPLS=(ion luaj luajc rhino-interpreted rhino-compiled java)

if [ -n "${FROM:-}" ]; then
    RAW_OUT=$FROM
else
    [ -f "$JAR" ] || { echo "jmh.sh: no $JAR; build it with: mvn -q -B -DskipTests package -pl loadtests -am" >&2; exit 1; }
    echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    # shellcheck disable=SC2086 # JMH_OPTS is a list of options, split on purpose
    java -jar "$JAR" 'jmh\.compare\.' $JMH_OPTS -rf csv -rff "$RAW_OUT" >&2
    echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
fi

# JMH's CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: impl"
mkdir -p "$(dirname "$CSV_OUT")"
awk -F, 'NR > 1 {
        gsub(/["\r]/, "")
        if ($1 !~ /jmh\.compare\./ || $7 != "ms/op") next
        n = split($1, parts, ".")
        # the class name ListPush becomes the workload name list_push
        name = parts[n - 1]; snake = ""
        for (c = 1; c <= length(name); c++) {
            ch = substr(name, c, 1)
            if (ch ~ /[A-Z]/ && c > 1) snake = snake "_"
            snake = snake tolower(ch)
        }
        print snake "," $8 "," $5
    }' "$RAW_OUT" | { echo "benchmark,implementation,ms_per_op"; cat; } >"$CSV_OUT"
echo "wrote $CSV_OUT" >&2

awk -F, -v impls="${IMPLS[*]}" 'NR > 1 {
        if (!($1 in seen)) { seen[$1] = 1; order[++rows] = $1 }
        ms[$1, $2] = $3
    }
    function fmt(v) { return v >= 100 ? sprintf("%.0f", v) : v >= 1 ? sprintf("%.1f", v) : sprintf("%.3f", v) }
    END {
        k = split(impls, names, " ")
        head = "| workload |"; line = "|---|"
        for (i = 1; i <= k; i++) { head = head " " names[i] " |"; line = line "---:|" }
        print head; print line
        for (r = 1; r <= rows; r++) {
            b = order[r]; row = "| " b " |"
            for (i = 1; i <= k; i++) {
                v = ms[b, names[i]]
                if (v == "") { row = row " – |"; continue }
                cell = fmt(v)
                if (names[i] != "ion" && ms[b, "ion"] != "") cell = cell sprintf(" (%.2f×)", v / ms[b, "ion"])
                row = row " " cell " |"
            }
            print row
        }
        print ""
        print "ms per run of the whole program; in brackets, the time relative to Ion (below 1: faster than Ion)."
    }' "$CSV_OUT"
