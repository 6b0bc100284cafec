// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.anomaly;

import dev.flowvox.core.audio.AudioClip;
import dev.flowvox.core.calibration.Calibration;
import dev.flowvox.core.calibration.Calibrator;
import dev.flowvox.core.calibration.ClipFeatures;
import dev.flowvox.core.calibration.FeatureExtractor;
import dev.flowvox.core.train.Corpus;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

/**
 * The anomaly-check evaluation: calibrate each method on training clips of normal speech, judge the
 * clean validation clips and every {@link AnomalyKind} made from them, and measure AUROC per kind
 * (clip score: the worst margin over segments and whole-clip statistics) and the false-positive rate
 * on clean speech at the calibrated threshold. Deterministic for a seed.
 */
public final class AnomalyEvaluation {

    /**
     * A detection method under test.
     *
     * @param name short name for tables, e.g. "flow"
     * @param extractor its per-segment features (not shared with other threads)
     */
    public record Method(String name, FeatureExtractor extractor) {
    }

    /**
     * One method's results.
     *
     * @param method its name
     * @param calibration the calibration fitted on the training clips (validated on the clean clips)
     * @param clean clip scores of the clean validation clips
     * @param anomalous clip scores of each anomaly kind, same clip order
     */
    public record MethodResult(String method, Calibration calibration, double[] clean, Map<AnomalyKind, double[]> anomalous) {

        /** AUROC of one kind against the clean clips. */
        public double auroc(AnomalyKind kind) {
            return Auroc.of(clean, anomalous.get(kind));
        }

        /** Fraction of one kind's clips flagged at the calibrated threshold. */
        public double detectionRate(AnomalyKind kind) {
            return Auroc.flagged(anomalous.get(kind), calibration.threshold());
        }

        /** Fraction of clean validation clips flagged at the calibrated threshold. */
        public double falsePositiveRate() {
            return Auroc.flagged(clean, calibration.threshold());
        }

        /**
         * The same result over some of the validation clips: their clean scores and the anomalies
         * made from them.
         *
         * @param keep which validation clips, by index
         * @return the result over those clips
         */
        public MethodResult restrictedTo(IntPredicate keep) {
            Map<AnomalyKind, double[]> kept = new EnumMap<>(AnomalyKind.class);
            anomalous.forEach((kind, scores) -> kept.put(kind, select(scores, keep)));
            return new MethodResult(method, calibration, select(clean, keep), kept);
        }

        private static double[] select(double[] scores, IntPredicate keep) {
            return IntStream.range(0, scores.length).filter(keep).mapToDouble(i -> scores[i]).toArray();
        }
    }

    private final List<Method> methods;
    private final Calibrator calibrator;
    private final double segmentSeconds;
    private final long seed;
    private final Runnable progress;

    /**
     * @param methods methods to compare, all at the same audio rate
     * @param settings calibration settings of every method
     * @param seed fixes the anomalies
     * @param progress called once per clip processed by a method ({@link #work} calls in total)
     */
    public AnomalyEvaluation(List<Method> methods, Calibrator.Settings settings, long seed, Runnable progress) {
        this.methods = List.copyOf(methods);
        this.calibrator = new Calibrator(settings);
        this.segmentSeconds = settings.segmentSeconds();
        this.seed = seed;
        this.progress = progress;
    }

    /**
     * Clips processed by a run.
     *
     * @param methods methods compared
     * @param trainClips training clips
     * @param validClips validation clips
     * @return the number of progress calls
     */
    public static long work(int methods, int trainClips, int validClips) {
        return (long) methods * (trainClips + (long) validClips * (1 + AnomalyKind.values().length));
    }

    /**
     * Runs the evaluation.
     *
     * @param train normal speech to calibrate on
     * @param valid held-out normal speech, also the source of the anomalies
     * @return one result per method, in order
     */
    public List<MethodResult> run(Corpus train, Corpus valid) {
        List<MethodResult> results = new ArrayList<>();
        for (Method method : methods) {
            FeatureExtractor extractor = method.extractor();
            int segment = (int) Math.round(segmentSeconds * extractor.sampleRate());
            List<ClipFeatures> trainFeatures = extractor.extractAll(train.clips(), segment, progress);
            Calibration calibration = calibrator.fit(trainFeatures, extractor.names(), extractor.clipNames(),
                    train.source(), train.totalSeconds());
            List<ClipFeatures> cleanFeatures = extractor.extractAll(valid.clips(), segment, progress);
            calibration = Calibrator.validate(calibration, cleanFeatures, valid.source(), valid.totalSeconds());
            Map<AnomalyKind, double[]> anomalous = new EnumMap<>(AnomalyKind.class);
            for (AnomalyKind kind : AnomalyKind.values()) {
                List<AudioClip> made = new ArrayList<>();
                for (int i = 0; i < valid.clips().size(); i++) {
                    AudioClip clip = valid.clips().get(i);
                    made.add(new AudioClip(kind.apply(clip.samples(), clip.sampleRate(), seed + i), clip.sampleRate()));
                }
                anomalous.put(kind, Calibrator.scores(calibration, extractor.extractAll(made, segment, progress)));
            }
            results.add(new MethodResult(method.name(), calibration, Calibrator.scores(calibration, cleanFeatures),
                    anomalous));
        }
        return results;
    }
}
