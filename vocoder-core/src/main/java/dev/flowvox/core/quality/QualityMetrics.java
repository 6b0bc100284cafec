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
 * @param bothVoicedFrames frames voiced in both (YIN)
 * @param grossF0Errors frames voiced in both whose f0 is off by more than {@value PitchComparison#GROSS_ERROR}
 * @param fineF0RelativeError mean {@code |f0 − f0_ref| / f0_ref} over the other frames voiced in both; NaN
 *     if none
 */
public record QualityMetrics(double logSpectralDistanceDb, double melL1, double f0RelativeError, double voicingError,
        int bothVoicedFrames, int grossF0Errors, double fineF0RelativeError) {

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
     * Share of all clips' frames voiced in both whose f0 is grossly wrong: pooled over frames, so a clip
     * with few voiced frames weighs as little as it holds (the per-clip mean of {@link #f0RelativeError}
     * lets one octave error in a clip of four such frames move the mean over a hundred clips).
     *
     * @param clips each clip's metrics
     * @return the share, NaN when no frame is voiced in both
     */
    public static double grossF0ErrorRate(List<QualityMetrics> clips) {
        int both = clips.stream().mapToInt(QualityMetrics::bothVoicedFrames).sum();
        return both == 0 ? Double.NaN : clips.stream().mapToInt(QualityMetrics::grossF0Errors).sum() / (double) both;
    }

    /**
     * Mean relative f0 error over all clips' frames voiced in both and not grossly wrong, pooled over
     * frames: the precision of the pitch where it is right.
     *
     * @param clips each clip's metrics
     * @return the mean, NaN when there is no such frame
     */
    public static double fineF0RelativeError(List<QualityMetrics> clips) {
        double sum = 0;
        int frames = 0;
        for (QualityMetrics clip : clips) {
            int fine = clip.bothVoicedFrames() - clip.grossF0Errors();
            if (fine > 0) {
                sum += clip.fineF0RelativeError() * fine;
                frames += fine;
            }
        }
        return frames == 0 ? Double.NaN : sum / frames;
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
                pitch.meanRelativeError(), pitch.voicingDecisionError(), pitch.bothVoicedFrames(), pitch.grossErrors(),
                pitch.fineRelativeError());
    }
}
