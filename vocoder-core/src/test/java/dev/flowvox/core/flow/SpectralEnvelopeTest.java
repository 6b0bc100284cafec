// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.flowvox.core.NativeMemoryTest;
import dev.flowvox.core.dsp.MelConfig;
import dev.flowvox.core.dsp.MelSpectrogram;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

/** Block-rate interpolation of frames, and the initial envelope against the statistics of real coefficients. */
class SpectralEnvelopeTest extends NativeMemoryTest {

    @Test
    void blocksGetTheFramesInterpolatedAtTheirCentres() {
        try (NDManager call = manager.newSubManager()) {
            NDArray frames = call.create(new float[] {0, 2, 4}, new Shape(1, 1, 3));
            float[] two = SpectralEnvelope.interpolate(frames, 2, 6).toFloatArray();
            assertArrayEquals(new float[] {0.5f, 1.5f, 2.5f, 3.5f, 4, 4}, two, 1e-6f);
            float[] one = SpectralEnvelope.interpolate(frames, 1, 2).toFloatArray();
            assertArrayEquals(new float[] {1, 3}, one, 1e-6f);
        }
    }

    @Test
    void rowsAreInterpolationWeights() {
        MelConfig mel = MelConfig.nvidia22050();
        float[] weights = SpectralEnvelope.initialWeights(mel, 256);
        for (int k = 0; k < 256; k++) {
            double sum = 0;
            for (int band = 0; band < mel.nMels(); band++) {
                float w = weights[k * mel.nMels() + band];
                assertTrue(w >= 0, "negative weight at coefficient " + k);
                sum += w;
            }
            assertEquals(1, sum, 1e-5, "row " + k);
        }
    }

    @Test
    void initialEnvelopePredictsTheCoefficientSpreadOfColouredNoise() {
        MelConfig mel = MelConfig.nvidia22050();
        int n = 256;
        int blocks = 80;
        float[] audio = lowPassNoise(n * blocks, 0.02, 0.9);
        float[][] logMel = new MelSpectrogram(mel).compute(audio);
        try (NDManager call = manager.newSubManager()) {
            NDArray melArray = call.create(flatten(logMel), new Shape(1, mel.nMels(), logMel[0].length));
            NDArray w = call.create(SpectralEnvelope.initialWeights(mel, n), new Shape(n, mel.nMels()));
            NDArray b = call.create(SpectralEnvelope.initialBias(mel, n), new Shape(1, n, 1));
            NDArray predicted = w.matMul(SpectralEnvelope.interpolate(melArray, 1, blocks).squeeze(0)).expandDims(0).add(b);
            NDArray coefficients = new LappedTransform(n).forward(call.create(audio, new Shape(1, audio.length)));
            int below = (int) (8000 * 2.0 * n / mel.sampleRate());
            double worst = 0;
            for (int k = 2; k < below; k += 2) {
                double predictedLog = predicted.get(0, k).mean().getFloat();
                double actualLog = 0.5 * Math.log(coefficients.get(0, k).square().mean().getFloat());
                worst = Math.max(worst, Math.abs(predictedLog - actualLog));
            }
            assertTrue(worst < 0.35, "initial log σ within 0.35 nats of the measured spread (3 dB), worst " + worst);
        }
    }

    /** Gaussian noise through a one-pole low-pass, so the envelope is not flat. */
    private static float[] lowPassNoise(int length, double scale, double pole) {
        SplittableRandom random = new SplittableRandom(3);
        float[] out = new float[length];
        double state = 0;
        for (int t = 0; t < length; t++) {
            state = pole * state + random.nextGaussian() * scale;
            out[t] = (float) state;
        }
        return out;
    }

    private static float[] flatten(float[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * rows[0].length, rows[0].length);
        }
        return flat;
    }
}
