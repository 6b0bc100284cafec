// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.anomaly;

import java.util.List;

/**
 * The result of checking one piece of audio.
 *
 * @param name where the audio came from (file name or the caller's label)
 * @param score the model's score and, for calibrated models, the verdict
 * @param warnings what was done to the input before scoring (e.g. resampling)
 */
public record AnomalyCheck(String name, ClipScore score, List<String> warnings) {

    /** How a check came out. */
    public enum Status {
        /** Within the calibrated bounds. */
        TYPICAL,
        /** Outside the calibrated bounds. */
        ANOMALOUS,
        /** The model has no calibration, so there is no verdict (run {@code flowvox calibrate}). */
        NO_CALIBRATION
    }

    /** Freezes the warnings. */
    public AnomalyCheck {
        warnings = List.copyOf(warnings);
    }

    /** The outcome. */
    public Status status() {
        return score.verdict().map(v -> v.anomalous() ? Status.ANOMALOUS : Status.TYPICAL).orElse(Status.NO_CALIBRATION);
    }

    /**
     * The worst time ranges: the segments with the largest margins, anomalous or not.
     *
     * @param count how many at most
     * @return worst first; empty without a calibration
     */
    public List<SegmentResult> worstRanges(int count) {
        return score.verdict().map(v -> v.worst(count)).orElse(List.of());
    }
}
