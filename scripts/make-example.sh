#!/usr/bin/env bash
# Regenerates examples/hello.wav, the input of the README's first command: a short sentence spoken by
# espeak-ng (installed with apt when missing), 22050 Hz mono 16-bit.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! command -v espeak-ng >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y --no-install-recommends espeak-ng
  elif command -v sudo >/dev/null 2>&1; then sudo apt-get install -y --no-install-recommends espeak-ng
  else echo "install espeak-ng first: sudo apt-get install -y espeak-ng" >&2; exit 1; fi
fi
espeak-ng -v en-us -s 150 -w "$ROOT/examples/hello.wav" \
  "Hello! This sentence was analysed into a mel spectrogram and synthesized again by a normalizing flow."
echo "wrote $ROOT/examples/hello.wav"
