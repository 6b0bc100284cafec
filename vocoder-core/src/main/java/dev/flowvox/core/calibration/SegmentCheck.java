// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import java.util.List;

/**
 * One segment judged against a calibration.
 *
 * @param segment the segment's features
 * @param bounds the bounds that apply to it at the calibration's threshold, one per feature (those of
 *     its loudness band, widened by the threshold margin)
 * @param margin the segment's worst margin over the level and every feature, in multiples of each
 *     bound's scale: negative inside all bounds, positive outside the calibrated quantiles
 * @param deviation which bound the margin is measured against
 * @param feature index of that feature, or -1 when it is the level
 * @param anomalous whether the margin exceeds the calibration's threshold
 */
public record SegmentCheck(SegmentFeatures segment, List<Bounds> bounds, double margin, Deviation deviation, int feature,
        boolean anomalous) {

    /** Suffix of a deviation's name ({@link #deviationName}) below a lower bound. */
    static final String LOW = "_low";
    /** Suffix of a deviation's name above an upper bound. */
    static final String HIGH = "_high";
    /**
     * The name of a segment quieter than the level's lower bound: every segment of a clip without
     * sound ({@link Calibration#judge}).
     */
    public static final String LEVEL_LOW = "level" + LOW;

    /** Freezes the bounds. */
    public SegmentCheck {
        bounds = List.copyOf(bounds);
        if (Double.isNaN(margin)) {
            throw new IllegalArgumentException("segment margin is NaN; expected a number");
        }
    }

    /**
     * The bound the margin is measured against, by name: {@code level_low}, {@code level_high}, or a
     * feature name with {@code _low} or {@code _high} (e.g. {@code nats_per_sample_high}).
     *
     * @param featureNames the calibration's feature names
     * @return the name
     */
    public String deviationName(List<String> featureNames) {
        boolean low = deviation == Deviation.LEVEL_LOW || deviation == Deviation.FEATURE_LOW;
        return (feature < 0 ? "level" : featureNames.get(feature)) + (low ? LOW : HIGH);
    }
}
