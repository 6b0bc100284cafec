// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.dsp;

import static dev.flowvox.core.flow.TestArrays.largestDifference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

class MagnitudeProjectionTest {

    private static final StftConfig NVIDIA = new StftConfig(1024, 256, 1024);

    /** Frame by frame it does what the spectrogram classes do in three steps. */
    @Test
    void equalsScalingTheStftAndInvertingIt() {
        SplittableRandom random = new SplittableRandom(2);
        for (int length : new int[] {1, 300, 5000, 5120}) {
            float[] audio = new float[length];
            for (int i = 0; i < length; i++) {
                audio[i] = (float) (0.3 * random.nextGaussian());
            }
            int frames = NVIDIA.frames(length);
            float[][] targets = new float[NVIDIA.bins()][Math.max(0, frames - 1)];
            for (float[] bin : targets) {
                for (int t = 0; t < bin.length; t++) {
                    bin[t] = (float) Math.abs(random.nextGaussian());
                }
            }
            ComplexSpectrogram spectrum = new Stft(NVIDIA).complex(audio);
            for (int k = 0; k < targets.length; k++) {
                for (int t = 0; t < targets[k].length; t++) {
                    double magnitude = Math.hypot(spectrum.real()[k][t], spectrum.imag()[k][t]);
                    spectrum.real()[k][t] *= (float) (targets[k][t] / magnitude);
                    spectrum.imag()[k][t] *= (float) (targets[k][t] / magnitude);
                }
            }
            float[] expected = new InverseStft(NVIDIA).inverse(spectrum, length);
            float[] projected = new MagnitudeProjection(NVIDIA).project(audio, targets);
            assertEquals(length, projected.length);
            for (int i = 0; i < length; i++) {
                assertEquals(expected[i], projected[i], 1e-5, length + " samples, sample " + i);
            }
            if (length > 1000) {
                assertTrue(largestDifference(audio, projected) > 0.1, "the targets should change the signal");
            }
        }
    }
}
