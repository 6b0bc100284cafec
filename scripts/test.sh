#!/usr/bin/env bash
# Runs the whole test suite from a fresh clone: checks for Java, installs the system packages the
# tests need (scripts/install-system-deps.sh), then builds and tests every module
# with the Maven wrapper (which downloads Maven itself). The NVIDIA reference fixtures are read
# from ../shared/fixtures beside the checkout (override with FLOWVOX_FIXTURES=DIR).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if ! command -v java >/dev/null 2>&1; then
  echo "Java 17 or newer is required: sudo apt-get install -y openjdk-17-jdk-headless" >&2
  exit 1
fi
# espeak-ng is the text-to-speech front end the client and CLI tests drive; ffmpeg decodes the
# compressed formats flowvox reads (FfmpegDecoderTest, AudioFilesTest, FlowvoxCliTest); Python's
# grpcio and protobuf run one interoperability test's client (vocoder-server's
# PythonClientInteropTest), Node.js with the locked @grpc/grpc-js of examples/node the other
# (NodeClientInteropTest).
"$ROOT/scripts/install-system-deps.sh" espeak-ng ffmpeg python3-grpcio python3-protobuf nodejs npm
if [ ! -d examples/node/node_modules/@grpc/grpc-js ]; then
  echo "test: installing the Node.js examples' dependencies (npm ci --prefix examples/node)" >&2
  npm ci --prefix examples/node --no-audit --no-fund --loglevel=error >&2
fi
args=(-B -ntp verify)
if [ -n "${FLOWVOX_FIXTURES:-}" ]; then args+=("-Dflowvox.fixtures=$FLOWVOX_FIXTURES"); fi
exec ./mvnw "${args[@]}"
