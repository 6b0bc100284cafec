#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# prepare-words.sh - normal speech from many speakers and microphones: half of its languages calibrate
# the anomaly checks, the other half measures their false positives on speakers they never heard.
#
# Usage: scripts/prepare-words.sh [OUTPUT_DIR]      (default: <repo>/data/words, gitignored)
#
# Source: the Debian package ktuberling-data (KDE's stamp-drawing toy, GPL-2+): single words and short
# phrases read by volunteers in about 30 languages, each recorded on its own equipment. Every sound
# file of at least 0.5 s becomes a 16-bit mono WAV at 22050 Hz (sox: average the channels, `rate -v`,
# no dither, nothing else), named after its path below sounds/ with '/' -> '__'; words.tsv lists
# them (path, samples, seconds, source). Nothing of it is committed; the script recreates it.
#
# The languages are also split in two, so that a calibration can learn from some speakers and be
# measured on others: sorted by code (C locale, the four Serbian sets counted as one language "sr",
# being one recording), the 1st, 3rd, 5th ... go to calibrate.tsv and the others to heldout.tsv.
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
# language of a row: its file name up to "__", without an "@variant"
mapfile -t speakers < <(cut -f1 "$out_dir/words.tsv" | tail -n +2 | sed -E 's#^wav/([^_@]+).*#\1#' | sort -u)
calibrate_languages=()
for i in "${!speakers[@]}"; do
    ((i % 2 == 0)) && calibrate_languages+=("${speakers[$i]}")
done
awk -F'\t' -v out="$out_dir" -v chosen="${calibrate_languages[*]}" '
    BEGIN { n = split(chosen, list, " "); for (i = 1; i <= n; i++) pick[list[i]] = 1 }
    NR == 1 { print > (out "/calibrate.tsv.tmp"); print > (out "/heldout.tsv.tmp"); next }
    { language = $1; sub(/^wav\//, "", language); sub(/(@|__).*/, "", language)
      print > (out "/" (language in pick ? "calibrate" : "heldout") ".tsv.tmp") }' "$out_dir/words.tsv"
mv -f "$out_dir/calibrate.tsv.tmp" "$out_dir/calibrate.tsv"
mv -f "$out_dir/heldout.tsv.tmp" "$out_dir/heldout.tsv"
printf 'Done: %d of %d files (at least %s s), %d languages: %s\n' "$kept" "${#sources[@]}" "$MIN_SECONDS" \
    "$languages" "$out_dir/words.tsv"
printf 'Speakers to calibrate on (%s): %s; held out: %s\n' "${calibrate_languages[*]}" \
    "$out_dir/calibrate.tsv" "$out_dir/heldout.tsv"
