// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

/**
 * Fundamental frequency read from a log-mel spectrogram alone, frame by frame. Each frame's linear
 * magnitudes are recovered with {@link MelInversion}; their power spectrum is the frame's
 * autocorrelation (Wiener–Khinchin), corrected for the analysis window's own autocorrelation; on that
 * the steps of {@link Yin} pick the period: the difference {@code d(τ) = 2(r(0) - r(τ))}, its
 * cumulative-mean normalisation, the first dip below the threshold and a parabolic refinement. The
 * NVIDIA mel resolves the harmonics of speech below about 1 kHz (bands 38 Hz apart), which is what
 * the period rests on.
 *
 * <p>Each frame's estimate depends on that frame alone, so a track built piece by piece equals the
 * track of the whole mel. Immutable and thread-safe.
 */
public final class MelPitch {
    /**
     * FISTA iterations of the magnitude recovery: the estimate is settled by then. Other users of the
     * same magnitudes ({@code MelRefinement}) invert with as many, so one inversion serves both.
     */
    public static final int INVERSION_ITERATIONS = 30;

    private final MelConfig config;
    private final MelInversion inversion;
    private final double threshold;
    private final int minLag;
    private final int maxLag;
    private final double[] windowCorrelation;

    /**
     * @param config the mel parameters the log-mel was computed with
     * @param threshold YIN's absolute threshold on the normalised difference, in (0, 1)
     * @param fMin lowest f0 searched, Hz
     * @param fMax highest f0 searched, Hz
     */
    public MelPitch(MelConfig config, double threshold, double fMin, double fMax) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold " + threshold + "; expected in (0, 1)");
        }
        this.minLag = Math.max(2, (int) Math.floor(config.sampleRate() / fMax));
        this.maxLag = (int) Math.ceil(config.sampleRate() / fMin);
        if (!(fMin > 0 && fMin < fMax) || 2 * (maxLag + 2) > config.winLength()) {
            throw new IllegalArgumentException("f0 range " + fMin + ".." + fMax + " Hz; expected 0 < fMin < fMax with "
                    + "two periods of fMin inside the " + config.winLength() + "-sample window");
        }
        this.config = config;
        this.inversion = new MelInversion(config, INVERSION_ITERATIONS);
        this.threshold = threshold;
        this.windowCorrelation = windowCorrelation(config, maxLag + 1);
    }

    /**
     * @param config the mel parameters
     * @return an estimator for speech: threshold 0.1, f0 in 60..500 Hz (as {@link YinConfig#speech})
     */
    public static MelPitch speech(MelConfig config) {
        return speech(config, 0.1);
    }

    /**
     * @param config the mel parameters
     * @param threshold YIN's absolute threshold, in (0, 1)
     * @return an estimator for speech: f0 in 60..500 Hz, the lower end raised where the analysis
     *     window holds fewer than two periods of 60 Hz (short windows at high rates)
     */
    public static MelPitch speech(MelConfig config, double threshold) {
        double lowest = Math.max(60, config.sampleRate() / (config.winLength() / 2.0 - 3));
        return new MelPitch(config, threshold, lowest, Math.max(500, 2 * lowest));
    }

    /** The largest period searched, samples. */
    public int maxLag() {
        return maxLag;
    }

    /**
     * @param logMel {@code [n_mel][frames]} natural-log mel magnitudes
     * @return per mel frame, f0 and voicing (frame t is centred on sample {@code t · hop})
     */
    public PitchTrack track(float[][] logMel) {
        return trackMagnitudes(inversion.magnitude(logMel));
    }

    /**
     * {@link #track} for a caller that has already recovered the magnitudes.
     *
     * @param magnitude {@code [filter_length/2 + 1][frames]}: {@link MelInversion} of the log-mel with
     *     {@value #INVERSION_ITERATIONS} iterations
     * @return per frame, f0 and voicing
     */
    public PitchTrack trackMagnitudes(float[][] magnitude) {
        int frames = magnitude[0].length;
        int size = config.filterLength();
        int bins = size / 2 + 1;
        RealFft fft = new RealFft(size);
        double[] re = new double[bins];
        double[] im = new double[bins];
        double[] correlation = new double[size];
        double[] difference = new double[maxLag + 1];
        double[] normalized = new double[maxLag + 1];
        float[] f0 = new float[frames];
        boolean[] voiced = new boolean[frames];
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < bins; k++) {
                double m = magnitude[k][t];
                re[k] = m * m;
                im[k] = 0;
            }
            fft.inverse(re, im, correlation);
            if (correlation[0] > 0) {
                for (int tau = 1; tau <= maxLag; tau++) {
                    difference[tau] = 2 * (correlation[0] - correlation[tau] * windowCorrelation[tau]);
                }
                double lag = Yin.period(difference, normalized, minLag, maxLag, threshold);
                if (lag > 0) {
                    f0[t] = (float) (config.sampleRate() / lag);
                    voiced[t] = true;
                }
            }
        }
        return new PitchTrack(f0, voiced);
    }

    /**
     * {@code w(0) / w(τ)} for the periodic Hann analysis window: the factor that undoes the window's
     * taper of the autocorrelation at lag τ.
     */
    private static double[] windowCorrelation(MelConfig config, int lags) {
        int length = config.winLength();
        double[] window = new double[length];
        for (int j = 0; j < length; j++) {
            window[j] = 0.5 - 0.5 * Math.cos(2 * Math.PI * j / length);
        }
        double[] correlation = new double[lags];
        for (int tau = 0; tau < lags; tau++) {
            double sum = 0;
            for (int j = 0; j + tau < length; j++) {
                sum += window[j] * window[j + tau];
            }
            correlation[tau] = sum;
        }
        double[] factor = new double[lags];
        for (int tau = 0; tau < lags; tau++) {
            factor[tau] = correlation[0] / correlation[tau];
        }
        return factor;
    }
}
