// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

import java.util.SplittableRandom;

/**
 * Deterministic speech-like inputs for timing synthesis and scoring, where the content does not
 * matter but the value ranges should be realistic.
 */
public final class SyntheticSpeech {

    private SyntheticSpeech() {
    }

    /**
     * A log-mel with the range of real speech (values between about -11 and 2), slowly varying over
     * time and bands, plus noise.
     *
     * @param bands mel bands
     * @param frames frames
     * @return {@code [bands][frames]}
     */
    public static float[][] mel(int bands, int frames) {
        SplittableRandom random = new SplittableRandom(7);
        float[][] mel = new float[bands][frames];
        for (int band = 0; band < bands; band++) {
            for (int t = 0; t < frames; t++) {
                mel[band][t] = (float) (-6 + 2 * Math.sin(t / 7.0 + band / 11.0) - band * 0.03 + random.nextGaussian());
            }
        }
        return mel;
    }

    /**
     * A voiced, vowel-like signal: ten harmonics of a pitch gliding between 90 and 150 Hz, with a
     * little noise; peak amplitude about 0.5.
     *
     * @param samples length
     * @param rate sample rate (Hz)
     * @return the audio
     */
    public static float[] audio(int samples, int rate) {
        SplittableRandom random = new SplittableRandom(11);
        float[] audio = new float[samples];
        double phase = 0;
        for (int n = 0; n < samples; n++) {
            double f0 = 120 + 30 * Math.sin(2 * Math.PI * 0.7 * n / rate);
            phase += 2 * Math.PI * f0 / rate;
            double value = 0;
            for (int h = 1; h <= 10; h++) {
                value += Math.sin(h * phase) / h;
            }
            audio[n] = (float) (0.15 * value + 0.01 * random.nextGaussian());
        }
        return audio;
    }
}
