// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.flowvox.core.dsp.MelConfig;

import java.util.SplittableRandom;

/** Seeded test inputs, identical on every run (libtorch's own generator is not seeded here). */
public final class TestArrays {

    private TestArrays() {
    }

    /**
     * Uniform values in {@code [-amplitude, amplitude)}.
     *
     * @param manager owner
     * @param seed generator seed
     * @param amplitude bound
     * @param shape shape
     * @return the array
     */
    public static NDArray uniform(NDManager manager, long seed, double amplitude, Shape shape) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[(int) shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * amplitude);
        }
        return manager.create(values, shape);
    }

    /**
     * Standard normal values.
     *
     * @param manager owner
     * @param seed generator seed
     * @param shape shape
     * @return the array
     */
    public static NDArray normal(NDManager manager, long seed, Shape shape) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[(int) shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return manager.create(values, shape);
    }

    /**
     * NVIDIA's 22050 Hz mel convention with another number of bands, for small test models.
     *
     * @param bands mel bands
     * @return the convention
     */
    public static MelConfig melConfig(int bands) {
        MelConfig nvidia = MelConfig.nvidia22050();
        return new MelConfig(nvidia.sampleRate(), nvidia.filterLength(), nvidia.hopLength(), nvidia.winLength(), bands,
                nvidia.fMin(), nvidia.fMax(), nvidia.logFloor());
    }

    /**
     * @param a a signal
     * @param b another, at least as long
     * @return {@code max |a[i] - b[i]|} over a's samples
     */
    public static double largestDifference(float[] a, float[] b) {
        double largest = 0;
        for (int i = 0; i < a.length; i++) {
            largest = Math.max(largest, Math.abs(a[i] - b[i]));
        }
        return largest;
    }
}
