#!/usr/bin/env bash
# Runs the JMH benchmarks and writes benchmarks/results/jmh.json and jmh.md.
# Usage: benchmarks/run-jmh.sh [JMH regex, e.g. ShippedModel]   (default: all; the 256-channel
# WaveGlow part takes about 5 minutes on 2 cores). Run on an otherwise idle machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
./mvnw -q -B -DskipTests install -pl benchmarks -am
mkdir -p benchmarks/results
CP="benchmarks/target/classes:benchmarks/target/lib/*"
export GLIBC_TUNABLES="glibc.malloc.trim_threshold=4294967295:glibc.malloc.mmap_threshold=4294967295"
java -Dflowvox.home="$ROOT" -cp "$CP" org.openjdk.jmh.Main -jvmArgsAppend "-Dflowvox.home=$ROOT" \
  -rf json -rff benchmarks/results/jmh.json "${1:-.*}" | tee benchmarks/results/jmh.log
java -cp "$CP" dev.flowvox.bench.JmhReport benchmarks/results/jmh.json | tee benchmarks/results/jmh.md
