// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.quality;

import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.dsp.Yin;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * How far a resynthesis is from the original, on four measures (lower is better for all).
 *
 * @param logSpectralDistanceDb log-spectral distance of 2048-point linear spectra (dB), where harmonic
 *     detail shows
 * @param melL1 mean absolute difference of the log-mels (natural log)
 * @param f0RelativeError mean {@code |f0 − f0_ref| / f0_ref} over frames voiced in both (YIN); NaN if
 *     none
 * @param voicingError fraction of frames whose voiced/unvoiced decision differs from the original's
 */
public record QualityMetrics(double logSpectralDistanceDb, double melL1, double f0RelativeError, double voicingError) {

    /**
     * Mean of a measure over clips, skipping NaN values (the F0 error of a clip without frames voiced
     * in both).
     *
     * @param clips each clip's metrics
     * @param measure the measure
     * @return the mean, NaN when no clip has a value
     */
    public static double mean(List<QualityMetrics> clips, ToDoubleFunction<QualityMetrics> measure) {
        return clips.stream().mapToDouble(measure).filter(value -> !Double.isNaN(value)).average().orElse(Double.NaN);
    }

    /**
     * Compares a resynthesis with its original over their common length.
     *
     * @param original reference audio
     * @param test resynthesized audio
     * @param lsd log-spectral distance (not thread-safe, reused)
     * @param mel mel analysis (not thread-safe, reused)
     * @param yin pitch tracker (not thread-safe, reused)
     * @return the metrics
     */
    public static QualityMetrics compare(float[] original, float[] test, LogSpectralDistance lsd, MelSpectrogram mel,
            Yin yin) {
        int length = Math.min(original.length, test.length);
        float[] a = Arrays.copyOf(original, length);
        float[] b = Arrays.copyOf(test, length);
        PitchComparison pitch = PitchComparison.of(yin, a, b);
        return new QualityMetrics(lsd.between(a, b), MelDistance.l1(mel.compute(a), mel.compute(b)),
                pitch.meanRelativeError(), pitch.voicingDecisionError());
    }
}
