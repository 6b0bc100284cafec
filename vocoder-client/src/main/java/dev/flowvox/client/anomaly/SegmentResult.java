// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.anomaly;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * One segment of checked audio against the calibration's bounds for its loudness (at the threshold).
 *
 * @param startSeconds start of the segment, seconds
 * @param endSeconds end of the segment, seconds
 * @param levelDb loudness, RMS dBFS (at least -100)
 * @param features every feature the calibration bounds, in its order (nats per sample first)
 * @param margin worst margin over loudness and features, in multiples of the bounds' spreads
 *     (negative inside)
 * @param deviation the bound the margin is measured against, e.g. {@code nats_per_sample_low} or
 *     {@code max_group_energy_db_high}
 * @param anomalous whether the margin exceeds the threshold
 */
public record SegmentResult(double startSeconds, double endSeconds, double levelDb, List<FeatureResult> features,
        double margin, String deviation, boolean anomalous) {

    /** Name of the mean log-likelihood feature, which every flow calibration bounds. */
    public static final String NATS_PER_SAMPLE = "nats_per_sample";

    /** Validates the time range and freezes the features. */
    public SegmentResult {
        if (!(startSeconds >= 0 && endSeconds > startSeconds)) {
            throw new IllegalArgumentException("segment " + startSeconds + "-" + endSeconds
                    + " s; expected 0 <= start < end");
        }
        features = List.copyOf(features);
    }

    /**
     * A feature by name.
     *
     * @param name e.g. {@link #NATS_PER_SAMPLE}
     * @return its value and bounds
     * @throws NoSuchElementException when the calibration does not bound it
     */
    public FeatureResult feature(String name) {
        return features.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow(
                () -> new NoSuchElementException("the calibration bounds no feature '" + name + "'; it bounds "
                        + features.stream().map(FeatureResult::name).toList()));
    }

    /** Mean log-likelihood of the segment and its bounds. */
    public FeatureResult natsPerSample() {
        return feature(NATS_PER_SAMPLE);
    }
}
