// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.audio;

import be.tarsos.dsp.SilenceDetector;

import dev.flowvox.core.audio.AudioClip;

import java.util.Arrays;

/**
 * Removes leading and trailing silence from a clip (a synthesizer's padding before the mel is
 * computed), keeping a margin of audio on each side. A window of {@value #WINDOW_MS} ms is silent when
 * TarsosDSP's {@link SilenceDetector} finds it below the threshold. TarsosDSP's level is
 * {@code 20 log10(sqrt(Σ x²) / n)}, i.e. the RMS level minus {@code 10 log10(n)} dB; this class
 * takes the threshold as an RMS level in dBFS and converts it for the window length.
 *
 * @param thresholdDbfs RMS level below which a window is silent, dBFS (e.g. -50), below 0
 * @param marginMs audio kept before the first and after the last loud window, ms, >= 0
 */
public record SilenceTrimmer(double thresholdDbfs, int marginMs) {

    /** -50 dBFS, 40 ms margins. */
    public static final SilenceTrimmer DEFAULT = new SilenceTrimmer(-50, 40);

    static final int WINDOW_MS = 10;

    /** Checks the ranges. */
    public SilenceTrimmer {
        if (!(thresholdDbfs < 0)) {
            throw new IllegalArgumentException("silence threshold " + thresholdDbfs + " dBFS; expected < 0");
        }
        if (marginMs < 0) {
            throw new IllegalArgumentException("margin " + marginMs + " ms; expected >= 0");
        }
    }

    /**
     * @param clip the audio
     * @return the audio from {@code margin} before the first loud window to {@code margin} after the
     *     last; the clip itself if it has no loud window (nothing to keep is better guessed by the caller)
     */
    public AudioClip trim(AudioClip clip) {
        int window = Math.max(1, clip.sampleRate() * WINDOW_MS / 1000);
        SilenceDetector detector = new SilenceDetector(thresholdDbfs - 10 * Math.log10(window), false);
        float[] samples = clip.samples();
        int windows = (samples.length + window - 1) / window;
        int first = -1;
        int last = -1;
        for (int w = 0; w < windows; w++) {
            float[] frame = Arrays.copyOfRange(samples, w * window, (w + 1) * window);
            if (!detector.isSilence(frame)) {
                if (first < 0) {
                    first = w;
                }
                last = w;
            }
        }
        if (first < 0) {
            return clip;
        }
        int margin = clip.sampleRate() * marginMs / 1000;
        int from = Math.max(0, first * window - margin);
        int to = Math.min(samples.length, (last + 1) * window + margin);
        return new AudioClip(Arrays.copyOfRange(samples, from, to), clip.sampleRate());
    }
}
