// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.flowvox.core.NativeMemoryTest;

import org.junit.jupiter.api.Test;

/**
 * The lapped transform is orthogonal (checked on its full matrix), inverts exactly, localizes a
 * sinusoid in frequency, touches only neighbouring blocks, and has smooth basis functions.
 */
class LappedTransformTest extends NativeMemoryTest {

    @Test
    void fullMatrixIsOrthogonal() {
        int n = 8;
        int blocks = 5;
        int length = n * blocks;
        LappedTransform transform = new LappedTransform(n);
        double[][] matrix = new double[length][];
        try (NDManager call = manager.newSubManager()) {
            for (int i = 0; i < length; i++) {
                float[] unit = new float[length];
                unit[i] = 1;
                float[] column = transform.forward(call.create(unit, new Shape(1, length))).toFloatArray();
                matrix[i] = new double[length];
                for (int j = 0; j < length; j++) {
                    matrix[i][j] = column[j];
                }
            }
        }
        double worst = 0;
        for (int a = 0; a < length; a++) {
            for (int b = 0; b < length; b++) {
                double dot = 0;
                for (int j = 0; j < length; j++) {
                    dot += matrix[a][j] * matrix[b][j];
                }
                worst = Math.max(worst, Math.abs(dot - (a == b ? 1 : 0)));
            }
        }
        assertTrue(worst < 1e-5, "max |Q Q^T - I| = " + worst);
    }

    @Test
    void inverseRestoresTheSignalAndEnergyIsKept() {
        LappedTransform transform = new LappedTransform(256);
        try (NDManager call = manager.newSubManager()) {
            NDArray audio = TestArrays.uniform(call, 4, 0.5, new Shape(2, 256 * 7));
            NDArray coefficients = transform.forward(audio);
            assertEquals(new Shape(2, 256, 7), coefficients.getShape());
            double error = transform.inverse(coefficients).sub(audio).abs().max().getFloat();
            assertTrue(error < 1e-5, "max |inverse(forward(x)) - x| = " + error);
            double energy = audio.square().sum().getFloat();
            double kept = coefficients.square().sum().getFloat();
            assertEquals(energy, kept, energy * 1e-5);
        }
    }

    @Test
    void aSinusoidLandsInTheCoefficientsAroundItsFrequency() {
        int n = 64;
        int blocks = 12;
        double sampleRate = 22050;
        int bin = 20;
        double hz = (bin + 0.5) * sampleRate / (2 * n);
        float[] tone = new float[n * blocks];
        for (int t = 0; t < tone.length; t++) {
            tone[t] = (float) Math.sin(2 * Math.PI * hz * t / sampleRate + 0.3);
        }
        try (NDManager call = manager.newSubManager()) {
            float[] c = new LappedTransform(n).forward(call.create(tone, new Shape(1, tone.length))).toFloatArray();
            double near = 0;
            double total = 0;
            for (int k = 0; k < n; k++) {
                for (int b = 1; b < blocks - 1; b++) {
                    double e = c[k * blocks + b] * (double) c[k * blocks + b];
                    total += e;
                    if (Math.abs(k - bin) <= 1) {
                        near += e;
                    }
                }
            }
            assertTrue(near / total > 0.9, "energy within one coefficient of the tone: " + near / total);
        }
    }

    @Test
    void aSampleInfluencesOnlyItsOwnAndNeighbouringBlocks() {
        int n = 16;
        int blocks = 6;
        try (NDManager call = manager.newSubManager()) {
            LappedTransform transform = new LappedTransform(n);
            NDArray audio = TestArrays.uniform(call, 5, 0.5, new Shape(1, n * blocks));
            float[] changed = audio.toFloatArray();
            changed[n * blocks - 1] += 1;
            float[] before = transform.forward(audio).toFloatArray();
            float[] after = transform.forward(call.create(changed, new Shape(1, n * blocks))).toFloatArray();
            for (int k = 0; k < n; k++) {
                for (int b = 0; b < blocks - 1; b++) {
                    assertEquals(before[k * blocks + b], after[k * blocks + b], 1e-6,
                            "the last sample must not reach block " + b + " (no wrap-around)");
                }
            }
        }
    }

    @Test
    void basisFunctionsAreSmoothWindowedCosines() {
        int n = 64;
        int blocks = 4;
        float[] coefficients = new float[n * blocks];
        coefficients[1] = 1;
        try (NDManager call = manager.newSubManager()) {
            float[] basis = new LappedTransform(n).inverse(call.create(coefficients, new Shape(1, n, blocks)))
                    .toFloatArray();
            double peak = 0;
            double worstStep = 0;
            for (int t = 0; t < basis.length; t++) {
                peak = Math.max(peak, Math.abs(basis[t]));
                if (t > 0) {
                    worstStep = Math.max(worstStep, Math.abs(basis[t] - basis[t - 1]));
                }
                if (t < n / 2 || t >= 2 * n + n / 2) {
                    assertEquals(0, basis[t], 1e-7, "block 1's basis reaches only half a block beyond it, sample " + t);
                }
            }
            double cosineSlope = 2 * Math.PI * 0.5 / (2 * n);
            assertTrue(worstStep < 2 * cosineSlope * peak, "largest step " + worstStep + " against peak " + peak
                    + ": the lowest coefficient's cosine moves at most " + cosineSlope * peak
                    + " per sample, so a block edge would show as a jump");
        }
    }

    @Test
    void oddBlockSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LappedTransform(7));
    }
}
