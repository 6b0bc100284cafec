#!/usr/bin/env bash
# Runs the JMH benchmarks and writes benchmarks/results/NAME.json, NAME.log and NAME.md.
# Usage: benchmarks/run-jmh.sh [JMH regex [NAME]], e.g. benchmarks/run-jmh.sh ShippedModel jmh-shipped
# (default: all benchmarks, NAME jmh; a subset without a NAME writes jmh-subset, so it never replaces
# the full results; the 256-channel WaveGlow part takes about 5 minutes on 2 cores). Run on an
# otherwise idle machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
./mvnw -q -B -DskipTests install -pl benchmarks -am
mkdir -p benchmarks/results
CP="benchmarks/target/classes:benchmarks/target/lib/*"
export GLIBC_TUNABLES="glibc.malloc.trim_threshold=4294967295:glibc.malloc.mmap_threshold=4294967295"
NAME="${2:-$([ $# -eq 0 ] && echo jmh || echo jmh-subset)}"
OUT="benchmarks/results/$NAME"
java -Dflowvox.home="$ROOT" -cp "$CP" org.openjdk.jmh.Main -jvmArgsAppend "-Dflowvox.home=$ROOT" \
  -rf json -rff "$OUT.json" "${1:-.*}" | tee "$OUT.log"
java -cp "$CP" dev.flowvox.bench.JmhReport "$OUT.json" | tee "$OUT.md"
