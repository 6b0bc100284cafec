// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RealFftTest {

    @Test
    void forwardMatchesDirectDftForEverySizeUpTo1024() {
        for (int size = 2; size <= 1024; size *= 2) {
            double[] x = randomSignal(size, size);
            double[] re = new double[size / 2 + 1];
            double[] im = new double[size / 2 + 1];
            new RealFft(size).forward(x, re, im);
            for (int k = 0; k <= size / 2; k++) {
                double dr = 0;
                double di = 0;
                for (int n = 0; n < size; n++) {
                    dr += x[n] * Math.cos(2 * Math.PI * k * n / size);
                    di -= x[n] * Math.sin(2 * Math.PI * k * n / size);
                }
                assertEquals(dr, re[k], 1e-10 * size, "Re X[" + k + "] at size " + size);
                assertEquals(di, im[k], 1e-10 * size, "Im X[" + k + "] at size " + size);
            }
        }
    }

    @Test
    void inverseUndoesForwardToRoundOff() {
        for (int size = 2; size <= 4096; size *= 2) {
            RealFft fft = new RealFft(size);
            double[] x = randomSignal(size, 7 + size);
            double[] re = new double[size / 2 + 1];
            double[] im = new double[size / 2 + 1];
            double[] back = new double[size];
            fft.forward(x, re, im);
            fft.inverse(re, im, back);
            for (int n = 0; n < size; n++) {
                assertEquals(x[n], back[n], 1e-13, "sample " + n + " at size " + size);
            }
        }
    }

    @Test
    void inverseIgnoresImaginaryPartsOfDcAndNyquistLikeNumpy() {
        RealFft fft = new RealFft(8);
        double[] re = {8, 0, 0, 0, 0};
        double[] im = {5, 0, 0, 0, -3};
        double[] out = new double[8];
        fft.inverse(re, im, out);
        for (double sample : out) {
            assertEquals(1.0, sample, 1e-15);
        }
    }

    @Test
    void nonPowerOfTwoSizeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RealFft(1000));
        assertEquals("FFT size 1000; expected a power of two >= 2", e.getMessage());
    }

    private static double[] randomSignal(int size, long seed) {
        Random random = new Random(seed);
        double[] x = new double[size];
        for (int n = 0; n < size; n++) {
            x[n] = random.nextGaussian();
        }
        return x;
    }
}
