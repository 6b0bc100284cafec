// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

import java.util.SplittableRandom;

/**
 * Audio from a log-mel spectrogram without a neural vocoder, as a reference and fallback: the mel
 * is mapped to linear magnitudes by {@link MelInversion} (non-negative least squares), then the
 * phase is estimated by fast Griffin-Lim (Perraudin, Balazs and Søndergaard 2013), as librosa's
 * {@code griffinlim}: each iteration resynthesises, re-analyses, and extrapolates the phase with
 * momentum {@code α / (1 + α)} applied to the previous re-analysis.
 *
 * <p>The initial phase is uniform random from a {@link SplittableRandom} with the given seed, so a
 * seed gives the same audio every time. The output has {@code (frames - 1) · hop} samples,
 * NVIDIA's convention for a mel of {@code frames} frames.
 *
 * <p>Not thread-safe: an instance owns its STFT buffers.
 */
public final class GriffinLim {
    /** librosa's default iteration count. */
    public static final int DEFAULT_ITERATIONS = 60;
    /** librosa's default momentum α. */
    public static final double DEFAULT_MOMENTUM = 0.99;

    private final MelConfig config;
    private final MelInversion inversion;
    private final Stft stft;
    private final InverseStft inverseStft;
    private final int iterations;
    private final double momentum;

    /**
     * @param config the mel parameters; defaults of 60 iterations and momentum 0.99
     */
    public GriffinLim(MelConfig config) {
        this(config, DEFAULT_ITERATIONS, DEFAULT_MOMENTUM);
    }

    /**
     * @param config the mel parameters
     * @param iterations Griffin-Lim iterations, at least 0
     * @param momentum fast Griffin-Lim α in [0, 1); 0 is the classic algorithm
     */
    public GriffinLim(MelConfig config, int iterations, double momentum) {
        if (iterations < 0) {
            throw new IllegalArgumentException(iterations + " iterations; expected >= 0");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum " + momentum + "; expected in [0, 1)");
        }
        this.config = config;
        this.inversion = new MelInversion(config);
        this.stft = new Stft(config.stft());
        this.inverseStft = new InverseStft(config.stft());
        this.iterations = iterations;
        this.momentum = momentum;
    }

    /**
     * @param logMel {@code [nMels][frames]} natural-log mel magnitudes, frames >= 2
     * @param seed seeds the initial random phase
     * @return audio at {@code config.sampleRate()}, {@code (frames - 1) · hop} samples
     */
    public float[] synthesize(float[][] logMel, long seed) {
        float[][] magnitude = inversion.magnitude(logMel);
        int bins = magnitude.length;
        int frames = magnitude[0].length;
        if (frames < 2) {
            throw new IllegalArgumentException(frames + " mel frames; expected at least 2");
        }
        int length = (frames - 1) * config.hopLength();
        SplittableRandom random = new SplittableRandom(seed);
        float[][] phaseRe = new float[bins][frames];
        float[][] phaseIm = new float[bins][frames];
        for (int k = 0; k < bins; k++) {
            for (int t = 0; t < frames; t++) {
                double angle = 2 * Math.PI * random.nextDouble();
                phaseRe[k][t] = (float) Math.cos(angle);
                phaseIm[k][t] = (float) Math.sin(angle);
            }
        }
        double extrapolation = momentum / (1 + momentum);
        ComplexSpectrogram previous = null;
        for (int i = 0; i < iterations; i++) {
            float[] audio = inverseStft.inverse(withMagnitude(magnitude, phaseRe, phaseIm), length);
            ComplexSpectrogram rebuilt = stft.complex(audio);
            for (int k = 0; k < bins; k++) {
                for (int t = 0; t < frames; t++) {
                    double re = rebuilt.real()[k][t];
                    double im = rebuilt.imag()[k][t];
                    if (previous != null) {
                        re -= extrapolation * previous.real()[k][t];
                        im -= extrapolation * previous.imag()[k][t];
                    }
                    double norm = Math.hypot(re, im) + 1e-16;
                    phaseRe[k][t] = (float) (re / norm);
                    phaseIm[k][t] = (float) (im / norm);
                }
            }
            previous = rebuilt;
        }
        return inverseStft.inverse(withMagnitude(magnitude, phaseRe, phaseIm), length);
    }

    private static ComplexSpectrogram withMagnitude(float[][] magnitude, float[][] phaseRe, float[][] phaseIm) {
        float[][] real = new float[magnitude.length][];
        float[][] imag = new float[magnitude.length][];
        for (int k = 0; k < magnitude.length; k++) {
            int frames = magnitude[k].length;
            real[k] = new float[frames];
            imag[k] = new float[frames];
            for (int t = 0; t < frames; t++) {
                real[k][t] = magnitude[k][t] * phaseRe[k][t];
                imag[k][t] = magnitude[k][t] * phaseIm[k][t];
            }
        }
        return new ComplexSpectrogram(real, imag);
    }
}
