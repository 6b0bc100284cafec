// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import java.util.Arrays;
import java.util.List;

/**
 * Everything a {@link Calibration} looks at in one clip: the features of each time segment and the
 * statistics of the whole clip.
 *
 * @param segments per-segment features in time order, at least one
 * @param whole the clip's statistics in the order of the calibration's clip feature names (for the
 *     flow: {@link ClipFeature}), NaN for one not measured (the clip is shorter than it needs), or
 *     empty for a method without them
 */
public record ClipFeatures(List<SegmentFeatures> segments, double[] whole) {

    /** Validates and freezes. */
    public ClipFeatures {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a clip needs at least one segment");
        }
        whole = whole.clone();
        for (int i = 0; i < whole.length; i++) {
            if (Double.isInfinite(whole[i])) {
                throw new IllegalArgumentException("clip statistic " + i + " is " + whole[i]
                        + "; expected a finite value, or NaN for one not measured");
            }
        }
    }

    /**
     * A clip described by its segments alone.
     *
     * @param segments per-segment features
     * @return the clip's features with no whole-clip statistics
     */
    public static ClipFeatures ofSegments(List<SegmentFeatures> segments) {
        return new ClipFeatures(segments, new double[0]);
    }

    /** Whether any whole-clip statistic was measured. */
    public boolean hasWhole() {
        return Arrays.stream(whole).anyMatch(value -> !Double.isNaN(value));
    }

    @Override
    public double[] whole() {
        return whole.clone();
    }
}
