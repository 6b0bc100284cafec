// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogSpectralDistanceTest {

    @Test
    void identicalSignalsAreZeroDecibelsApart() {
        float[] x = noise(1, 0.1, 22050);
        assertEquals(0.0, new LogSpectralDistance().between(x, x), 0.0);
    }

    @Test
    void doublingTheAmplitudeIsTwentyLog10TwoDecibels() {
        float[] x = noise(2, 0.1, 22050);
        float[] doubled = new float[x.length];
        for (int n = 0; n < x.length; n++) {
            doubled[n] = 2 * x[n];
        }
        assertEquals(20 * Math.log10(2), new LogSpectralDistance().between(x, doubled), 1e-4);
    }

    @Test
    void silenceAgainstFullBandNoiseIsBoundedByTheEpsilon() {
        float[] silence = new float[8192];
        float[] x = noise(3, 0.1, 8192);
        double distance = new LogSpectralDistance().between(silence, x);
        assertEquals(distance, new LogSpectralDistance().between(x, silence), 1e-9, "symmetric in magnitude");
        assertEquals(100 + 10 * Math.log10(0.01 * 2048 * 0.375), distance, 3.0,
                "about 10·log10(E|X|² / 1e-10) dB for white noise of variance 0.01");
    }

    @Test
    void theLongerSignalIsTruncatedToTheShorter() {
        float[] x = noise(4, 0.1, 10000);
        float[] longer = Arrays.copyOf(x, 15000);
        longer[12000] = 1f;
        assertEquals(0.0, new LogSpectralDistance().between(x, longer), 0.0);
    }

    private static float[] noise(long seed, double sigma, int length) {
        Random random = new Random(seed);
        float[] x = new float[length];
        for (int n = 0; n < length; n++) {
            x[n] = (float) (sigma * random.nextGaussian());
        }
        return x;
    }
}
