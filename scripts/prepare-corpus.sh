#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# prepare-corpus.sh - build flowvox's speech training corpus, reproducibly.
#
# Usage: scripts/prepare-corpus.sh [--language cs|nl] [OUTPUT_DIR]
#        (default: cs, into <repo>/data/corpus; nl goes to <repo>/data/corpus-nl)
#
# Source: the Debian package fillets-ng-data-cs (Czech voice acting of the game
# Fish Fillets NG, GPL-2), or with --language nl fillets-ng-data-nl (the Dutch voice
# acting of the same game: other speakers, another language and other recording
# conditions, used to check that the anomaly checks generalise). The data is never
# committed to the repository.
#
# What it does (see scripts/README.md for the why):
#   1. installs fillets-ng-data-<language>, sox and libsox-fmt-base (Ogg Vorbis) if missing;
#   2. takes every *.ogg under <pkg>/sound/**/<language>/ from `dpkg -L` - the package holds
#      only the dubbed dialogue, no music or effects (those live in fillets-ng-data);
#      drops byte-identical duplicates (first in sorted order kept) and clips < 0.5 s;
#   3. converts each to 16-bit signed PCM mono WAV at 22050 Hz with sox: decode,
#      average the channels if more than one, `rate -v 22050` if the rate differs,
#      round to 16 bit without dither. Nothing else (no gain, trim or normalisation);
#   4. splits by file: validation iff int(sha1(rel), 16) % 20 == 0, where rel is the
#      source path relative to the package's sound/ directory, e.g.
#      "airplane/cs/let-m-oko.ogg" (UTF-8, no trailing newline);
#   5. writes train.tsv, valid.tsv (path, samples, seconds, source), stats.tsv,
#      skipped.tsv and README.txt;
#   6. verifies its own output and exits non-zero if anything is off.
#
# Idempotent: finished WAVs are kept; each is written under a temporary name and
# renamed, so an interrupted run is simply completed by the next one.

set -euo pipefail
export LC_ALL=C

readonly RATE=22050
readonly MIN_MS=500
readonly MIN_SECONDS=0.5 # = MIN_MS, for messages
readonly VALID_MOD=20
readonly VALID_MIN_MINUTES=3
readonly VALID_MAX_MINUTES=10
readonly PROGRESS_EVERY=50

log() { printf '%s\n' "$*"; }
die() { printf 'prepare-corpus: ERROR: %s\n' "$*" >&2; exit 1; }

lang=cs
if [[ ${1:-} == --language ]]; then
    lang=${2:-}
    shift 2 || die "--language needs a value: cs or nl"
fi
case $lang in
    cs) lang_name=Czech default_dir=corpus ;;
    nl) lang_name=Dutch default_dir=corpus-nl ;;
    *) die "unknown language '$lang'; expected cs (Czech, the training corpus) or nl (Dutch)" ;;
esac
readonly PKG=fillets-ng-data-$lang
readonly APT_PKGS=("$PKG" sox libsox-fmt-base)

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo_root=$(cd "$script_dir/.." && pwd)
out_dir=${1:-$repo_root/data/$default_dir}

# --------------------------------------------------------------------------------
# 1. Packages
# --------------------------------------------------------------------------------
pkg_installed() {
    [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true) == "install ok installed" ]]
}

