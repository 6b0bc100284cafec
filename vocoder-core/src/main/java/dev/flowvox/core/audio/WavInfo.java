// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.audio;

/**
 * What a WAV file's header says about its audio.
 *
 * @param channels interleaved channels, at least 1
 * @param sampleRate sample frames per second (Hz), positive
 * @param encoding how each sample is stored
 * @param frames sample frames (samples per channel), non-negative
 */
public record WavInfo(int channels, int sampleRate, WavEncoding encoding, long frames) {

    /** Validates counts and rate. */
    public WavInfo {
        if (channels < 1) {
            throw new IllegalArgumentException(channels + " channels; expected at least 1");
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate " + sampleRate + " Hz; expected > 0");
        }
        if (encoding == null) {
            throw new IllegalArgumentException("encoding must not be null");
        }
        if (frames < 0) {
            throw new IllegalArgumentException(frames + " frames; expected >= 0");
        }
    }

    /** @return the duration in seconds */
    public double durationSeconds() {
        return frames / (double) sampleRate;
    }
}
