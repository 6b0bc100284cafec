// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatentNoiseTest {

    @Test
    void chunksDrawTheSameValuesAsOnePass() {
        LatentNoise noise = new LatentNoise(42, 8);
        float[] whole = noise.draw(0, 100);
        float[] tail = noise.draw(37, 63);
        for (int c = 0; c < 8; c++) {
            for (int t = 0; t < 63; t++) {
                assertEquals(whole[c * 100 + 37 + t], tail[c * 63 + t], 0.0);
            }
        }
    }

    @Test
    void sameSeedSameNoiseOtherSeedOtherNoise() {
        assertArrayEquals(new LatentNoise(7, 16).draw(5, 10), new LatentNoise(7, 16).draw(5, 10));
        assertNotEquals(new LatentNoise(7, 16).value(5, 3), new LatentNoise(8, 16).value(5, 3));
    }

    @Test
    void valuesAreStandardNormal() {
        LatentNoise noise = new LatentNoise(1234, 256);
        float[] z = noise.draw(0, 2000);
        double mean = 0;
        double square = 0;
        double fourth = 0;
        int beyondTwo = 0;
        for (float v : z) {
            mean += v;
            square += v * v;
            fourth += (double) v * v * v * v;
            if (Math.abs(v) > 2) {
                beyondTwo++;
            }
        }
        int n = z.length;
        mean /= n;
        double variance = square / n - mean * mean;
        assertEquals(0, mean, 5 * Math.sqrt(1.0 / n), "mean");
        assertEquals(1, variance, 5 * Math.sqrt(2.0 / n), "variance");
        assertEquals(3, fourth / n, 0.05, "fourth moment");
        double tail = (double) beyondTwo / n;
        assertTrue(Math.abs(tail - 0.0455) < 0.002, "P(|z| > 2) = " + tail + ", expected 0.0455");
    }
}
