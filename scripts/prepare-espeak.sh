#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# prepare-espeak.sh - synthetic speech (espeak-ng) to calibrate and measure the anomaly checks on
# text-to-speech output, whose pauses and stop closures are digital silence.
#
# Usage: scripts/prepare-espeak.sh [OUTPUT_DIR]      (default: <repo>/data/espeak, gitignored)
#
# Text: the sentences of 40 to 160 characters of /usr/share/common-licenses/GPL-3 (Debian's
# base-files), each spoken twice. Voices: 29 espeak-ng languages and 8 voice variants, with speed
# (130-219 words/min) and pitch (25-74) stepped through fixed sequences, so every run makes the same
# clips with the same espeak-ng version (written to README.txt). Every 10th clip goes to valid.tsv,
# the others to train.tsv (path, samples, seconds, source). Output: 16-bit mono WAV at 22050 Hz,
# espeak-ng's own rate.
set -euo pipefail
export LC_ALL=C

readonly TEXT=/usr/share/common-licenses/GPL-3
readonly VOICES=(en-us en-gb en-gb-scotland en-029 de fr-fr es it nl pl ru cs sk pt-br sv da fi hu ro el tr uk hr id
    af ca eo la cy lt)
readonly VARIANTS=("" +m1 +m3 +f1 +f2 +f4 +m5 +klatt)
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out_dir=${1:-$script_dir/../data/espeak}

die() { printf 'prepare-espeak: ERROR: %s\n' "$*" >&2; exit 1; }

"$script_dir/install-system-deps.sh" espeak-ng sox
[[ -r $TEXT ]] || die "$TEXT is missing (Debian package base-files)"
mkdir -p "$out_dir/wav"
out_dir=$(cd "$out_dir" && pwd)
mapfile -t sentences < <(tr '\n' ' ' <"$TEXT" | sed 's/  */ /g' | grep -oE '[A-Z][^.;:]{40,160}[.;]')
((${#sentences[@]} > 0)) || die "no sentences found in $TEXT"
header=$'path\tsamples\tseconds\tsource'
printf '%s\n' "$header" >"$out_dir/train.tsv.tmp"
printf '%s\n' "$header" >"$out_dir/valid.tsv.tmp"
n=0
for sentence in "${sentences[@]}"; do
    for _ in 1 2; do
        n=$((n + 1))
        voice=${VOICES[$(((n * 7) % ${#VOICES[@]}))]}${VARIANTS[$(((n * 3) % ${#VARIANTS[@]}))]}
        wav=wav/e$n.wav
        espeak-ng -v "$voice" -s $((130 + (n * 37) % 90)) -p $((25 + (n * 17) % 50)) -w "$out_dir/$wav" "$sentence" ||
            die "espeak-ng failed on voice $voice"
        split=$( ((n % 10 == 0)) && echo valid || echo train)
        printf '%s\t%s\t%s\tespeak-ng -v %s\n' "$wav" "$(soxi -s "$out_dir/$wav")" "$(soxi -D "$out_dir/$wav")" \
            "$voice" >>"$out_dir/$split.tsv.tmp"
    done
done
mv -f "$out_dir/train.tsv.tmp" "$out_dir/train.tsv"
mv -f "$out_dir/valid.tsv.tmp" "$out_dir/valid.tsv"
printf 'Synthetic speech by %s from the sentences of %s (GPL-3.0 text, Debian base-files).\n' \
    "$(espeak-ng --version | head -n 1)" "$TEXT" >"$out_dir/README.txt"
printf 'Done: %d clips of %d sentences: %s (%d), %s (%d)\n' "$n" "${#sentences[@]}" "$out_dir/train.tsv" \
    $(($(wc -l <"$out_dir/train.tsv") - 1)) "$out_dir/valid.tsv" $(($(wc -l <"$out_dir/valid.tsv") - 1))