ensure_packages() {
    command -v dpkg-query >/dev/null || die "this script needs a Debian-based system (dpkg-query not found)"
    local missing=() p
    for p in "${APT_PKGS[@]}"; do
        pkg_installed "$p" || missing+=("$p")
    done
    ((${#missing[@]} == 0)) && return 0

    local sudo=()
    if ((EUID != 0)); then
        if command -v sudo >/dev/null; then
            sudo=(sudo)
        else
            printf 'prepare-corpus: missing packages: %s\n' "${missing[*]}" >&2
            printf 'Not root and no sudo. As root, run:\n  apt-get update && apt-get install -y --no-install-recommends %s\n' \
                "${missing[*]}" >&2
            exit 1
        fi
    fi
    local cmd=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}")
    log "Installing: ${missing[*]}"
    local apt_log
    apt_log=$(mktemp)
    if ! "${cmd[@]}" >"$apt_log" 2>&1; then
        # Retry after 'apt-get update' only when the failure is missing/stale package lists.
        if grep -qE 'Unable to locate package|has no installation candidate|404 +Not Found|Failed to fetch' "$apt_log"; then
            log "Package lists missing or stale; running apt-get update"
            if ! { "${sudo[@]}" apt-get update && "${cmd[@]}"; } >"$apt_log" 2>&1; then
                cat "$apt_log" >&2
                rm -f "$apt_log"
                die "could not install packages; run:  ${sudo[*]:+${sudo[*]} }apt-get update && ${sudo[*]:+${sudo[*]} }apt-get install -y --no-install-recommends ${missing[*]}"
            fi
        else
            cat "$apt_log" >&2
            rm -f "$apt_log"
            die "could not install packages; run:  ${sudo[*]:+${sudo[*]} }apt-get install -y --no-install-recommends ${missing[*]}"
        fi
    fi
    rm -f "$apt_log"
    for p in "${APT_PKGS[@]}"; do
        pkg_installed "$p" || die "package $p still not installed"
    done
}

start=$SECONDS
ensure_packages
for c in sox soxi sha1sum flock; do
    command -v "$c" >/dev/null || die "required command not found: $c"
done
sox -h 2>/dev/null | grep -qw vorbis || die "sox lacks Ogg Vorbis support (install libsox-fmt-base)"
pkg_version=$(dpkg-query -W -f='${Version}' "$PKG")
pkg_summary=$(dpkg-query -W -f='${binary:Summary}' "$PKG")
sox_version=$(sox --version 2>/dev/null | sed 's/^sox: *//')

mkdir -p "$out_dir/wav" "$out_dir/.stats"
out_dir=$(cd "$out_dir" && pwd)
exec 9>"$out_dir/.lock"
flock -n 9 || die "another prepare-corpus run is using $out_dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Leftovers of an interrupted run (only our own temp-name pattern).
find "$out_dir/wav" "$out_dir/.stats" "$out_dir" -maxdepth 1 -name '.*.tmp.*' -type f -delete

log "Source: $PKG $pkg_version; output: $out_dir"

# --------------------------------------------------------------------------------
# 2. Speech files
# --------------------------------------------------------------------------------
# Every *.ogg under .../sound/<level>/<lang>/ (or sound/share/<x>/<lang>/) is a dubbed line
# of dialogue: the game's music and sound effects are in fillets-ng-data, not here.
dpkg -L "$PKG" | grep -E "/sound/(.+/)?$lang/[^/]+\\.ogg\$" | sort -u >"$work/ogg.lst" || true
n_ogg_all=$(dpkg -L "$PKG" | grep -c '\.ogg$' || true)
n_ogg=$(wc -l <"$work/ogg.lst")
((n_ogg > 0)) || die "no speech files found in $PKG"
((n_ogg == n_ogg_all)) || log "note: $((n_ogg_all - n_ogg)) .ogg file(s) outside sound/**/$lang/ ignored"

sound_root=$(head -n1 "$work/ogg.lst" | sed -E 's#^(.*/sound)/.*#\1#')
while IFS= read -r f; do
    [[ $f == "$sound_root"/* ]] || die "unexpected path outside $sound_root: $f"
    [[ -f $f ]] || die "listed by dpkg but missing: $f (reinstall $PKG)"
    rel=${f#"$sound_root"/}
    [[ $rel =~ ^[A-Za-z0-9._/-]+$ ]] || die "unexpected characters in file name: $rel"
done <"$work/ogg.lst"

# Source metadata (rate, channels, samples per channel, content hash): one batched call each.
mapfile -t src <"$work/ogg.lst"
mapfile -t s_rate < <(soxi -r "${src[@]}")
mapfile -t s_chan < <(soxi -c "${src[@]}")
mapfile -t s_samp < <(soxi -s "${src[@]}")
mapfile -t s_sha < <(sha1sum -- "${src[@]}" | cut -d' ' -f1)
((${#s_rate[@]} == n_ogg && ${#s_chan[@]} == n_ogg && ${#s_samp[@]} == n_ogg && ${#s_sha[@]} == n_ogg)) ||
    die "soxi/sha1sum returned an unexpected number of lines"

# Split hash of each relative path: one sha1sum call over tiny files holding the
# exact bytes of rel (a fork per file would cost seconds on every run).
mkdir "$work/rel"
for ((i = 0; i < n_ogg; i++)); do
    printf '%s' "${src[i]#"$sound_root"/}" >"$work/rel/$i"
done
# r_mod[i] = int(sha1hex, 16) % VALID_MOD, computed digit by digit (160-bit number).
mapfile -t r_mod < <(cd "$work/rel" && for ((i = 0; i < n_ogg; i++)); do echo "$i"; done | xargs sha1sum -- |
    awk -v m="$VALID_MOD" '{ r = 0; for (i = 1; i <= 40; i++) r = (r * 16 + index("0123456789abcdef", substr($1, i, 1)) - 1) % m; print r }')
((${#r_mod[@]} == n_ogg)) || die "sha1sum returned an unexpected number of lines"

declare -A seen_sha=() seen_name=()
keep_src=() keep_rel=() keep_name=() keep_set=() keep_rate=() keep_chan=() keep_sha=()
: >"$work/skipped.tsv"
for ((i = 0; i < n_ogg; i++)); do
    f=${src[i]}
    rel=${f#"$sound_root"/}
    if [[ -n ${seen_sha[${s_sha[i]}]:-} ]]; then
        printf '%s\tduplicate of %s\n' "$f" "${seen_sha[${s_sha[i]}]}" >>"$work/skipped.tsv"
        continue
    fi
    seen_sha[${s_sha[i]}]=$f
    if ((s_samp[i] * 1000 < MIN_MS * s_rate[i])); then
        printf '%s\tshorter than %s s (%s samples at %s Hz)\n' "$f" "$MIN_SECONDS" "${s_samp[i]}" "${s_rate[i]}" >>"$work/skipped.tsv"
        continue
    fi
    name=${rel%.ogg}
    name=${name//\//__}.wav
    [[ -z ${seen_name[$name]:-} ]] || die "output name collision: $name ($f, ${seen_name[$name]})"
    seen_name[$name]=$f
    if ((r_mod[i] == 0)); then set=valid; else set=train; fi
    keep_src+=("$f") keep_rel+=("$rel") keep_name+=("$name") keep_set+=("$set")
    keep_rate+=("${s_rate[i]}") keep_chan+=("${s_chan[i]}") keep_sha+=("${s_sha[i]}")
done
n_keep=${#keep_src[@]}
n_skip=$(wc -l <"$work/skipped.tsv")
log "Found $n_ogg speech files under $sound_root; keeping $n_keep, skipping $n_skip"

# --------------------------------------------------------------------------------
# 3. Conversion
# --------------------------------------------------------------------------------
# One stats.tsv line from sox's stderr: name, RMS dB, peak dB, peak count, flat factor,
# samples reported clipped (by 'rate' or on output), source sha1.
stats_line() { # $1 = name, $2 = source sha1, $3 = sox stderr
    awk -v name="$1" -v sha="$2" '
        function field(k) { return (k in v) ? v[k] : "NA" }
        /^RMS lev dB/ { v["rms"] = $NF }
        /^Pk lev dB/ { v["pk"] = $NF }
        /^Pk count/ { v["pkc"] = $NF }
        /^Flat factor/ { v["flat"] = $NF }
        /clipped [0-9]+ samples/ { match($0, /clipped [0-9]+/); clipped += substr($0, RSTART + 8, RLENGTH - 8) }
        END {
            printf "%s\t%s\t%s\t%s\t%s\t%d\t%s\n", name, field("rms"), field("pk"), field("pkc"), field("flat"), clipped, sha
        }' "$3"
}

n_conv=0
for ((i = 0; i < n_keep; i++)); do
    name=${keep_name[i]}
    wav=$out_dir/wav/$name
    st=$out_dir/.stats/${name%.wav}.tsv
    # Redo a file whose WAV or stats are missing or whose source has changed.
    old_sha=
    if [[ -f $st ]]; then IFS=$'\t' read -r _ _ _ _ _ _ old_sha <"$st" || true; fi
    if [[ ! -f $wav || $old_sha != "${keep_sha[i]}" ]]; then
        tmp_wav=$out_dir/wav/.$name.tmp.$$
        tmp_st=$out_dir/.stats/.${name%.wav}.tsv.tmp.$$
        fx=()
        ((keep_chan[i] == 1)) || fx+=(channels 1)
        ((keep_rate[i] == RATE)) || fx+=(rate -v "$RATE")
        # -D: no dither (plain rounding to 16 bit, bit-exact and repeatable).
        # 'stats' only measures (pass-through), just before the 16-bit rounding.
        if ! sox -D -V2 "${keep_src[i]}" -t wav -e signed-integer -b 16 "$tmp_wav" "${fx[@]}" stats \
            2>"$work/sox.err"; then
            cat "$work/sox.err" >&2
            die "sox failed on ${keep_src[i]}"
        fi
        stats_line "$name" "${keep_sha[i]}" "$work/sox.err" >"$tmp_st"
        mv -f "$tmp_st" "$st"
        mv -f "$tmp_wav" "$wav"
        n_conv=$((n_conv + 1))
    fi
    if (((i + 1) % PROGRESS_EVERY == 0 || i + 1 == n_keep)); then
        log "  [$((i + 1))/$n_keep] ($n_conv converted this run)"
    fi
done

# Files in wav/ that this run did not produce (e.g. from another package version).
for f in "$out_dir"/wav/*.wav; do
    [[ -e $f ]] || continue
    [[ -n ${seen_name[${f##*/}]:-} ]] || log "warning: stray file not in the manifests: $f"
