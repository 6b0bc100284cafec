// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import java.util.List;

/**
 * Everything a {@link Calibration} looks at in one clip: the features of each time segment and the
 * statistics of the whole clip.
 *
 * @param segments per-segment features in time order, at least one
 * @param whole the clip's statistics in the order of the calibration's clip feature names (for the
 *     flow: {@link ClipFeature}), or empty when they were not measured (a clip shorter than {@link
 *     ClipFeature#MIN_SECONDS}, or a method without them)
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
            if (!Double.isFinite(whole[i])) {
                throw new IllegalArgumentException("clip statistic " + i + " is " + whole[i] + "; expected a finite value");
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

    /** Whether the whole-clip statistics were measured. */
    public boolean hasWhole() {
        return whole.length > 0;
    }

    @Override
    public double[] whole() {
        return whole.clone();
    }
}
