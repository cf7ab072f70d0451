#!/usr/bin/env bash
# Runs the matching-core benchmarks as docs/benchmarks.md reports them: JMH throughput (fast and
# naive book), JMH sampled latency, then the HdrHistogram per-command latency harness.
# Usage: benchmarks/run-matching.sh [JVM flags added to -Xms2g -Xmx2g; default -XX:+UseParallelGC]
set -euo pipefail
cd "$(dirname "$0")/.."

flags="-Xms2g -Xmx2g ${*:--XX:+UseParallelGC}"
jar=benchmarks/target/benchmarks.jar

./mvnw -B -q -ntp -DskipTests -pl benchmarks -am package

loads=$(mktemp)
(while sleep 15; do cut -d' ' -f1 /proc/loadavg; done) >"$loads" &
sampler=$!
trap 'kill "$sampler" 2>/dev/null; rm -f "$loads"' EXIT

echo "# $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg); JVM flags: $flags"
java -jar "$jar" MatchingThroughputBenchmark -f 1 -wi 3 -i 5 -jvmArgsAppend "$flags"
java -jar "$jar" MatchingLatencyBenchmark -f 1 -wi 3 -i 5 -jvmArgsAppend "$flags"
# shellcheck disable=SC2086 # the flags are meant to split
java $flags -cp "$jar" io.bourse.benchmarks.matching.MatchingLatency

echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
sort -n "$loads" | awk '{v[NR]=$1; s+=$1} END {if (NR) printf "# 1-min load during the run: min %s, mean %.2f, max %s (%d samples)\n", v[1], s/NR, v[NR], NR}'
