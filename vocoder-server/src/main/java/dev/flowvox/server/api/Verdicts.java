// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.server.api;

import dev.flowvox.core.calibration.Bounds;
import dev.flowvox.core.calibration.Calibration;
import dev.flowvox.core.calibration.SegmentCheck;
import dev.flowvox.core.calibration.SegmentFeatures;
import dev.flowvox.core.calibration.Verdict;
import dev.flowvox.proto.v1.CalibrationVerdict;

/** The wire form of a core {@link Verdict} on the flow's features. */
final class Verdicts {

    private Verdicts() {
    }

    /**
     * @param calibration the calibration that judged
     * @param verdict its verdict on the flow's features ({@link SegmentFeatures#FLOW_FEATURES})
     * @return the {@code flowvox.v1.CalibrationVerdict}
     */
    static CalibrationVerdict of(Calibration calibration, Verdict verdict) {
        SegmentCheck worst = verdict.worst();
        CalibrationVerdict.Builder wire = CalibrationVerdict.newBuilder()
                .setAnomalous(verdict.anomalous())
                .setLowerNatsPerSample(worst.bounds().get(0).lower())
                .setUpperNatsPerSample(worst.bounds().get(0).upper())
                .setScore(verdict.score())
                .setThreshold(verdict.threshold())
                .setSegmentSeconds(calibration.segmentSeconds());
        verdict.anomalousSegments().forEach(wire::addAnomalousSegments);
        for (SegmentCheck check : verdict.checks()) {
            SegmentFeatures segment = check.segment();
            Bounds nats = check.bounds().get(0);
            Bounds energy = check.bounds().get(1);
            wire.addChecks(dev.flowvox.proto.v1.SegmentCheck.newBuilder()
                    .setStartSample(segment.startSample())
                    .setEndSample(segment.endSample())
                    .setLevelDbfs(segment.levelDb())
                    .setNatsPerSample(segment.values()[0])
                    .setLowerNatsPerSample(nats.lower())
                    .setUpperNatsPerSample(nats.upper())
                    .setLatentEnergy(segment.values()[1])
                    .setLowerLatentEnergy(energy.lower())
                    .setUpperLatentEnergy(energy.upper())
                    .setMargin(check.margin())
                    .setDeviation(check.deviationName(calibration.featureNames()))
                    .setAnomalous(check.anomalous()));
        }
        return wire.build();
    }
}
