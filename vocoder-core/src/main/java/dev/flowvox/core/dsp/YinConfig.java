// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

/**
 * Parameters of the {@link Yin} pitch tracker. Lags searched are
 * {@code [floor(rate / fMax), ceil(rate / fMin)]} samples; the difference function integrates over
 * {@code frameLength - maxLag} samples, which must be at least {@code maxLag}.
 *
 * @param sampleRate audio rate, Hz
 * @param frameLength analysis frame, samples
 * @param hopLength frame advance, samples, at least 1
 * @param fMin lowest detectable f0, Hz, positive
 * @param fMax highest detectable f0, Hz, above fMin and below rate / 2
 * @param threshold absolute threshold on the normalised difference, in (0, 1); the paper uses 0.1
 */
public record YinConfig(int sampleRate, int frameLength, int hopLength, double fMin, double fMax,
        double threshold) {

    /** Validates ranges and that the frame holds two periods of fMin. */
    public YinConfig {
        if (sampleRate <= 0 || hopLength < 1) {
            throw new IllegalArgumentException("rate " + sampleRate + " Hz and hop " + hopLength
                    + "; expected both positive");
        }
        if (!(fMin > 0 && fMin < fMax && fMax < sampleRate / 2.0)) {
            throw new IllegalArgumentException("f0 range " + fMin + ".." + fMax
                    + " Hz; expected 0 < fMin < fMax < " + sampleRate / 2.0);
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold " + threshold + "; expected in (0, 1)");
        }
        int maxLag = (int) Math.ceil(sampleRate / fMin);
        if (frameLength < 2 * maxLag) {
            throw new IllegalArgumentException("frame of " + frameLength + " samples; expected at least "
                    + 2 * maxLag + " (two periods of fMin " + fMin + " Hz)");
        }
    }

    /**
     * @param sampleRate audio rate, Hz
     * @return speech defaults: f0 in 60..500 Hz, a frame of two periods of 60 Hz rounded up to a
     *     power of two (1024 samples at 22050 Hz), hop 256, threshold 0.1
     */
    public static YinConfig speech(int sampleRate) {
        int twoPeriods = 2 * (int) Math.ceil(sampleRate / 60.0);
        int frame = Integer.highestOneBit(twoPeriods - 1) << 1;
        return new YinConfig(sampleRate, frame, 256, 60, 500, 0.1);
    }

    /** @return the smallest lag searched, samples */
    public int minLag() {
        return (int) Math.floor(sampleRate / fMax);
    }

    /** @return the largest lag searched, samples */
    public int maxLag() {
        return (int) Math.ceil(sampleRate / fMin);
    }

    /**
     * @param samples signal length
     * @return frames, {@code 1 + (samples - frameLength) / hop}, or 0 if the signal is shorter
     *     than one frame
     */
    public int frames(int samples) {
        return samples < frameLength ? 0 : 1 + (samples - frameLength) / hopLength;
    }
}
