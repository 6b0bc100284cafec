// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

import static dev.flowvox.core.flow.TestArrays.largestDifference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InverseStftTest {

    @Test
    void inverseOfStftReproducesTheWholeSignalIncludingEnds() {
        StftConfig config = new StftConfig(1024, 256, 1024);
        for (int length : new int[] {22050, 1000, 513, 300, 2}) {
            float[] x = Signals.noise(length, 0.3, length);
            float[] back = new InverseStft(config).inverse(new Stft(config).complex(x), length);
            assertTrue(largestDifference(x, back) < 1e-5,
                    "length " + length + ": max error " + largestDifference(x, back) + "; expected < 1e-5");
        }
    }

    @Test
    void shortWindowAndOddHopAlsoReconstruct() {
        StftConfig config = new StftConfig(512, 100, 400);
        float[] x = Signals.noise(3, 0.5, 5000);
        float[] back = new InverseStft(config).inverse(new Stft(config).complex(x), x.length);
        assertTrue(largestDifference(x, back) < 1e-5, "max error " + largestDifference(x, back));
    }

    @Test
    void polarRoundTripThroughMagnitudeAndPhaseReconstructs() {
        StftConfig config = new StftConfig(1024, 256, 1024);
        float[] x = Signals.sine(440, 0.5, 22050, 10000, 0.1);
        ComplexSpectrogram spectrogram = new Stft(config).complex(x);
        ComplexSpectrogram polar = ComplexSpectrogram.fromPolar(spectrogram.magnitude(), spectrogram.phase());
        float[] back = new InverseStft(config).inverse(polar, x.length);
        assertTrue(largestDifference(x, back) < 1e-5, "max error " + largestDifference(x, back));
    }

    @Test
    void requestedLengthBeyondTheFramesIsZeroFilled() {
        StftConfig config = new StftConfig(8, 2, 8);
        float[] x = {1, 2, 3, 4};
        float[] back = new InverseStft(config).inverse(new Stft(config).complex(x), 12);
        assertEquals(12, back.length);
        assertEquals(4, back[3], 1e-6);
        assertEquals(0, back[11]);
    }
}
