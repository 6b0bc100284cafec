// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.anomaly;

import java.util.List;

/**
 * The statistics of a whole checked clip against the calibration's bounds (at the threshold): what
 * keeps audio and mel consistent and so escapes the flow's likelihood, such as speech played
 * backwards ({@code onset_skewness_low}), an echo ({@code echo_correlation_high}) or a band limit
 * ({@code high_band_db_low}).
 *
 * @param features every statistic the calibration bounds and the clip is long enough for, in its order
 * @param margin worst margin over the statistics, in multiples of the bounds' scales (balanced against the
 *     segments' by the calibration; negative inside)
 * @param deviation the bound the margin is measured against, e.g. {@code onset_skewness_low}
 * @param anomalous whether the margin exceeds the threshold
 */
public record WholeClipResult(List<FeatureResult> features, double margin, String deviation, boolean anomalous) {

    /** Freezes the statistics. */
    public WholeClipResult {
        features = List.copyOf(features);
        if (features.isEmpty()) {
            throw new IllegalArgumentException("a whole-clip result needs at least one statistic");
        }
    }
}
