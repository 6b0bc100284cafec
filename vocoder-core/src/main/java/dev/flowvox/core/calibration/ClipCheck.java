// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import java.util.List;

/**
 * A clip's whole-clip statistics judged against a calibration.
 *
 * @param names the statistics judged, in the calibration's clip order: those the clip is long enough for
 * @param values their values
 * @param bounds their bounds widened by the calibration's threshold: a value outside is anomalous
 * @param margin the worst margin, in multiples of each bound's scale (negative inside all bounds)
 * @param feature index of the statistic with the worst margin
 * @param low whether that statistic lies below the middle of its bounds
 * @param anomalous whether the margin exceeds the threshold
 */
public record ClipCheck(List<String> names, double[] values, List<Bounds> bounds, double margin, int feature,
        boolean low, boolean anomalous) {

    /** Validates and freezes. */
    public ClipCheck {
        names = List.copyOf(names);
        values = values.clone();
        bounds = List.copyOf(bounds);
        if (values.length != names.size() || values.length != bounds.size() || feature < 0 || feature >= values.length
                || Double.isNaN(margin)) {
            throw new IllegalArgumentException("clip check of " + names.size() + " statistics, " + values.length
                    + " values, " + bounds.size() + " bounds, worst " + feature + ", margin " + margin
                    + "; expected one value and one bound per statistic");
        }
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    /** The bound the margin is measured against, e.g. {@code onset_skewness_low}. */
    public String deviationName() {
        return names.get(feature) + (low ? SegmentCheck.LOW : SegmentCheck.HIGH);
    }
}
