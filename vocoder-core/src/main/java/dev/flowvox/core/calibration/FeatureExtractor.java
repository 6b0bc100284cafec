// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.calibration;

import dev.flowvox.core.audio.AudioClip;

import java.util.ArrayList;
import java.util.List;

/** Computes the features a {@link Calibration} bounds, from audio at a fixed rate. */
public interface FeatureExtractor {

    /** Names of the segment features, in the order of {@link SegmentFeatures#values()}. */
    List<String> names();

    /** Names of the whole-clip statistics, in the order of {@link ClipFeatures#whole()}; empty for none. */
    List<String> clipNames();

    /** Audio rate the extractor expects (Hz). */
    int sampleRate();

    /**
     * The features of every segment and of the whole clip.
     *
     * @param audio mono samples in [-1, 1] at {@link #sampleRate()}
     * @param segmentSamples samples per segment
     * @return the segments in time order (the last may be shorter) and the whole-clip statistics
     * @throws IllegalArgumentException if the audio is too short to score or not finite
     */
    ClipFeatures extract(float[] audio, int segmentSamples);

    /**
     * The features of every clip, in order.
     *
     * @param clips clips at {@link #sampleRate()}
     * @param segmentSamples samples per segment
     * @param progress called once after each clip
     * @return one {@link #extract} result per clip
     */
    default List<ClipFeatures> extractAll(List<AudioClip> clips, int segmentSamples, Runnable progress) {
        List<ClipFeatures> features = new ArrayList<>();
        for (AudioClip clip : clips) {
            features.add(extract(clip.samples(), segmentSamples));
            progress.run();
        }
        return features;
    }
}
