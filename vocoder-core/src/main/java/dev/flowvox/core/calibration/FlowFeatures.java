// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.model.VocoderModel;
import dev.flowvox.core.score.LikelihoodScore;
import dev.flowvox.core.score.LikelihoodScorer;

import java.util.List;

/**
 * The flow's features: audio → its own mel → exact likelihood → per segment the {@link FlowFeature}s
 * with the segment's loudness, and the whole clip's {@link ClipFeature} statistics of the same mel.
 * Not thread-safe (it holds a mel work buffer); use one per thread.
 */
public final class FlowFeatures implements FeatureExtractor {

    private final LikelihoodScorer scorer;
    private final MelConfig melConfig;
    private final MelSpectrogram mel;
    private final int sampleRate;

    /**
     * @param model the model whose likelihood is measured
     */
    public FlowFeatures(VocoderModel model) {
        this.scorer = model.scorer();
        this.melConfig = model.info().mel();
        this.mel = new MelSpectrogram(melConfig);
        this.sampleRate = model.info().sampleRate();
    }

    @Override
    public List<String> names() {
        return SegmentFeatures.FLOW_FEATURES;
    }

    @Override
    public List<String> clipNames() {
        return ClipFeature.names();
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    /**
     * Scores audio against its own mel and measures its whole-clip statistics.
     *
     * @param audio samples at the model's rate
     * @return the score and the statistics
     */
    public Scored score(float[] audio) {
        float[][] logMel = mel.compute(audio);
        return new Scored(scorer.score(audio, logMel), ClipFeature.measure(audio, logMel, melConfig));
    }

    /**
     * A clip's score with its whole-clip statistics.
     *
     * @param score the flow's score
     * @param whole every {@link ClipFeature}, NaN for one the clip is too short for ({@link ClipFeature#measure})
     */
    public record Scored(LikelihoodScore score, double[] whole) {
    }

    /**
     * What a calibration judges in a clip the flow has scored: the segment features it bounds and,
     * when it bounds any, the whole-clip statistics it names, NaN for each one whose bound does not
     * judge clips this short ({@link ClipBounds#minSeconds}).
     *
     * @param calibration the calibration
     * @param score the flow's score of the clip
     * @param whole every {@link ClipFeature} of the clip ({@link ClipFeature#measure})
     * @param audio the scored samples
     * @param sampleRate their rate, Hz
     * @return the clip's features in the calibration's order
     */
    public static ClipFeatures forCalibration(Calibration calibration, LikelihoodScore score, double[] whole,
            float[] audio, int sampleRate) {
        List<SegmentFeatures> segments = SegmentFeatures.ofScore(score, audio, calibration.segmentSamples(sampleRate),
                calibration.featureNames());
        ClipBounds bounds = calibration.clipBounds();
        double seconds = (double) audio.length / sampleRate;
        double[] selected = new double[bounds.names().size()];
        for (int i = 0; i < selected.length; i++) {
            selected[i] = seconds < bounds.minSeconds().get(i) ? Double.NaN
                    : whole[ClipFeature.named(bounds.names().get(i)).ordinal()];
        }
        return new ClipFeatures(segments, selected);
    }

    @Override
    public ClipFeatures extract(float[] audio, int segmentSamples) {
        Scored scored = score(audio);
        return new ClipFeatures(SegmentFeatures.ofScore(scored.score(), audio, segmentSamples), scored.whole());
    }
}
