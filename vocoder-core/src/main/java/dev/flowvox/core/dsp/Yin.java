// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

/**
 * The YIN fundamental-frequency estimator of de Cheveigné and Kawahara, "YIN, a fundamental
 * frequency estimator for speech and music", JASA 111(4), 2002. Implements steps 2 to 5 of the
 * paper; step 6 (best local estimate) is omitted. A frame whose normalised difference never dips
 * below the threshold in the lag range is reported unvoiced (the paper would take the global
 * minimum instead), as are silent frames.
 *
 * <p>Work buffers are allocated once; not thread-safe. Each call returns a new {@link PitchTrack}.
 */
public final class Yin {
    private final YinConfig config;
    private final double[] difference;
    private final double[] normalized;

    /**
     * @param config rate, framing, f0 range and threshold
     */
    public Yin(YinConfig config) {
        this.config = config;
        this.difference = new double[config.maxLag() + 2];
        this.normalized = new double[config.maxLag() + 2];
    }

    /** @return the parameters */
    public YinConfig config() {
        return config;
    }

    /**
     * @param audio mono samples at {@code config.sampleRate()}
     * @return f0 and voicing for {@link YinConfig#frames(int)} frames
     */
    public PitchTrack track(float[] audio) {
        int frames = config.frames(audio.length);
        float[] f0 = new float[frames];
        boolean[] voiced = new boolean[frames];
        for (int t = 0; t < frames; t++) {
            double lag = estimateLag(audio, t * config.hopLength());
            if (lag > 0) {
                f0[t] = (float) (config.sampleRate() / lag);
                voiced[t] = true;
            }
        }
        return new PitchTrack(f0, voiced);
    }

    /** @return the period in samples (fractional), or 0 if the frame is unvoiced */
    private double estimateLag(float[] audio, int start) {
        int maxLag = config.maxLag() + 1;
        int window = config.frameLength() - maxLag;
        // Step 2: difference function d(τ) = Σ_{j<W} (x_j - x_{j+τ})².
        for (int tau = 1; tau <= maxLag; tau++) {
            double sum = 0;
            for (int j = 0; j < window; j++) {
                double delta = audio[start + j] - audio[start + j + tau];
                sum += delta * delta;
            }
            difference[tau] = sum;
        }
        return period(difference, normalized, Math.max(2, config.minLag()), maxLag, config.threshold());
    }

    /**
     * YIN's steps 3 to 5 on a difference function: the cumulative mean normalised difference
     * {@code d'(τ) = d(τ) · τ / Σ_{k≤τ} d(k)}, {@code d'(0) = 1}; the first lag whose d' dips below the
     * threshold, followed to its minimum; a parabolic interpolation through its neighbours.
     *
     * @param difference {@code d(τ)} for τ in {@code [1, end]}
     * @param normalized receives {@code d'(τ)} for τ in {@code [0, end]}
     * @param minLag the smallest lag searched, at least 1
     * @param end lags searched are below it
     * @param threshold absolute threshold on d'
     * @return the period in samples (fractional), or 0 if d' never dips below the threshold
     */
    static double period(double[] difference, double[] normalized, int minLag, int end, double threshold) {
        normalized[0] = 1;
        double running = 0;
        for (int tau = 1; tau <= end; tau++) {
            running += difference[tau];
            normalized[tau] = running > 0 ? difference[tau] * tau / running : 1;
        }
        int tau = minLag;
        while (tau < end && normalized[tau] >= threshold) {
            tau++;
        }
        if (tau == end) {
            return 0;
        }
        while (tau + 1 < end && normalized[tau + 1] < normalized[tau]) {
            tau++;
        }
        double left = normalized[tau - 1];
        double centre = normalized[tau];
        double right = normalized[tau + 1];
        double curvature = left - 2 * centre + right;
        double shift = curvature > 0 ? 0.5 * (left - right) / curvature : 0;
        return tau + shift;
    }
}
