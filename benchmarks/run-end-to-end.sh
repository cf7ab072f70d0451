#!/usr/bin/env bash
# The end-to-end sweep docs/benchmarks.md reports: for each node configuration (exactly-once or
# at-least-once, two commit intervals) a fresh one-node exchange on the embedded broker, the load
# generator at rising offered rates, one CSV row per rate, then the latency-versus-throughput plot.
# Usage: benchmarks/run-end-to-end.sh [output dir, default benchmarks/target/end-to-end]
# Environment: RATES (default 500,1000,2000,3000,4000,5000), SECONDS_PER_RATE (20), WARMUP (90),
#   CONFIGS (default "eos:100 eos:20 alos:100 alos:20"), MODE (kafka or rest), SEED,
#   NODE_JAVA_OPTS (default "-Xmx1g -XX:+UseParallelGC", as ./bourse run).
# Needs ports 8080, 8081 and 9092 free. Only loopback traffic; every run stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

out="$(realpath -m "${1:-benchmarks/target/end-to-end}")"
rates="${RATES:-500,1000,2000,3000,4000,5000}"
seconds="${SECONDS_PER_RATE:-20}"
warmup="${WARMUP:-90}"
configs="${CONFIGS:-eos:100 eos:20 alos:100 alos:20}"
mode="${MODE:-kafka}"
seed="${SEED:-20261125}"
node_java_opts="${NODE_JAVA_OPTS:--Xmx1g -XX:+UseParallelGC}"
mkdir -p "$out"

./mvnw -B -q -ntp -DskipTests -pl launcher,tools,benchmarks -am package
jar="$out/bourse-launcher.jar"
tools="$out/bourse-tools-exec.jar"
# Copies, so a rebuild during the sweep cannot change the jars under a running exchange.
cp launcher/target/bourse-launcher.jar "$jar"
cp tools/target/bourse-tools-exec.jar "$tools"
csv="$out/results.csv"
rm -f "$csv"

for port in 8080 8081 9092; do
  if (exec 3<>"/dev/tcp/localhost/$port") 2>/dev/null; then
    echo "port $port is taken: stop whatever runs there (another exchange?) first" >&2
    exit 1
  fi
done
node=""
trap '[[ -n "$node" ]] && kill "$node" 2>/dev/null; wait 2>/dev/null' EXIT
echo "# $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg); rates $rates; ${seconds} s each; warm-up ${warmup} s; seed $seed; node JVM $node_java_opts"
for config in $configs; do
  guarantee="${config%%:*}"
  commit="${config##*:}"
  [[ "$guarantee" == eos ]] && processing=exactly_once_v2 || processing=at_least_once
  label="${guarantee}-${commit}ms"
  dir="$out/$label"
  rm -rf "$dir" && mkdir -p "$dir"
  BOURSE_DATA_DIR="$dir/data" BOURSE_SIMULATOR=false BOURSE_STREAMS_COMMITINTERVALMS="$commit" \
    BOURSE_STREAMS_PROCESSINGGUARANTEE="$processing" java $node_java_opts -jar "$jar" >"$dir/node.log" 2>&1 &
  node=$!
  until curl -sf localhost:8080/actuator/health >/dev/null 2>&1; do
    kill -0 "$node" 2>/dev/null || { echo "node for $label died; see $dir/node.log" >&2; exit 1; }
    sleep 2
  done
  echo "## $label"
  java -Xms512m -Xmx512m -Dloader.main=io.bourse.tools.load.LoadGenerator -jar "$tools" --mode="$mode" --rates="$rates" --seconds="$seconds" --warmup="$warmup" \
    --seed="$seed" --label="$label" --csv="$csv" | tee "$dir/loadgen.txt"
  kill "$node"
  wait "$node" 2>/dev/null || true
  node=""
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp benchmarks/target/benchmarks.jar io.bourse.benchmarks.endtoend.LatencyPlot "$csv" "$out/latency-vs-throughput.png"
echo "results: $csv, plot: $out/latency-vs-throughput.png"
