// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.tts;

import dev.flowvox.client.audio.SilenceTrimmer;
import dev.flowvox.core.audio.AudioClip;
import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.MelSpectrogram;
import dev.flowvox.core.dsp.Resampler;

/**
 * Turns a synthesizer's audio into the vocoder's mel ("copy synthesis" front ends): (1) trim leading
 * and trailing silence, (2) resample to 22050 Hz, (3) NVIDIA's log-mel. A clip of n samples at
 * 22050 Hz after trimming gives {@code 1 + n / 256} frames. Thread-safe.
 */
public final class MelAnalyzer {

    private final MelSpectrogram mel = new MelSpectrogram(MelConfig.nvidia22050());
    private final SilenceTrimmer trimmer;

    /**
     * @param trimmer how to trim silence; {@code null} keeps the audio whole
     */
    public MelAnalyzer(SilenceTrimmer trimmer) {
        this.trimmer = trimmer;
    }

    /** @return the rate of the mels, 22050 Hz */
    public int sampleRate() {
        return mel.config().sampleRate();
    }

    /**
     * @param audio mono audio at 8000 to 192000 Hz
     * @return {@code [80][frames]}
     */
    public float[][] analyze(AudioClip audio) {
        AudioClip trimmed = trimmer == null ? audio : trimmer.trim(audio);
        float[] samples = trimmed.sampleRate() == sampleRate() ? trimmed.samples()
                : new Resampler(trimmed.sampleRate(), sampleRate()).resample(trimmed.samples());
        if (samples.length == 0) {
            throw new IllegalArgumentException("no audio to analyze; expected at least one sample");
        }
        return mel.compute(samples);
    }
}
