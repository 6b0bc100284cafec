// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Learns a {@link Calibration} from the segment features of normal speech.
 *
 * <ol>
 *   <li>Pool the segments of all clips (tails shorter than half a segment left out, as in
 *       {@link Calibration#judge}).</li>
 *   <li>Level bounds: the {@code tail} and {@code 1 − tail} quantiles of segment loudness.</li>
 *   <li>Cut loudness into {@code levelBands} bands of equal segment count (fewer when the segments
 *       are too few for every band to hold {@code 1 / tail} of them); in each band every feature
 *       gets the {@code tail} and {@code 1 − tail} quantiles as bounds and half its 16–84% range as
 *       scale.</li>
 *   <li>Whole-clip statistics, when given: each over the clips long enough to have it ({@link
 *       ClipFeature#minSeconds}, which the bound keeps as the shortest clip it judges), the {@code
 *       clipTail} and {@code 1 − clipTail} quantiles as bounds and half the 16–84% range as scale;
 *       the scale at least the statistic's {@link ClipFeature#minScale} and the bounds at least two
 *       of it wide.</li>
 *   <li>Margins: each clip judged by the bounds of steps 2–4 fitted without it: the clips are cut
 *       into {@value #FOLDS} folds (clip {@code i} into fold {@code i mod FOLDS}) and each fold is
 *       judged by the bounds of the others. When a fold's complement is too small to fit, each clip is
 *       judged by the bounds of all of them.</li>
 *   <li>Balance: the whole-clip scales multiplied by the ratio of the clips' whole-clip margin to
 *       their segment margin at the {@code 1 − targetFalsePositiveRate / 2} quantile (each at least
 *       one scale), so that the two flag about the same share of the calibration clips at one
 *       threshold.</li>
 *   <li>Threshold: the {@code ⌈(n + 1)(1 − targetFalsePositiveRate)⌉}-th smallest of the n clips'
 *       scores (the worse of the two margins, balanced), so that about that fraction of new speech
 *       like the calibration clips is flagged. Bounds hug the clips they were fitted on; judged by
 *       them, their own clips would set a threshold that flags more than the target of new speech.</li>
 * </ol>
 *
 * <p>The calibration returned has the bounds and scales fitted on all the clips, balanced by that
 * factor, with that threshold.
 */
public final class Calibrator {

    private static final double MIN_SCALE = 1e-9;
    private static final int MIN_MEASURED_CLIPS = 10;
    /** Parts the calibration clips are cut into to choose the threshold on clips the bounds did not see. */
    private static final int FOLDS = 10;
    /** The least tail, in scales past the bounds, that {@link #balance} matches for either group. */
    private static final double MIN_BALANCED_TAIL = 1.0;

    private final Settings settings;

    /**
     * @param settings how to fit
     */
    public Calibrator(Settings settings) {
        this.settings = settings;
    }

    /**
     * How a calibration is fitted.
     *
     * @param segmentSeconds segment length, seconds (the features must have been computed with it)
     * @param levelBands loudness bands, 1 to 64; fewer when the segments are too few for that many
     * @param tail quantile of the segment bounds on each side, in (0, 0.5)
     * @param clipTail quantile of the whole-clip bounds on each side, in (0, 0.5): there are far fewer
     *     clips than segments, so their tails are estimated less finely
     * @param targetFalsePositiveRate fraction of calibration clips the threshold lets through as
     *     anomalous, in [0, 0.5)
     */
    public record Settings(double segmentSeconds, int levelBands, double tail, double clipTail,
            double targetFalsePositiveRate) {

        /**
         * The settings shipped calibrations use: 0.5 s segments, up to 8 bands, 0.5% segment tails, 1% clip
         * tails, 1% of clips.
         */
        public static final Settings DEFAULT = new Settings(0.5, 8, 0.005, 0.01, 0.01);

        /** Validates the ranges. */
        public Settings {
            if (!(segmentSeconds > 0 && segmentSeconds <= 60)) {
                throw new IllegalArgumentException("segment length " + segmentSeconds + " s; expected (0, 60]");
            }
            if (levelBands < 1 || levelBands > 64) {
                throw new IllegalArgumentException("level bands " + levelBands + "; expected 1 to 64");
            }
            if (!(tail > 0 && tail < 0.5)) {
                throw new IllegalArgumentException("tail quantile " + tail + "; expected (0, 0.5)");
            }
            if (!(clipTail > 0 && clipTail < 0.5)) {
                throw new IllegalArgumentException("clip tail quantile " + clipTail + "; expected (0, 0.5)");
            }
            if (!(targetFalsePositiveRate >= 0 && targetFalsePositiveRate < 0.5)) {
                throw new IllegalArgumentException("target false-positive rate " + targetFalsePositiveRate
                        + "; expected [0, 0.5)");
            }
        }

        /**
         * The same settings with another operating point.
         *
         * @param rate fraction of calibration clips the threshold lets through as anomalous, in [0, 0.5)
         * @return the settings
         */
        public Settings withTargetFalsePositiveRate(double rate) {
            return new Settings(segmentSeconds, levelBands, tail, clipTail, rate);
        }
    }

    /**
     * Fits bounds and threshold.
     *
     * @param clips each clip's features (one value per feature name per segment, one per clip feature
     *     name for the whole clip where measured)
     * @param featureNames names of the segment features
     * @param clipFeatureNames names of the whole-clip statistics; empty for none
     * @param data description of the clips, e.g. their manifest
     * @param seconds total duration of the clips, seconds
     * @return the calibration (without a held-out check)
     */
    public Calibration fit(List<ClipFeatures> clips, List<String> featureNames, List<String> clipFeatureNames,
            String data, double seconds) {
        shortage(clips, clipFeatureNames).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        Calibration unbalanced = bounded(clips, featureNames, clipFeatureNames, data, seconds);
        Optional<List<List<ClipFeatures>>> complements = foldComplements(clips, clipFeatureNames);
        int folds = complements.map(List::size).orElse(1);
        List<Margins> margins = complements
                .map(outside -> outOfFoldMargins(clips, outside, featureNames, clipFeatureNames, data, seconds))
                .orElseGet(() -> margins(unbalanced, clips));
        double factor = balance(margins);
        double[] scores = margins.stream().mapToDouble(m -> m.score(factor)).toArray();
        double threshold = threshold(scores, settings.targetFalsePositiveRate());
        CalibrationProvenance p = unbalanced.provenance();
        Calibration balanced = unbalanced.withClipBounds(unbalanced.clipBounds().rescaled(factor));
        return balanced.withRule(threshold, new CalibrationProvenance(p.created(), data, clips.size(), seconds,
                p.segments(), flaggedFraction(scores, threshold), folds, null));
    }

    /**
     * A clip's worst segment margin and its whole-clip margin (NaN when it has none), in the scales
     * of a calibration before the balance.
     */
    private record Margins(double segment, double clip) {

        /** The clip's score once the whole-clip scales are multiplied by {@code factor}. */
        double score(double factor) {
            return Double.isNaN(clip) ? segment : Math.max(segment, clip / factor);
        }
    }

    private static List<Margins> margins(Calibration calibration, List<ClipFeatures> clips) {
        return clips.stream().map(clip -> margins(calibration, clip)).toList();
    }

    private static Margins margins(Calibration calibration, ClipFeatures clip) {
        Verdict verdict = calibration.judge(clip);
        return new Margins(verdict.worst().margin(), verdict.clipCheck().map(ClipCheck::margin).orElse(Double.NaN));
    }

    /**
     * The fewest calibration clips whose threshold can flag a new clip like them as rarely as {@code
     * rate}: below {@code 1 / rate − 1}, the threshold is the highest of their scores, which a new clip
     * exceeds about once in {@code n + 1}.
     *
     * @param rate target false-positive rate in (0, 0.5)
     * @return the number of clips
     */
    public static int fewestClipsFor(double rate) {
        if (!(rate > 0 && rate < 0.5)) {
            throw new IllegalArgumentException("false-positive rate " + rate + "; expected (0, 0.5)");
        }
        return (int) Math.ceil(1 / rate - 1 - 1e-9);
    }

    /**
     * The {@code k}-th smallest of {@code n} scores, {@code k = ⌈(n + 1)(1 − rate)⌉} (at most {@code
     * n}): a new clip like the scored ones exceeds it with a probability of about {@code rate} at
     * most (the split-conformal rank), where a plain quantile at {@code 1 − rate} lies up to a rank
     * lower and, in a set of a hundred clips, is exceeded up to twice as often. That needs {@code n ≥
     * 1 / rate − 1} clips; with fewer, the threshold is the highest score.
     */
    private static double threshold(double[] scores, double rate) {
        double[] sorted = Arrays.stream(scores).sorted().toArray();
        int rank = (int) Math.min(sorted.length, Math.ceil((sorted.length + 1) * (1 - rate) - 1e-9));
        return sorted[Math.max(1, rank) - 1];
    }

    /**
     * Why the clips are too few to calibrate on, if they are: fewer full-length segments than two per
     * loudness band, or a whole-clip statistic measured in fewer than {@value #MIN_MEASURED_CLIPS} clips.
     */
    private Optional<String> shortage(List<ClipFeatures> clips, List<String> clipFeatureNames) {
        int segments = clips.stream().mapToInt(clip -> Calibration.fullLength(clip.segments()).size()).sum();
        if (segments < 2 * settings.levelBands()) {
            return Optional.of(String.format(Locale.ROOT, "%d calibration segments of %.2f s; expected at least %d: "
                    + "calibrate on more normal audio (minutes, not seconds)",
                    segments, settings.segmentSeconds(), 2 * settings.levelBands()));
        }
        for (int f = 0; f < clipFeatureNames.size(); f++) {
            int measured = measured(clips, f).length;
            if (measured < MIN_MEASURED_CLIPS) {
                return Optional.of(measured + " calibration clips are long enough for the whole-clip statistic "
                        + clipFeatureNames.get(f) + "; expected at least " + MIN_MEASURED_CLIPS + " of at least "
                        + minSeconds(clipFeatureNames.get(f)) + " s");
            }
        }
        return Optional.empty();
    }

    /**
     * The clips outside each of the {@value #FOLDS} folds, when every such complement can be
     * calibrated on by itself; empty otherwise. Clip {@code i} belongs to fold {@code i mod FOLDS}, so
     * every fold samples the clips' order evenly (a manifest's speakers and recordings) and the cut is
     * the same on every run.
     */
    private Optional<List<List<ClipFeatures>>> foldComplements(List<ClipFeatures> clips,
            List<String> clipFeatureNames) {
        if (clips.size() < FOLDS) {
            return Optional.empty();
        }
        List<List<ClipFeatures>> complements = new ArrayList<>();
        for (int fold = 0; fold < FOLDS; fold++) {
            List<ClipFeatures> outside = outsideFold(clips, fold);
            if (shortage(outside, clipFeatureNames).isPresent()) {
                return Optional.empty();
            }
            complements.add(outside);
        }
        return Optional.of(complements);
    }

    /**
     * Each clip's margins under bounds fitted without its fold ({@code complements.get(k)} holds the
     * clips outside fold {@code k}). Bounds fitted on a set of clips hug that set: its own tails sit on
     * them, while new speech of the same kind lies past them more often, the more so the fewer the
     * clips. A balance and a threshold taken from these margins flag about the target share of new
     * speech, where the fitted clips' own margins flag more.
     */
    private List<Margins> outOfFoldMargins(List<ClipFeatures> clips, List<List<ClipFeatures>> complements,
            List<String> featureNames, List<String> clipFeatureNames, String data, double seconds) {
        Margins[] margins = new Margins[clips.size()];
        for (int fold = 0; fold < complements.size(); fold++) {
            Calibration others = bounded(complements.get(fold), featureNames, clipFeatureNames, data, seconds);
            for (int i = fold; i < clips.size(); i += complements.size()) {
                margins[i] = margins(others, clips.get(i));
            }
        }
        return List.of(margins);
    }

    private static List<ClipFeatures> outsideFold(List<ClipFeatures> clips, int fold) {
        List<ClipFeatures> outside = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            if (i % FOLDS != fold) {
                outside.add(clips.get(i));
            }
        }
        return outside;
    }

    /** The bounds and scales of the clips, before the balance and without a threshold. */
    private Calibration bounded(List<ClipFeatures> clips, List<String> featureNames, List<String> clipFeatureNames,
            String data, double seconds) {
        List<SegmentFeatures> pooled = new ArrayList<>();
        for (ClipFeatures clip : clips) {
            pooled.addAll(Calibration.fullLength(clip.segments()));
        }
        double[] levels = pooled.stream().mapToDouble(SegmentFeatures::levelDb).sorted().toArray();
        Bounds level = bounds(levels, settings.tail());
        List<LevelBand> bands = new ArrayList<>();
        double lowerEdge = Double.NEGATIVE_INFINITY;
        int bandCount = bandCount(pooled.size());
        for (int b = 0; b < bandCount; b++) {
            double edge = b == bandCount - 1 ? Double.POSITIVE_INFINITY : quantile(levels, (b + 1.0) / bandCount);
            if (!(edge > lowerEdge)) {
                continue;
            }
            LevelBand band = band(pooled, featureNames.size(), lowerEdge, edge);
            if (band != null) {
                bands.add(band);
                lowerEdge = edge;
            }
        }
        if (bands.get(bands.size() - 1).belowDb() != Double.POSITIVE_INFINITY) {
            LevelBand last = bands.remove(bands.size() - 1);
            bands.add(new LevelBand(Double.POSITIVE_INFINITY, last.features(), last.segments()));
        }
        return new Calibration(settings.segmentSeconds(), featureNames, level, bands,
                clipBounds(clips, clipFeatureNames), 0, new CalibrationProvenance(Instant.now().toString(), data,
                        clips.size(), seconds, pooled.size(), 0, 1, null));
    }

    /**
     * The loudness bands for a number of segments: {@code levelBands}, or fewer, so that every band
     * holds at least {@code 1 / tail} segments and its {@code tail} quantiles lie inside its data
     * rather than at its extremes. Bounds at a small sample's extremes are exceeded by a good share
     * of new normal speech.
     */
    private int bandCount(int segments) {
        int fitting = (int) Math.floor(segments * settings.tail());
        return Math.max(1, Math.min(settings.levelBands(), fitting));
    }

    /**
     * The factor for the whole-clip scales that makes the whole-clip statistics and the segments flag
     * about the same share of the calibration clips at any threshold near the target. The clip score
     * is the worst margin of either, so without this the group whose margins normal speech stretches
     * further (a model's segment features on unfamiliar microphones) sets the threshold for both, and
     * the other loses the anomalies only it sees. Each group's margin at the {@code 1 −
     * targetFalsePositiveRate / 2} quantile of the clips' margins (out of fold where there are folds)
     * becomes the same number of scales, each counted as at least {@value #MIN_BALANCED_TAIL}: when a
     * group's calibration clips all lie inside or barely past its bounds (every clip 16 bits; a few
     * dozen clips, whose 1% and 99% quantiles are their extremes), its quantile is near zero or
     * negative, and a ratio taken there would multiply that group's margins by hundreds or turn them
     * around. 1 when either group has margins for fewer than {@value #MIN_MEASURED_CLIPS} clips.
     */
    private double balance(List<Margins> margins) {
        double[] segmentScores = margins.stream().mapToDouble(Margins::segment).sorted().toArray();
        double[] clipScores = margins.stream().mapToDouble(Margins::clip).filter(m -> !Double.isNaN(m)).sorted()
                .toArray();
        if (segmentScores.length < MIN_MEASURED_CLIPS || clipScores.length < MIN_MEASURED_CLIPS) {
            return 1;
        }
        double q = 1 - settings.targetFalsePositiveRate() / 2;
        double segmentTail = Math.max(MIN_BALANCED_TAIL, quantile(segmentScores, q));
        double clipTail = Math.max(MIN_BALANCED_TAIL, quantile(clipScores, q));
        return clipTail / segmentTail;
    }

    /**
     * Judges held-out normal clips and records the false-positive rate in the provenance.
     *
     * @param calibration a fitted calibration
     * @param clips held-out clips' features
     * @param data their description
     * @param seconds their total duration, seconds
     * @return the calibration with {@code provenance.validation} set
     */
    public static Calibration validate(Calibration calibration, List<ClipFeatures> clips, String data,
            double seconds) {
        double[] scores = scores(calibration, clips);
        CalibrationProvenance p = calibration.provenance();
        return calibration.withRule(calibration.threshold(), new CalibrationProvenance(p.created(), p.data(), p.clips(),
                p.seconds(), p.segments(), p.falsePositiveRate(), p.folds(), new CalibrationProvenance.Held(data,
                        clips.size(), seconds, flaggedFraction(scores, calibration.threshold()))));
    }

    /**
     * Each clip's score under a calibration.
     *
     * @param calibration the calibration
     * @param clips clips' features
     * @return each clip's score (its worst margin)
     */
    public static double[] scores(Calibration calibration, List<ClipFeatures> clips) {
        return clips.stream().mapToDouble(clip -> calibration.judge(clip).score()).toArray();
    }

    /**
     * Linear-interpolation quantile.
     *
     * @param sorted values in increasing order, at least one
     * @param q quantile in [0, 1]
     * @return the quantile
     */
    public static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static double flaggedFraction(double[] scores, double threshold) {
        return (double) Arrays.stream(scores).filter(s -> s > threshold).count() / scores.length;
    }

    private ClipBounds clipBounds(List<ClipFeatures> clips, List<String> names) {
        if (names.isEmpty()) {
            return ClipBounds.NONE;
        }
        List<Bounds> bounds = new ArrayList<>();
        List<Double> minSeconds = new ArrayList<>();
        for (int f = 0; f < names.size(); f++) {
            double[] sorted = measured(clips, f);
            Arrays.sort(sorted);
            bounds.add(atLeast(bounds(sorted, settings.clipTail()), minScale(names.get(f))));
            minSeconds.add(minSeconds(names.get(f)));
        }
        return new ClipBounds(names, bounds, minSeconds);
    }

    /** The values of whole-clip statistic {@code index} in the clips that have it, in clip order. */
    private static double[] measured(List<ClipFeatures> clips, int index) {
        return clips.stream().filter(ClipFeatures::hasWhole).mapToDouble(c -> c.whole()[index])
                .filter(v -> !Double.isNaN(v)).toArray();
    }

    /**
     * Bounds no finer than a statistic resolves: the scale at least {@code minScale} and the bounds at
     * least two of it wide, around their centre. Normal speech may give every calibration clip the
     * same value (16 bits); bounds of zero width would put every normal clip exactly on them, margin
     * 0, above the negative margins of its typical segments.
     */
    private static Bounds atLeast(Bounds fitted, double minScale) {
        double scale = Math.max(fitted.scale(), minScale);
        if (fitted.upper() - fitted.lower() >= 2 * minScale) {
            return new Bounds(fitted.lower(), fitted.upper(), scale);
        }
        double centre = (fitted.lower() + fitted.upper()) / 2;
        return new Bounds(centre - minScale, centre + minScale, scale);
    }

    /** The statistic's own shortest clip ({@link ClipFeature#minSeconds}); 0 for other methods' statistics. */
    private static double minSeconds(String name) {
        return ClipFeature.find(name).map(ClipFeature::minSeconds).orElse(0.0);
    }

    /** The statistic's own smallest scale ({@link ClipFeature#minScale}); 0 for other methods' statistics. */
    private static double minScale(String name) {
        return ClipFeature.find(name).map(ClipFeature::minScale).orElse(0.0);
    }

    private LevelBand band(List<SegmentFeatures> pooled, int features, double fromDb, double belowDb) {
        List<SegmentFeatures> members = pooled.stream()
                .filter(s -> s.levelDb() >= fromDb && s.levelDb() < belowDb).toList();
        if (members.size() < 2) {
            return null;
        }
        List<Bounds> bounds = new ArrayList<>();
        for (int f = 0; f < features; f++) {
            int index = f;
            bounds.add(bounds(members.stream().mapToDouble(s -> s.values()[index]).sorted().toArray(), settings.tail()));
        }
        return new LevelBand(belowDb, bounds, members.size());
    }

    private static Bounds bounds(double[] sorted, double tail) {
        double scale = (quantile(sorted, 0.84) - quantile(sorted, 0.16)) / 2;
        return new Bounds(quantile(sorted, tail), quantile(sorted, 1 - tail), Math.max(MIN_SCALE, scale));
    }
}
