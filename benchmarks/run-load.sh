#!/usr/bin/env bash
# End-to-end load test: starts `flowvox serve` on loopback with the shipped model, runs 1, 4, 16 and
# 64 concurrent streaming clients for 30 s each and writes benchmarks/results/load/ (report.md,
# levels.csv, requests.csv, first-audio.png, throughput.png, server.log). Flags are passed through,
# e.g. benchmarks/run-load.sh --streams 1,4 --seconds 10. Run on an otherwise idle machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
./mvnw -q -B -DskipTests install -pl benchmarks -am
export GLIBC_TUNABLES="glibc.malloc.trim_threshold=4294967295:glibc.malloc.mmap_threshold=4294967295"
exec java -Dflowvox.home="$ROOT" -Dai.djl.offline=true -Djava.awt.headless=true \
  -cp "benchmarks/target/classes:benchmarks/target/lib/*" dev.flowvox.bench.load.LoadGenerator "$@"
