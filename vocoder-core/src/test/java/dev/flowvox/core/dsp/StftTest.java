// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StftTest {

    @Test
    void reflectIndexingMatchesNumpyPadReflectEvenBeyondOneMirror() {
        int[] expected = {1, 2, 1, 0, 1, 2, 1, 0, 1, 2, 1};
        int[] actual = new int[expected.length];
        for (int i = 0; i < expected.length; i++) {
            actual[i] = Stft.reflect(i - 7, 3);
        }
        assertArrayEquals(expected, actual);
        assertEquals(0, Stft.reflect(-5, 1));
    }

    @Test
    void frameCountIsOnePlusSamplesOverHop() {
        Stft stft = new Stft(new StftConfig(1024, 256, 1024));
        assertEquals(585, stft.magnitude(new float[149640])[0].length);
        assertEquals(1, stft.magnitude(new float[1])[0].length);
        assertEquals(513, stft.magnitude(new float[300]).length);
    }

    @Test
    void binCentredSineHasMagnitudeOfHalfAmplitudeTimesWindowSum() {
        int fft = 1024;
        double frequency = 64 * 22050.0 / fft;
        float[] x = Signals.sine(frequency, 0.5, 22050, 22050, 0.4);
        float[][] magnitude = new Stft(new StftConfig(fft, 256, fft)).magnitude(x);

        double expected = 0.5 * (fft / 2.0) / 2;
        assertEquals(expected, magnitude[64][40], 1e-3 * expected);
        assertEquals(expected / 2, magnitude[63][40], 1e-3 * expected);
        assertEquals(0, magnitude[70][40], 1e-4 * expected);
    }

    @Test
    void shortWindowIsZeroPaddedCentrally() {
        double[] window = new StftConfig(8, 2, 4).window();
        assertArrayEquals(new double[] {0, 0, 0, 0.5, 1, 0.5, 0, 0}, window, 1e-15);
    }
}
