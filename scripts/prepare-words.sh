#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# prepare-words.sh - normal speech from speakers flowvox never saw, to measure false positives of the
# anomaly checks on it.
#
# Usage: scripts/prepare-words.sh [OUTPUT_DIR]      (default: <repo>/data/words, gitignored)
#
# Source: the Debian package ktuberling-data (KDE's stamp-drawing toy, GPL-2+): single words and short
# phrases read by volunteers in about 30 languages, each recorded on its own equipment. Every sound
# file of at least 0.5 s becomes a 16-bit mono WAV at 22050 Hz (sox: average the channels, `rate -v`,
# no dither, nothing else), named after its path below sounds/ with '/' -> '__'; words.tsv lists
# them (path, samples, seconds, source). Nothing of it is committed; the script recreates it.
set -euo pipefail
export LC_ALL=C

readonly RATE=22050
readonly MIN_SECONDS=0.5
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out_dir=${1:-$script_dir/../data/words}

die() { printf 'prepare-words: ERROR: %s\n' "$*" >&2; exit 1; }

"$script_dir/install-system-deps.sh" ktuberling-data sox libsox-fmt-base
mapfile -t sources < <(dpkg -L ktuberling-data | grep -E '/sounds/.+\.(wav|ogg|flac)$' | sort)
((${#sources[@]} > 0)) || die "ktuberling-data lists no sound files"
mkdir -p "$out_dir/wav"
out_dir=$(cd "$out_dir" && pwd)
manifest=$out_dir/.words.tsv.tmp.$$
printf 'path\tsamples\tseconds\tsource\n' >"$manifest"
kept=0
for source in "${sources[@]}"; do
    seconds=$(soxi -D "$source")
    awk -v s="$seconds" -v min="$MIN_SECONDS" 'BEGIN { exit !(s >= min) }' || continue
    name=${source#*/sounds/}
    name=${name//\//__}
    name=${name%.*}.wav
    wav=$out_dir/wav/$name
    if [[ ! -f $wav ]]; then
        sox -D "$source" -t wav -e signed-integer -b 16 "$wav.tmp" channels 1 rate -v "$RATE" 2>/dev/null ||
            die "sox failed on $source"
        mv -f "$wav.tmp" "$wav"
    fi
    printf 'wav/%s\t%s\t%s\t%s\n' "$name" "$(soxi -s "$wav")" "$seconds" "$source" >>"$manifest"
    kept=$((kept + 1))
    ((kept % 200 == 0)) && printf '  %d files\n' "$kept"
done
mv -f "$manifest" "$out_dir/words.tsv"
languages=$(cut -f1 "$out_dir/words.tsv" | tail -n +2 | sed -E 's#^wav/([^_]+(@[a-z]+)?)__.*#\1#' | sort -u | wc -l)
printf 'Done: %d of %d files (at least %s s), %d languages: %s\n' "$kept" "${#sources[@]}" "$MIN_SECONDS" \
    "$languages" "$out_dir/words.tsv"
