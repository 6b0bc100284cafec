// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.quality;

import dev.flowvox.core.dsp.Stft;
import dev.flowvox.core.dsp.StftConfig;
import java.util.Arrays;

/**
 * Log-spectral distance between a reference signal and a test signal, in dB:
 * {@code mean over frames t of sqrt(mean over bins k of (10·log10((P_ref[k,t] + ε) / (P_test[k,t] + ε)))²)}
 * where P = |X|² is the power of a centred 2048-point STFT (hop 512, periodic Hann 2048) and
 * ε = {@value #POWER_EPSILON} keeps silent bins finite (a magnitude floor of 1e-5, like the
 * log-mel's).
 *
 * <p>Alignment: both signals are assumed to start together; the longer one is truncated to the
 * shorter's length and no delay is searched for. Gains matter: y = 2x is 6.02 dB from x.
 *
 * <p>Not thread-safe (owns an STFT).
 */
public final class LogSpectralDistance {
    /** The STFT: 2048-point FFT, hop 512, window 2048. */
    public static final StftConfig FRAMING = new StftConfig(2048, 512, 2048);
    /** Added to every power before the log. */
    public static final double POWER_EPSILON = 1e-10;

    private final Stft stft = new Stft(FRAMING);

    /**
     * @param reference the reference signal, non-empty
     * @param test the signal to score, non-empty, same rate
     * @return the distance in dB, >= 0
     */
    public double between(float[] reference, float[] test) {
        int length = Math.min(reference.length, test.length);
        if (length == 0) {
            throw new IllegalArgumentException("signals of " + reference.length + " and " + test.length
                    + " samples; expected both non-empty");
        }
        float[][] a = stft.magnitude(Arrays.copyOf(reference, length));
        float[][] b = stft.magnitude(Arrays.copyOf(test, length));
        int bins = a.length;
        int frames = a[0].length;
        double total = 0;
        for (int t = 0; t < frames; t++) {
            double squares = 0;
            for (int k = 0; k < bins; k++) {
                double pa = (double) a[k][t] * a[k][t];
                double pb = (double) b[k][t] * b[k][t];
                double db = 10 * Math.log10((pa + POWER_EPSILON) / (pb + POWER_EPSILON));
                squares += db * db;
            }
            total += Math.sqrt(squares / bins);
        }
        return total / frames;
    }
}
