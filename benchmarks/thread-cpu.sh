#!/usr/bin/env bash
# Where a running JVM's CPU goes, thread by thread: two `jcmd <pid> Thread.print` snapshots some
# seconds apart, each thread's CPU time between them, threads of one kind added up (digits and
# Kafka Streams' client ids folded, so "StreamThread-1" of every topology stays apart by its
# application id). Cheaper and safer than a JFR recording, whose start stalled a busy node
# (docs/benchmarks-journal.md). Native work (RocksDB, the broker's I/O) counts, since the JVM
# reports each thread's own CPU time.
# Usage: benchmarks/thread-cpu.sh PID [SECONDS, default 30] [TOP, default 30]
set -euo pipefail
pid="${1:?usage: benchmarks/thread-cpu.sh PID [SECONDS] [TOP]}"
seconds="${2:-30}"
top="${3:-30}"
first="$(mktemp)"
second="$(mktemp)"
trap 'rm -f "$first" "$second"' EXIT
jcmd "$pid" Thread.print > "$first"
sleep "$seconds"
jcmd "$pid" Thread.print > "$second"
rows="$(awk -v seconds="$seconds" '
    function key(name) {
        gsub(/-[0-9a-f]+-[0-9a-f]+-[0-9a-f]+-[0-9a-f]+-[0-9a-f]+-/, "-<id>-", name)
        gsub(/[0-9]+/, "N", name)
        return name
    }
    /^"/ && match($0, /cpu=[0-9.]+ms/) {
        name = substr($0, 2, index(substr($0, 2), "\"") - 1)
        cpu = substr($0, RSTART + 4, RLENGTH - 6) + 0
        if (FNR == NR) { before[name] = cpu } else { used[key(name)] += cpu - before[name]; total += cpu - before[name] }
    }
    END {
        printf "total %.1f\n", total / seconds / 10
        for (k in used) printf "%6.1f %%  %s\n", used[k] / seconds / 10, k
    }' "$first" "$second")"
echo "$(grep '^total' <<< "$rows" | cut -d' ' -f2) % of a core in all Java threads over ${seconds} s"
grep -v '^total' <<< "$rows" | sort -rn | head -n "$top"
