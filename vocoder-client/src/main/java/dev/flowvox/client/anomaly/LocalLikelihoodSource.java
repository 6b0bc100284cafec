// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.anomaly;

import dev.flowvox.core.calibration.Bounds;
import dev.flowvox.core.calibration.Calibration;
import dev.flowvox.core.calibration.ClipCheck;
import dev.flowvox.core.calibration.ClipFeature;
import dev.flowvox.core.calibration.FlowFeature;
import dev.flowvox.core.calibration.FlowFeatures;
import dev.flowvox.core.calibration.SegmentCheck;
import dev.flowvox.core.calibration.SegmentFeatures;
import dev.flowvox.core.calibration.Verdict;
import dev.flowvox.core.model.VocoderModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scores with a model loaded in this process (the core's scorer) and judges with a calibration,
 * by default the one stored in the model's bundle. Thread-safe (calls are serialised); the caller
 * owns and closes the model.
 */
public final class LocalLikelihoodSource implements LikelihoodSource {

    private final FlowFeatures features;
    private final Calibration calibration;
    private final int sampleRate;

    /**
     * @param model the model
     * @param calibration the calibration to judge with, or null for none
     */
    public LocalLikelihoodSource(VocoderModel model, Calibration calibration) {
        if (calibration != null) {
            calibration.featureNames().forEach(FlowFeature::named);
            calibration.clipBounds().names().forEach(ClipFeature::named);
        }
        this.features = new FlowFeatures(model);
        this.calibration = calibration;
        this.sampleRate = model.info().sampleRate();
    }

    /**
     * A source judging with the calibration stored in the model's bundle, if any.
     *
     * @param model the model
     * @return the source
     */
    public static LocalLikelihoodSource of(VocoderModel model) {
        return new LocalLikelihoodSource(model, model.calibration().orElse(null));
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public boolean calibrated() {
        return calibration != null;
    }

    @Override
    public synchronized ClipScore score(float[] audio) {
        FlowFeatures.Scored scored = features.score(audio);
        Optional<ClipVerdict> verdict = Optional.empty();
        if (calibration != null) {
            Verdict judged = calibration.judge(FlowFeatures.forCalibration(calibration, scored.score(), scored.whole(),
                    audio, sampleRate));
            verdict = Optional.of(toClient(judged));
        }
        return new ClipScore(scored.score().natsPerSample(), scored.score().samples(), sampleRate, verdict);
    }

    private ClipVerdict toClient(Verdict verdict) {
        List<SegmentResult> segments = new ArrayList<>();
        List<String> names = calibration.featureNames();
        for (SegmentCheck check : verdict.checks()) {
            SegmentFeatures s = check.segment();
            List<FeatureResult> features = new ArrayList<>();
            for (int f = 0; f < names.size(); f++) {
                Bounds bounds = check.bounds().get(f);
                features.add(new FeatureResult(names.get(f), s.values()[f], bounds.lower(), bounds.upper()));
            }
            segments.add(new SegmentResult((double) s.startSample() / sampleRate, (double) s.endSample() / sampleRate,
                    s.levelDb(), features, check.margin(), check.deviationName(names), check.anomalous()));
        }
        return new ClipVerdict(verdict.anomalous(), verdict.score(), verdict.threshold(), segments,
                verdict.clipCheck().map(this::toClient));
    }

    private WholeClipResult toClient(ClipCheck check) {
        List<String> names = check.names();
        double[] values = check.values();
        List<FeatureResult> features = new ArrayList<>();
        for (int f = 0; f < names.size(); f++) {
            Bounds bounds = check.bounds().get(f);
            features.add(new FeatureResult(names.get(f), values[f], bounds.lower(), bounds.upper()));
        }
        return new WholeClipResult(features, check.margin(), check.deviationName(), check.anomalous());
    }
}
