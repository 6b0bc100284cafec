// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.audio;

import java.util.Arrays;

/**
 * Mono audio: float samples, nominally in [-1, 1] (16-bit PCM maps by /32768), at a sample rate.
 *
 * <p>The sample array is not copied: the clip is a view over the caller's array, so a caller that
 * keeps mutating it must copy first. Samples outside [-1, 1] are allowed (vocoder output and
 * resampled full-scale audio overshoot slightly); 16-bit WAV writing clips them. Non-finite
 * samples are rejected. {@link #equals} compares contents.
 *
 * @param samples the samples, one per time step
 * @param sampleRate samples per second (Hz), positive
 */
public record AudioClip(float[] samples, int sampleRate) {

    /** Validates the rate and that every sample is finite. */
    public AudioClip {
        if (samples == null) {
            throw new IllegalArgumentException("samples must not be null");
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate " + sampleRate + " Hz; expected > 0");
        }
        for (int i = 0; i < samples.length; i++) {
            if (!Float.isFinite(samples[i])) {
                throw new IllegalArgumentException(
                        "sample " + i + " is " + samples[i] + "; expected a finite value");
            }
        }
    }

    /** @return the number of samples */
    public int length() {
        return samples.length;
    }

    /** @return the duration in seconds */
    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AudioClip that
                && sampleRate == that.sampleRate
                && Arrays.equals(samples, that.samples);
    }

    @Override
    public int hashCode() {
        return 31 * sampleRate + Arrays.hashCode(samples);
    }

    @Override
    public String toString() {
        return "AudioClip[" + samples.length + " samples, " + sampleRate + " Hz]";
    }
}
