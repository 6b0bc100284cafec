// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.model.VocoderModel;
import dev.flowvox.core.score.LikelihoodScore;
import dev.flowvox.core.score.LikelihoodScorer;

import java.util.List;

/**
 * The flow's features ({@link SegmentFeatures#FLOW_FEATURES}): audio → its own mel → exact
 * likelihood → per segment nats per sample and latent energy, with the segment's loudness. Not
 * thread-safe (it holds a mel work buffer); use one per thread.
 */
public final class FlowFeatures implements FeatureExtractor {

    private final LikelihoodScorer scorer;
    private final MelSpectrogram mel;
    private final int sampleRate;

    /**
     * @param model the model whose likelihood is measured
     */
    public FlowFeatures(VocoderModel model) {
        this.scorer = model.scorer();
        this.mel = new MelSpectrogram(model.info().mel());
        this.sampleRate = model.info().sampleRate();
    }

    @Override
    public List<String> names() {
        return SegmentFeatures.FLOW_FEATURES;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    /**
     * Scores audio against its own mel.
     *
     * @param audio samples at the model's rate
     * @return the score
     */
    public LikelihoodScore score(float[] audio) {
        return scorer.score(audio, mel.compute(audio));
    }

    @Override
    public List<SegmentFeatures> extract(float[] audio, int segmentSamples) {
        return SegmentFeatures.ofScore(score(audio), audio, segmentSamples);
    }
}
