// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import java.util.List;

/**
 * A clip's whole-clip statistics judged against a calibration.
 *
 * @param values the statistics, in the calibration's clip order
 * @param bounds their bounds widened by the calibration's threshold: a value outside is anomalous
 * @param margin the worst margin, in multiples of each bound's scale (negative inside all bounds)
 * @param feature index of the statistic with the worst margin
 * @param low whether that statistic lies below the middle of its bounds
 * @param anomalous whether the margin exceeds the threshold
 */
public record ClipCheck(double[] values, List<Bounds> bounds, double margin, int feature, boolean low,
        boolean anomalous) {

    /** Validates and freezes. */
    public ClipCheck {
        values = values.clone();
        bounds = List.copyOf(bounds);
        if (values.length != bounds.size() || feature < 0 || feature >= values.length || Double.isNaN(margin)) {
            throw new IllegalArgumentException("clip check of " + values.length + " statistics, " + bounds.size()
                    + " bounds, worst " + feature + ", margin " + margin + "; expected one bound per statistic");
        }
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /**
     * The bound the margin is measured against, e.g. {@code onset_skewness_low}.
     *
     * @param names the calibration's clip statistic names
     * @return the name
     */
    public String deviationName(List<String> names) {
        return names.get(feature) + (low ? SegmentCheck.LOW : SegmentCheck.HIGH);
    }
}
