// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.anomaly;

import dev.flowvox.core.calibration.SegmentCheck;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Audio too long for one scoring call, judged in consecutive pieces, and the pieces' results joined
 * into one time line.
 */
final class ClipPieces {

    /**
     * One piece of the audio.
     *
     * @param start first sample (inclusive)
     * @param end last sample (exclusive)
     */
    record Piece(int start, int end) {
    }

    private ClipPieces() {
    }

    /**
     * Where the next piece ends: as few pieces as fit in what is left, of near-equal length, each a
     * multiple of {@code multiple} samples (the model's mel frame) except the last.
     *
     * @param start first sample of the piece
     * @param length samples of the audio, more than {@code start}
     * @param longest longest piece, samples, a multiple of {@code multiple}
     * @param multiple samples every piece but the last is a multiple of, at least one
     * @return the piece's end (exclusive), at most {@code start + longest}
     */
    static int end(int start, int length, int longest, int multiple) {
        if (start < 0 || start >= length || multiple < 1 || longest < multiple || longest % multiple != 0) {
            throw new IllegalArgumentException("cannot cut a piece of at most " + longest + " samples at multiples of "
                    + multiple + " from sample " + start + " of " + length);
        }
        long left = (long) length - start;
        long count = (left + longest - 1) / longest;
        long size = ((left + count - 1) / count + multiple - 1) / multiple * multiple;
        return (int) Math.min(length, start + size);
    }

    /**
     * Where the piece after a scored one starts: at the end of its last full-length segment, since a
     * judged clip leaves out a tail shorter than half a segment. So every sample lies in exactly one
     * segment that counts, as in a clip judged whole.
     *
     * @param piece the scored piece
     * @param covered samples from the piece's start to the end of its last segment at least half as
     *     long as its longest (its scored samples when it has no segments), at least one
     * @return the next piece's first sample, after {@code piece.start()} and at most {@code piece.end()}
     */
    static int resume(Piece piece, long covered) {
        if (covered < 1) {
            throw new IllegalArgumentException("a piece covering " + covered + " samples; expected at least one");
        }
        return (int) Math.min(piece.end(), piece.start() + covered);
    }

    /**
     * The pieces' scores as one clip's: segments on the audio's time line, the worst piece's score and
     * whole-clip statistics, and nats per sample averaged over the audio with each piece weighted by
     * the samples it alone covers (a piece overlaps the next by the tail it did not judge).
     *
     * @param pieces where each piece lies, each starting after the one before and at most at its end
     * @param scores each piece's score, in the same order
     * @param sampleRate the model's rate, Hz
     * @return the joined score, counting every sample once; a verdict only when every piece has one
     */
    static ClipScore join(List<Piece> pieces, List<ClipScore> scores, int sampleRate) {
        if (pieces.size() != scores.size() || pieces.isEmpty()) {
            throw new IllegalArgumentException(scores.size() + " scores for " + pieces.size() + " pieces");
        }
        double nats = 0;
        long samples = 0;
        for (int p = 0; p < pieces.size(); p++) {
            ClipScore score = scores.get(p);
            long own = p + 1 < pieces.size() ? pieces.get(p + 1).start() - pieces.get(p).start() : score.scoredSamples();
            nats += score.natsPerSample() * own;
            samples += own;
        }
        Optional<ClipVerdict> verdict = scores.stream().allMatch(s -> s.verdict().isPresent())
                ? Optional.of(joinVerdicts(pieces, scores, sampleRate)) : Optional.empty();
        return new ClipScore(nats / samples, samples, sampleRate, verdict);
    }

    private static ClipVerdict joinVerdicts(List<Piece> pieces, List<ClipScore> scores, int sampleRate) {
        List<ClipVerdict> verdicts = scores.stream().map(score -> score.verdict().orElseThrow()).toList();
        boolean sounding = verdicts.stream().anyMatch(v -> !silent(v));
        List<SegmentResult> segments = new ArrayList<>();
        List<ClipVerdict> counted = new ArrayList<>();
        for (int p = 0; p < pieces.size(); p++) {
            ClipVerdict verdict = verdicts.get(p);
            if (sounding && silent(verdict)) {
                continue;
            }
            double offset = (double) pieces.get(p).start() / sampleRate;
            for (SegmentResult s : verdict.segments()) {
                segments.add(new SegmentResult(s.startSeconds() + offset, s.endSeconds() + offset, s.levelDb(),
                        s.features(), s.margin(), s.deviation(), s.anomalous()));
            }
            counted.add(verdict);
        }
        ClipVerdict worst = counted.stream().max(Comparator.comparingDouble(ClipVerdict::score)).orElseThrow();
        Optional<WholeClipResult> wholeClip = counted.stream().flatMap(v -> v.wholeClip().stream())
                .max(Comparator.comparingDouble(WholeClipResult::margin));
        return new ClipVerdict(worst.anomalous(), worst.score(), worst.threshold(), segments, wholeClip);
    }

    /**
     * Whether a piece was judged as holding no sound: every segment quieter than any normal speech,
     * which a clip with sound skips as pauses, and a clip without sound flags {@code level_low}. A
     * piece of a file with sound elsewhere (a long pause) is left out, as a whole-file check would
     * skip those pauses.
     */
    private static boolean silent(ClipVerdict verdict) {
        return verdict.segments().stream()
                .allMatch(s -> s.anomalous() && s.deviation().equals(SegmentCheck.LEVEL_LOW));
    }
}
