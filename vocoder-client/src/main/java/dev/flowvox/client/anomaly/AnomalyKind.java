// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.anomaly;

import dev.flowvox.core.dsp.Resampler;

import java.util.SplittableRandom;

/**
 * Synthetic anomalies made from normal speech, deterministically (a seed fixes every random choice).
 * Levels are matched to the speech where that keeps the anomaly about content, not loudness.
 */
public enum AnomalyKind {

    /** Gaussian white noise instead of the speech, at the speech's RMS. */
    WHITE_NOISE("white noise at the speech's RMS") {
        @Override
        float[] make(float[] speech, int rate, SplittableRandom random) {
            float[] out = new float[speech.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) random.nextGaussian();
            }
            return Signals.scaleToRms(out, Signals.rms(speech));
        }
    },
    /** Pink (1/f) noise instead of the speech, at the speech's RMS. */
    PINK_NOISE("pink (1/f) noise at the speech's RMS") {
        @Override
        float[] make(float[] speech, int rate, SplittableRandom random) {
            return Signals.scaleToRms(Signals.pinkNoise(speech.length, random), Signals.rms(speech));
        }
    },
    /** The speech hard-clipped at 15% of its peak, then brought back to its peak (overdrive). */
    HARD_CLIPPING("clipped at 15% of the peak, peak restored") {
        @Override
        float[] make(float[] speech, int rate, SplittableRandom random) {
            float peak = Signals.peak(speech);
            float limit = 0.15f * peak;
            float[] out = new float[speech.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.max(-limit, Math.min(limit, speech[i])) * (peak / limit);
            }
            return out;
        }
    },
    /** Four dropouts to digital zero of 150 ms each at random places. */
    DROPOUTS("4 dropouts to zero of 150 ms") {
        @Override
        float[] make(float[] speech, int rate, SplittableRandom random) {
            float[] out = speech.clone();
            int length = (int) (0.15 * rate);
            for (int d = 0; d < 4 && speech.length > length; d++) {
                int start = random.nextInt(speech.length - length);
                java.util.Arrays.fill(out, start, start + length, 0f);
            }
            return out;
        }
    },
    /** Clicks every 100 ms (two-sample spikes at half the peak, random sign) added to the speech. */
    CLICK_TRAIN("10 clicks/s at half the peak, added") {
        @Override
        float[] make(float[] speech, int rate, SplittableRandom random) {
            float[] out = speech.clone();
            float height = 0.5f * Signals.peak(speech);
            int period = rate / 10;
            for (int i = random.nextInt(period); i + 1 < out.length; i += period) {
                float spike = random.nextBoolean() ? height : -height;
                out[i] += spike;
                out[i + 1] -= spike;
            }
            return Signals.limit(out);
        }
    },
    /** A pure tone of 150–1500 Hz instead of the speech, at the speech's RMS. */
    PURE_TONE("sine of 150-1500 Hz at the speech's RMS") {
        @Override
        float[] make(float[] speech, int rate, SplittableRandom random) {
            double frequency = 150 * Math.pow(10, random.nextDouble());
            double phase = random.nextDouble() * 2 * Math.PI;
            float[] out = new float[speech.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) Math.sin(phase + 2 * Math.PI * frequency * i / rate);
            }
            return Signals.scaleToRms(out, Signals.rms(speech));
        }
    },
    /** The speech under white noise of equal power (0 dB SNR). */
    NOISY_SPEECH_0DB("speech plus white noise at 0 dB SNR") {
        @Override
        float[] make(float[] speech, int rate, SplittableRandom random) {
            float[] out = WHITE_NOISE.make(speech, rate, random);
            for (int i = 0; i < out.length; i++) {
                out[i] += speech[i];
            }
            return Signals.limit(out);
        }
    },
    /** The speech quantized to 8 bits (256 levels over [-1, 1]). */
    QUANTIZED_8BIT("8-bit quantization") {
        @Override
        float[] make(float[] speech, int rate, SplittableRandom random) {
            float[] out = new float[speech.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.round(speech[i] * 128) / 128f;
            }
            return out;
        }
    },
    /** The speech band-limited to 4 kHz (resampled to 8 kHz and back), like low-bitrate codecs. */
    LOW_PASS_4KHZ("band-limited to 4 kHz") {
        @Override
        float[] make(float[] speech, int rate, SplittableRandom random) {
            float[] narrow = new Resampler(rate, 8000).resample(speech);
            float[] back = new Resampler(8000, rate).resample(narrow);
            return java.util.Arrays.copyOf(back, speech.length);
        }
    },
    /** Speech recorded at 16 kHz played at the model's rate: 1.38x faster and higher. */
    RATE_MISMATCH("16 kHz audio played at 22.05 kHz (pitch and tempo x1.38)") {
        @Override
        float[] make(float[] speech, int rate, SplittableRandom random) {
            return new Resampler(rate, rate * 16000 / 22050).resample(speech);
        }
    },
    /** A constant offset of 0.1 added to the speech. */
    DC_OFFSET("DC offset of 0.1") {
        @Override
        float[] make(float[] speech, int rate, SplittableRandom random) {
            float[] out = new float[speech.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = speech[i] + 0.1f;
            }
            return Signals.limit(out);
        }
    },
    /** The speech with three echoes 120 ms apart, each at 0.6 of the previous. */
    ECHO("3 echoes 120 ms apart, decay 0.6") {
        @Override
        float[] make(float[] speech, int rate, SplittableRandom random) {
            float[] out = speech.clone();
            int delay = (int) (0.12 * rate);
            double gain = 1;
            for (int echo = 1; echo <= 3; echo++) {
                gain *= 0.6;
                for (int i = echo * delay; i < out.length; i++) {
                    out[i] += (float) (gain * speech[i - echo * delay]);
                }
            }
            return Signals.scaleToRms(out, Signals.rms(speech));
        }
    },
    /** The speech played backwards. */
    TIME_REVERSED("played backwards") {
        @Override
        float[] make(float[] speech, int rate, SplittableRandom random) {
            float[] out = new float[speech.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = speech[speech.length - 1 - i];
            }
            return out;
        }
    };

    private final String description;

    AnomalyKind(String description) {
        this.description = description;
    }

    /** What the anomaly is, in a few words. */
    public String description() {
        return description;
    }

    /**
     * Makes the anomaly from a clip of normal speech.
     *
     * @param speech mono samples in [-1, 1], at least one sample
     * @param sampleRate their rate (Hz)
     * @param seed fixes every random choice
     * @return the anomalous audio at the same rate, samples in [-1, 1]
     */
    public float[] apply(float[] speech, int sampleRate, long seed) {
        if (speech.length == 0) {
            throw new IllegalArgumentException("speech is empty; expected at least one sample");
        }
        return make(speech, sampleRate, new SplittableRandom(seed * 31 + ordinal()));
    }

    abstract float[] make(float[] speech, int rate, SplittableRandom random);
}
