// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A model's typicality calibration, learned from normal speech by {@link Calibrator} and stored in
 * its bundle ({@link CalibrationSection}).
 *
 * <p>Decision rule: audio is cut into segments of {@link #segmentSeconds}. Each segment's loudness
 * picks a {@link LevelBand}; its margin is the largest of the level's margin against {@link #level}
 * and every feature's margin against the band's bounds ({@link Bounds#margin}, in multiples of each
 * bound's scale). Pauses, segments quieter than the level's lower bound, are left out while the clip
 * has louder segments, and a clip without any is anomalous ({@link #judge}). A clip long enough for
 * its whole-clip statistics ({@link ClipFeature}) also gets their worst margin against
 * {@link #clipBounds}. The clip's score
 * is the largest of these margins; the clip is anomalous when the score exceeds {@link #threshold},
 * which was chosen on the calibration clips for a target false-positive rate. Equivalently: some
 * segment, or the clip as a whole, lies outside its bounds widened by {@code threshold} scales.
 *
 * @param segmentSeconds segment length, seconds
 * @param featureNames the features bounded per band, e.g. {@link SegmentFeatures#FLOW_FEATURES}
 * @param level two-sided bounds on segment loudness, dBFS
 * @param bands loudness bands from quietest to loudest; the last has {@code belowDb = +∞}
 * @param clipBounds bounds on the whole-clip statistics; {@link ClipBounds#NONE} for none
 * @param threshold the clip score above which audio is anomalous (multiples of the scales)
 * @param provenance data and measured false-positive rates
 */
public record Calibration(double segmentSeconds, List<String> featureNames, Bounds level, List<LevelBand> bands,
        ClipBounds clipBounds, double threshold, CalibrationProvenance provenance) {

    /** Validates the shape: ordered bands, one bound per feature, a finite threshold. */
    public Calibration {
        if (!(segmentSeconds > 0 && segmentSeconds <= 60)) {
            throw new IllegalArgumentException("segment length " + segmentSeconds + " s; expected (0, 60]");
        }
        featureNames = List.copyOf(featureNames);
        bands = List.copyOf(bands);
        if (featureNames.isEmpty() || bands.isEmpty()) {
            throw new IllegalArgumentException("a calibration needs at least one feature and one level band");
        }
        double previous = Double.NEGATIVE_INFINITY;
        for (LevelBand band : bands) {
            if (band.features().size() != featureNames.size()) {
                throw new IllegalArgumentException("level band below " + band.belowDb() + " dB bounds "
                        + band.features().size() + " features; expected " + featureNames.size() + " " + featureNames);
            }
            if (!(band.belowDb() > previous)) {
                throw new IllegalArgumentException("level band edges must increase; " + band.belowDb() + " dB follows "
                        + previous + " dB");
            }
            previous = band.belowDb();
        }
        if (previous != Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("the loudest level band ends at " + previous
                    + " dB; expected +infinity");
        }
        if (clipBounds == null) {
            throw new IllegalArgumentException("clip bounds are null; expected ClipBounds.NONE for none");
        }
        if (!Double.isFinite(threshold) || provenance == null) {
            throw new IllegalArgumentException("threshold " + threshold + " must be finite and the provenance present");
        }
    }

    /**
     * Segment length in samples at a rate.
     *
     * @param sampleRate Hz
     * @return samples per segment, at least 1
     */
    public int segmentSamples(int sampleRate) {
        return Math.max(1, (int) Math.round(segmentSeconds * sampleRate));
    }

    /**
     * The band a loudness falls in.
     *
     * @param levelDb dBFS
     * @return the first band whose edge lies above the level
     */
    public LevelBand band(double levelDb) {
        for (LevelBand band : bands) {
            if (levelDb < band.belowDb()) {
                return band;
            }
        }
        return bands.get(bands.size() - 1);
    }

    /**
     * Judges one clip. Left out are segments shorter than half the calibrated length (a clip's tail)
     * and pauses: segments quieter than the lower bound of {@link #level} while the clip has louder
     * ones. A clean recording's pauses can be far quieter than any in the calibration speech (a
     * studio's −80 dBFS against a noisy corpus's −45 dBFS), and a pause that quiet holds nothing to
     * judge; a dropout is still seen in the segments it cuts into. A clip with no louder segment
     * (silence, a muted line) holds no speech and is anomalous, every segment {@code level_low}
     * ({@link #silent}). The whole-clip statistics are judged when the calibration bounds them and
     * the clip has them.
     *
     * @param clip the clip's features: segments in time order with one value per feature name, and
     *     the whole-clip statistics in the order of {@link ClipBounds#names()}
     * @return the verdict
     */
    public Verdict judge(ClipFeatures clip) {
        List<SegmentFeatures> segments = clip.segments();
        List<SegmentCheck> checks = new ArrayList<>();
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("no segments to judge; expected at least one");
        }
        List<SegmentFeatures> full = fullLength(segments);
        boolean sounding = full.stream().anyMatch(segment -> !isPause(segment));
        double score = Double.NEGATIVE_INFINITY;
        for (SegmentFeatures segment : full) {
            if (sounding && isPause(segment)) {
                continue;
            }
            SegmentCheck check = sounding ? check(segment) : silent(segment);
            checks.add(check);
            score = Math.max(score, check.margin());
        }
        Optional<ClipCheck> clipCheck = clipBounds.isEmpty() || !clip.hasWhole() ? Optional.empty()
                : clipBounds.check(clip.whole(), threshold);
        if (clipCheck.isPresent()) {
            score = Math.max(score, clipCheck.get().margin());
        }
        return new Verdict(score > threshold, score, threshold, checks, clipCheck);
    }

    /**
     * A clip's segments without the short tail: those at least half as long as its longest.
     *
     * @param segments a clip's segments
     * @return the segments {@link #judge} and {@link Calibrator} look at, in order
     */
    static List<SegmentFeatures> fullLength(List<SegmentFeatures> segments) {
        long longest = segments.stream().mapToLong(SegmentFeatures::length).max().orElse(0);
        return segments.stream().filter(segment -> isFullLength(segment.length(), longest)).toList();
    }

    /**
     * Whether a segment counts in a clip's judgement: it is at least half as long as the clip's
     * longest; shorter is the clip's tail, which {@link #judge} leaves out.
     *
     * @param length the segment's samples
     * @param longest the clip's longest segment's samples
     * @return whether it is judged
     */
    public static boolean isFullLength(long length, long longest) {
        return 2 * length >= longest;
    }

    /**
     * Whether a segment is quieter than any normal speech segment of the calibration.
     *
     * @param segment a segment
     * @return true below the lower bound of {@link #level}
     */
    public boolean isPause(SegmentFeatures segment) {
        return segment.levelDb() < level.lower();
    }

    /**
     * A segment of a clip without sound: no segment of it is as loud as the quietest normal speech,
     * so it holds no speech, however little the loudness bounds' scale makes of the distance (speech
     * with studio-quiet pauses spreads them over tens of dB). Flagged {@code level_low}; its margin is
     * the threshold plus how far below the lower loudness bound it lies, so the loudest such segment,
     * the nearest to speech, has the smallest margin.
     *
     * @param segment a pause ({@link #isPause})
     * @return its check, anomalous
     */
    private SegmentCheck silent(SegmentFeatures segment) {
        double margin = Math.max(threshold, 0) + level.margin(segment.levelDb());
        return new SegmentCheck(segment, widened(band(segment.levelDb())), margin, Deviation.LEVEL_LOW, -1, true);
    }

    /**
     * The margin of one segment.
     *
     * @param segment features with one value per feature name
     * @return its check
     */
    public SegmentCheck check(SegmentFeatures segment) {
        if (segment.values().length != featureNames.size()) {
            throw new IllegalArgumentException("segment has " + segment.values().length + " feature values; expected "
                    + featureNames.size() + " " + featureNames);
        }
        LevelBand band = band(segment.levelDb());
        int feature = Bounds.worst(band.features(), segment.values());
        double featureMargin = band.features().get(feature).margin(segment.values()[feature]);
        double levelMargin = level.margin(segment.levelDb());
        int worst = featureMargin > levelMargin ? feature : -1;
        double margin = Math.max(featureMargin, levelMargin);
        boolean low = worst < 0 ? level.isLow(segment.levelDb())
                : band.features().get(worst).isLow(segment.values()[worst]);
        return new SegmentCheck(segment, widened(band), margin, Deviation.of(low, worst < 0), worst, margin > threshold);
    }

    /** A band's bounds widened by the threshold margin, as a {@link SegmentCheck} reports them. */
    private List<Bounds> widened(LevelBand band) {
        return band.features().stream().map(b -> b.widened(threshold)).toList();
    }

    /**
     * The same calibration with other whole-clip bounds.
     *
     * @param newClipBounds the whole-clip bounds
     * @return the calibration
     */
    public Calibration withClipBounds(ClipBounds newClipBounds) {
        return new Calibration(segmentSeconds, featureNames, level, bands, newClipBounds, threshold, provenance);
    }

    /**
     * The same bounds with a new threshold and provenance.
     *
     * @param newThreshold clip score above which audio is anomalous
     * @param newProvenance provenance
     * @return the calibration
     */
    public Calibration withRule(double newThreshold, CalibrationProvenance newProvenance) {
        return new Calibration(segmentSeconds, featureNames, level, bands, clipBounds, newThreshold, newProvenance);
    }
}
