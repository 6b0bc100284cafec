// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.anomaly;

import dev.flowvox.core.calibration.ClipFeatures;
import dev.flowvox.core.calibration.FeatureExtractor;
import dev.flowvox.core.calibration.SegmentFeatures;
import dev.flowvox.core.dsp.Stft;
import dev.flowvox.core.dsp.StftConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The non-flow baseline of the anomaly evaluation: per segment, the spectral flatness (Wiener
 * entropy, dB: geometric over arithmetic mean of the power spectrum, averaged over frames) and the
 * spectral centroid (Hz), with the segment's loudness. Calibrated by the same banded two-sided bounds
 * as the flow's features, so the comparison is about the features alone. Not thread-safe.
 */
public final class SpectralFeatures implements FeatureExtractor {

    /** Names of the features, in order. */
    public static final List<String> NAMES = List.of("spectral_flatness_db", "spectral_centroid_hz");

    private static final double POWER_FLOOR = 1e-12;

    private final Stft stft;
    private final int sampleRate;

    /**
     * @param sampleRate audio rate (Hz); frames of 1024 samples, hop 256
     */
    public SpectralFeatures(int sampleRate) {
        this.stft = new Stft(new StftConfig(1024, 256, 1024));
        this.sampleRate = sampleRate;
    }

    @Override
    public List<String> names() {
        return NAMES;
    }

    @Override
    public List<String> clipNames() {
        return List.of();
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public ClipFeatures extract(float[] audio, int segmentSamples) {
        float[][] magnitude = stft.magnitude(audio);
        int hop = stft.config().hopLength();
        int frames = magnitude[0].length;
        double[] flatness = new double[frames];
        double[] centroid = new double[frames];
        for (int t = 0; t < frames; t++) {
            double logSum = 0;
            double sum = 0;
            double weighted = 0;
            for (int k = 0; k < magnitude.length; k++) {
                double power = (double) magnitude[k][t] * magnitude[k][t] + POWER_FLOOR;
                logSum += Math.log(power);
                sum += power;
                weighted += power * k * sampleRate / (2.0 * (magnitude.length - 1));
            }
            double mean = sum / magnitude.length;
            flatness[t] = 10 * (logSum / magnitude.length - Math.log(mean)) / Math.log(10);
            centroid[t] = weighted / sum;
        }
        List<SegmentFeatures> segments = new ArrayList<>();
        for (int start = 0; start < audio.length; start += segmentSamples) {
            int end = Math.min(audio.length, start + segmentSamples);
            int first = Math.min(frames - 1, (start + hop / 2) / hop);
            int last = Math.max(first + 1, Math.min(frames, (end + hop / 2) / hop));
            double f = 0;
            double c = 0;
            for (int t = first; t < last; t++) {
                f += flatness[t];
                c += centroid[t];
            }
            segments.add(new SegmentFeatures(start, end, SegmentFeatures.levelDb(audio, start, end),
                    new double[] {f / (last - first), c / (last - first)}));
        }
        return ClipFeatures.ofSegments(segments);
    }
}
