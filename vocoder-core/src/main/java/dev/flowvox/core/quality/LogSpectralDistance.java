// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.quality;

import dev.flowvox.core.dsp.Stft;
import dev.flowvox.core.dsp.StftConfig;
import java.util.Arrays;

/**
 * Log-spectral distance between a reference signal and a test signal, in dB:
 * {@code mean over frames t of sqrt(mean over bins k of (10·log10(max(P_ref[k,t], F) / max(P_test[k,t], F)))²)}
 * where P = |X|² is the power of a centred 2048-point STFT (hop 512, periodic Hann 2048), the bins
 * run from 0 Hz up to {@code maxFrequencyHz} (the band a mel spectrogram describes; nothing above it
 * can be recovered from the mel), and the floor {@code F} lies {@value #DYNAMIC_RANGE_DB} dB below the
 * reference's peak power, so that near-silent bins count as equal instead of dominating the mean
 * (an absolute floor of {@value #MIN_FLOOR} applies to all-silent references).
 *
 * <p>Alignment: both signals are assumed to start together; the longer one is truncated to the
 * shorter's length and no delay is searched for. Gains matter: y = 2x is 6.02 dB from x.
 *
 * <p>Not thread-safe (owns an STFT).
 */
public final class LogSpectralDistance {
    /** The STFT: 2048-point FFT, hop 512, window 2048. */
    public static final StftConfig FRAMING = new StftConfig(2048, 512, 2048);
    /** Dynamic range below the reference's peak power that is compared. */
    public static final double DYNAMIC_RANGE_DB = 80;
    /** Power floor when the reference is silent. */
    public static final double MIN_FLOOR = 1e-10;

    private final Stft stft = new Stft(FRAMING);
    private final int bins;

    /**
     * @param sampleRate rate of the signals (Hz)
     * @param maxFrequencyHz highest frequency compared (Hz), at most the Nyquist frequency
     */
    public LogSpectralDistance(int sampleRate, double maxFrequencyHz) {
        if (!(maxFrequencyHz > 0) || maxFrequencyHz > sampleRate / 2.0) {
            throw new IllegalArgumentException("max frequency " + maxFrequencyHz + " Hz; expected in (0, "
                    + sampleRate / 2.0 + "]");
        }
        this.bins = (int) Math.floor(maxFrequencyHz * FRAMING.fftSize() / sampleRate) + 1;
    }

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
        int frames = a[0].length;
        double peak = 0;
        for (int k = 0; k < bins; k++) {
            for (int t = 0; t < frames; t++) {
                peak = Math.max(peak, (double) a[k][t] * a[k][t]);
            }
        }
        double floor = Math.max(MIN_FLOOR, peak * Math.pow(10, -DYNAMIC_RANGE_DB / 10));
        double total = 0;
        for (int t = 0; t < frames; t++) {
            double squares = 0;
            for (int k = 0; k < bins; k++) {
                double pa = Math.max(floor, (double) a[k][t] * a[k][t]);
                double pb = Math.max(floor, (double) b[k][t] * b[k][t]);
                double db = 10 * Math.log10(pa / pb);
                squares += db * db;
            }
            total += Math.sqrt(squares / bins);
        }
        return total / frames;
    }
}
