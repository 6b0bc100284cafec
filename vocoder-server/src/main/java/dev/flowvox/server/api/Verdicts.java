// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.api;

import dev.flowvox.core.calibration.Bounds;
import dev.flowvox.core.calibration.Calibration;
import dev.flowvox.core.calibration.ClipCheck;
import dev.flowvox.core.calibration.FlowFeature;
import dev.flowvox.core.calibration.SegmentCheck;
import dev.flowvox.core.calibration.SegmentFeatures;
import dev.flowvox.core.calibration.Verdict;
import dev.flowvox.proto.v1.CalibrationVerdict;
import dev.flowvox.proto.v1.FeatureCheck;

import java.util.List;

/** The wire form of a core {@link Verdict} on the flow's features and the clip's statistics. */
final class Verdicts {

    private Verdicts() {
    }

    /**
     * @param calibration the calibration that judged
     * @param verdict its verdict on the flow's features ({@link FlowFeature})
     * @return the {@code flowvox.v1.CalibrationVerdict}
     */
    static CalibrationVerdict of(Calibration calibration, Verdict verdict) {
        List<String> names = calibration.featureNames();
        int natsIndex = names.indexOf(FlowFeature.NATS_PER_SAMPLE.featureName());
        int energyIndex = names.indexOf(FlowFeature.LATENT_ENERGY.featureName());
        CalibrationVerdict.Builder wire = CalibrationVerdict.newBuilder()
                .setAnomalous(verdict.anomalous())
                .setScore(verdict.score())
                .setThreshold(verdict.threshold())
                .setSegmentSeconds(calibration.segmentSeconds());
        if (natsIndex >= 0) {
            Bounds worstNats = verdict.worst().bounds().get(natsIndex);
            wire.setLowerNatsPerSample(worstNats.lower()).setUpperNatsPerSample(worstNats.upper());
        }
        verdict.anomalousSegments().forEach(wire::addAnomalousSegments);
        for (SegmentCheck check : verdict.checks()) {
            SegmentFeatures segment = check.segment();
            dev.flowvox.proto.v1.SegmentCheck.Builder wireCheck = dev.flowvox.proto.v1.SegmentCheck.newBuilder()
                    .setStartSample(segment.startSample())
                    .setEndSample(segment.endSample())
                    .setLevelDbfs(segment.levelDb())
                    .setMargin(check.margin())
                    .setDeviation(check.deviationName(names))
                    .setAnomalous(check.anomalous());
            for (int f = 0; f < names.size(); f++) {
                Bounds bounds = check.bounds().get(f);
                double value = segment.values()[f];
                wireCheck.addFeatures(FeatureCheck.newBuilder().setName(names.get(f)).setValue(value)
                        .setLower(bounds.lower()).setUpper(bounds.upper()));
                if (f == natsIndex) {
                    wireCheck.setNatsPerSample(value).setLowerNatsPerSample(bounds.lower())
                            .setUpperNatsPerSample(bounds.upper());
                } else if (f == energyIndex) {
                    wireCheck.setLatentEnergy(value).setLowerLatentEnergy(bounds.lower())
                            .setUpperLatentEnergy(bounds.upper());
                }
            }
            wire.addChecks(wireCheck);
        }
        verdict.clipCheck().ifPresent(clip -> wire.setClip(clipCheck(clip)));
        return wire.build();
    }

    private static dev.flowvox.proto.v1.ClipCheck clipCheck(ClipCheck check) {
        dev.flowvox.proto.v1.ClipCheck.Builder wire = dev.flowvox.proto.v1.ClipCheck.newBuilder()
                .setMargin(check.margin())
                .setDeviation(check.deviationName())
                .setAnomalous(check.anomalous());
        List<String> names = check.names();
        double[] values = check.values();
        for (int f = 0; f < names.size(); f++) {
            Bounds bounds = check.bounds().get(f);
            wire.addFeatures(FeatureCheck.newBuilder().setName(names.get(f)).setValue(values[f])
                    .setLower(bounds.lower()).setUpper(bounds.upper()));
        }
        return wire.build();
    }
}
