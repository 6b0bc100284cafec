// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

import java.util.Random;

/** Analytic test signals and measurements on them. */
final class Signals {
    private Signals() {}

    /**
     * @return {@code amplitude · sin(2π · frequency · n / rate + phase)} for n in [0, length)
     */
    static float[] sine(double frequency, double amplitude, int rate, int length, double phase) {
        float[] x = new float[length];
        for (int n = 0; n < length; n++) {
            x[n] = (float) (amplitude * Math.sin(2 * Math.PI * frequency * n / rate + phase));
        }
        return x;
    }

    /** @return the root mean square of x[from, to) */
    static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int n = from; n < to; n++) {
            sum += (double) x[n] * x[n];
        }
        return Math.sqrt(sum / (to - from));
    }

    /** @return 10·log10(signal energy / error energy) over [from, to), in dB */
    static double snrDb(float[] reference, float[] actual, int from, int to) {
        double signal = 0;
        double error = 0;
        for (int n = from; n < to; n++) {
            signal += (double) reference[n] * reference[n];
            double d = (double) actual[n] - reference[n];
            error += d * d;
        }
        return 10 * Math.log10(signal / error);
    }

    /** @return seeded Gaussian noise of the given standard deviation */
    static float[] noise(long seed, double sigma, int length) {
        Random random = new Random(seed);
        float[] x = new float[length];
        for (int n = 0; n < length; n++) {
            x[n] = (float) (sigma * random.nextGaussian());
        }
        return x;
    }
}