done

# --------------------------------------------------------------------------------
# 4./5. Manifests, stats, README
# --------------------------------------------------------------------------------
wavs=()
for ((i = 0; i < n_keep; i++)); do wavs+=("$out_dir/wav/${keep_name[i]}"); done
mapfile -t w_samp < <(soxi -s "${wavs[@]}")
((${#w_samp[@]} == n_keep)) || die "soxi returned an unexpected number of lines"

stfiles=()
for ((i = 0; i < n_keep; i++)); do
    printf '%s\twav/%s\t%s\t%s\n' "${keep_set[i]}" "${keep_name[i]}" "${w_samp[i]}" "${keep_src[i]}"
    stfiles+=("$out_dir/.stats/${keep_name[i]%.wav}.tsv")
done >"$work/rows.all"
awk -F'\t' -v r="$RATE" -v dir="$work" '
    BEGIN { h = "path\tsamples\tseconds\tsource"; print h > (dir "/train.tsv"); print h > (dir "/valid.tsv") }
    { printf "%s\t%d\t%.6f\t%s\n", $2, $3, $3 / r, $4 > (dir "/" $1 ".tsv") }' "$work/rows.all"
{
    printf 'file\trms_db\tpeak_db\tpeak_count\tflat_factor\tclipped_samples\tsource_sha1\n'
    cat -- "${stfiles[@]}"
} >"$work/stats.tsv"
{
    printf 'source\treason\n'
    cat "$work/skipped.tsv"
} >"$work/skipped.tsv.out"

summary() { # manifest -> "files minutes"
    awk -F'\t' 'NR > 1 { n++; s += $3 } END { printf "%d %.2f\n", n, s / 60 }' "$1"
}
read -r n_train min_train < <(summary "$work/train.tsv")
read -r n_valid min_valid < <(summary "$work/valid.tsv")

cat >"$work/README.txt" <<EOF
flowvox speech corpus ($lang_name)
=============================

Generated by scripts/prepare-corpus.sh of the flowvox repository. Do not edit;
delete this directory and re-run the script to rebuild it. It is not part of
the flowvox source and must not be committed.

Source
------
Debian package $PKG, version $pkg_version
("$pkg_summary"), installed under $sound_root.
Files used: every *.ogg under sound/<level>/$lang/ and sound/share/<group>/$lang/,
i.e. all of the package's audio: the $lang_name voice-acted lines of dialogue of
the game. The package holds no music or sound effects (those are in
fillets-ng-data, which is not used).
Dropped: byte-identical duplicate files (the first in sorted path order is
kept) and files shorter than $MIN_SECONDS s; listed in skipped.tsv.

Licence
-------
The audio is licensed under the GNU General Public License, version 2 (see
/usr/share/common-licenses/GPL-2), as stated in
/usr/share/doc/$PKG/copyright. It keeps that licence here.
Credit: Fish Fillets NG by Ivo Danihelka, Pavel Danihelka and ALTAR
interactive, with Frederic Panico, Ronny Standtke, Simone Cociancich and
Przemek Bojczuk (upstream authors named in the package's copyright file), and
the $lang_name voice actors of the game. Debian packaging by Michal Čihař, fabian
linzberger, Alexander Schmehl and Rhonda D'Vine. Upstream:
http://fillets.sourceforge.net

Conversion
----------
$sox_version, per file:
  sox -D <src.ogg> -t wav -e signed-integer -b 16 wav/<name>.wav [channels 1] [rate -v $RATE]
  - output: RIFF WAVE, 16-bit signed PCM, mono, exactly $RATE Hz;
  - 'channels 1' (average of the channels) only for multi-channel sources;
  - 'rate -v $RATE' (very high quality resampling) only when the source rate
    differs;
  - -D: no dither, plain rounding to 16 bit;
  - nothing else: no gain, normalisation, trimming, filtering or denoising.
<name> is the source path relative to sound/, without .ogg, with '/' -> '__'
(e.g. airplane/$lang/let-m-oko.ogg -> wav/airplane__${lang}__let-m-oko.wav).

Split
-----
By file, fixed: a file is in the validation set iff
  int(sha1(rel).hexdigest(), 16) % $VALID_MOD == 0
where rel is its source path relative to sound/ as UTF-8 bytes without a
trailing newline (e.g. "airplane/$lang/let-m-oko.ogg"). Everything else is
training data. Independent of file system order and machine.

  train: $n_train files, $min_train min
  valid: $n_valid files, $min_valid min

Files
-----
  train.tsv, valid.tsv  path (relative to this directory), samples, seconds,
                        source (original file); sorted by source path
  stats.tsv             per file: sox 'stats' RMS and peak level (dBFS),
                        peak count, flat factor, samples clipped on output,
                        SHA-1 of the source file
  skipped.tsv           sources not used, with the reason
  wav/                  the audio
EOF

for f in train.tsv valid.tsv stats.tsv README.txt; do
    cp "$work/$f" "$out_dir/.$f.tmp.$$"
    mv -f "$out_dir/.$f.tmp.$$" "$out_dir/$f"
done
cp "$work/skipped.tsv.out" "$out_dir/.skipped.tsv.tmp.$$"
mv -f "$out_dir/.skipped.tsv.tmp.$$" "$out_dir/skipped.tsv"

# --------------------------------------------------------------------------------
# 6. Verification of the output as written
# --------------------------------------------------------------------------------
log "Verifying ..."
tail -n +2 "$out_dir/train.tsv" >"$work/rows"
tail -n +2 "$out_dir/valid.tsv" >>"$work/rows"
mapfile -t v_path < <(cut -f1 "$work/rows")
mapfile -t v_samp < <(cut -f2 "$work/rows")
n_rows=${#v_path[@]}
((n_rows == n_keep)) || die "verify: manifests list $n_rows files, expected $n_keep"
[[ -z $(cut -f1 "$work/rows" | sort | uniq -d) ]] || die "verify: a file is listed twice (or in both sets)"
files=()
for p in "${v_path[@]}"; do
    [[ -f $out_dir/$p ]] || die "verify: listed but missing: $out_dir/$p"
    files+=("$out_dir/$p")
done
check_all() { # $1 = soxi option, $2 = expected value, $3 = what
    local bad
    bad=$(soxi "$1" "${files[@]}" | awk -v e="$2" '$0 != e' | wc -l)
    ((bad == 0)) || die "verify: $bad file(s) with wrong $3 (expected '$2')"
}
check_all -t wav "file type"
check_all -r "$RATE" "sample rate"
check_all -c 1 "channel count"
check_all -b 16 "bit depth"
check_all -e "Signed Integer PCM" "encoding"
mapfile -t a_samp < <(soxi -s "${files[@]}")
mapfile -t a_secs < <(soxi -D "${files[@]}")
for ((i = 0; i < n_rows; i++)); do
    [[ ${a_samp[i]} == "${v_samp[i]}" ]] || die "verify: ${v_path[i]}: ${a_samp[i]} samples, manifest says ${v_samp[i]}"
done
printf '%s\n' "${a_secs[@]}" >"$work/secs"
awk -F'\t' -v n="$n_rows" -v min="$MIN_SECONDS" '
    NR == FNR { actual += $1; if ($1 < min) short++; next }
    { listed += $3 }
    END {
        if (short) { printf "verify: %d file(s) shorter than %s s\n", short, min; exit 1 }
        if (actual - listed > n * 1e-6 || listed - actual > n * 1e-6) {
            printf "verify: durations sum to %.6f s, manifests say %.6f s\n", actual, listed; exit 1
        }
    }' "$work/secs" "$work/rows" >&2 || die "verify: duration check failed"
silent=$(awk -F'\t' 'NR > 1 && ($2 == "-inf" || $2 == "NA")' "$out_dir/stats.tsv" | wc -l)
((silent == 0)) || die "verify: $silent file(s) are digital silence or lack stats (see stats.tsv)"
n_clipfiles=$(awk -F'\t' 'NR > 1 && $6 > 0' "$out_dir/stats.tsv" | wc -l)
n_fullscale=$(awk -F'\t' 'NR > 1 && $3 + 0 >= -0.01' "$out_dir/stats.tsv" | wc -l)

min_valid_ok=$(awk -v m="$min_valid" -v lo="$VALID_MIN_MINUTES" -v hi="$VALID_MAX_MINUTES" 'BEGIN { print (m >= lo && m <= hi) }')
((min_valid_ok)) || log "WARNING: validation set is $min_valid min, outside ${VALID_MIN_MINUTES}-${VALID_MAX_MINUTES} min; has $PKG changed?"

log "OK: all $n_rows WAV files are 22050 Hz mono 16-bit PCM and match the manifests."
log "  train: $n_train files, $min_train min"
log "  valid: $n_valid files, $min_valid min"
log "  skipped: $n_skip source files (see skipped.tsv)"
log "  peaks at full scale: $n_fullscale files; samples clipped in conversion: $n_clipfiles files (see stats.tsv)"
log "Done in $((SECONDS - start)) s: $out_dir"
