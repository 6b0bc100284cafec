// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.client.anomaly;

import java.util.SplittableRandom;

/** Small signal helpers of the synthetic anomalies. */
final class Signals {

    private Signals() {
    }

    /** Root mean square of the samples (linear, full scale 1). */
    static double rms(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum / Math.max(1, x.length));
    }

    /** Largest absolute sample. */
    static float peak(float[] x) {
        float peak = 0;
        for (float v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        return peak;
    }

    /** The samples scaled to an RMS, then limited to [-1, 1]. */
    static float[] scaleToRms(float[] x, double target) {
        double current = rms(x);
        float gain = current > 0 ? (float) (target / current) : 0f;
        for (int i = 0; i < x.length; i++) {
            x[i] *= gain;
        }
        return limit(x);
    }

    /** Clamps every sample to [-1, 1], in place. */
    static float[] limit(float[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(-1f, Math.min(1f, x[i]));
        }
        return x;
    }

    /**
     * Pink noise by Paul Kellet's economy filter of white noise (within 0.5 dB of 1/f above 10 Hz at
     * 44.1 kHz).
     */
    static float[] pinkNoise(int length, SplittableRandom random) {
        float[] out = new float[length];
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        for (int i = 0; i < length; i++) {
            double white = random.nextGaussian();
            b0 = 0.99765 * b0 + white * 0.0990460;
            b1 = 0.96300 * b1 + white * 0.2965164;
            b2 = 0.57000 * b2 + white * 1.0526913;
            out[i] = (float) (b0 + b1 + b2 + white * 0.1848);
        }
        return out;
    }
}
