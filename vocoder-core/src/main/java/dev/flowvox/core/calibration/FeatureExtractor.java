// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import java.util.List;

/** Computes the per-segment features a {@link Calibration} bounds, from audio at a fixed rate. */
public interface FeatureExtractor {

    /** Names of the features, in the order of {@link SegmentFeatures#values()}. */
    List<String> names();

    /** Audio rate the extractor expects (Hz). */
    int sampleRate();

    /**
     * The features of every segment.
     *
     * @param audio mono samples in [-1, 1] at {@link #sampleRate()}
     * @param segmentSamples samples per segment
     * @return the segments in time order; the last may be shorter
     * @throws IllegalArgumentException if the audio is too short to score or not finite
     */
    List<SegmentFeatures> extract(float[] audio, int segmentSamples);
}
