// SPDX-License-Identifier: GPL-3.0-or-later
package dev.flowvox.core.flow;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import dev.flowvox.core.NativeMemoryTest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/**
 * The model's log-determinant ({@code Σ log s + groups · Σ log|det W|}) equals {@code log|det J|} of
 * the full Jacobian {@code ∂z/∂x}, built row by row with autograd and reduced in double precision.
 */
class LogDeterminantTest extends NativeMemoryTest {

    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of("upsampled, group 8, early outputs",
                        FlowConfig.nvidia(3, 4, 8, 2, 2, WaveNetConfig.dense(2, 8, 3)), 96),
                Arguments.of("frame rate, separable, group 16",
                        new FlowConfig(3, 3, 16, 2, 4, 16, Conditioning.FRAME_RATE, new WaveNetConfig(2, 8, 3, true)), 160),
                Arguments.of("lapped, spectral envelope, 2 blocks per frame",
                        new FlowConfig(3, 3, 16, 2, 4, 32, Conditioning.FRAME_RATE, new WaveNetConfig(2, 8, 3, true),
                                Squeeze.LAPPED), 160));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configurations")
    void logDeterminantEqualsBruteForceJacobian(String name, FlowConfig config, int samples) {
        try (FlowParameters parameters = FlowParameters.initialize(config, manager,
                new Initialization(3, 4.0, TestArrays.melConfig(config.nMelChannels())));
                FlowWeights weights = parameters.fold(manager);
                NDManager call = manager.newSubManager()) {
            WaveGlow flow = new WaveGlow(parameters.layout(), weights);
            int frames = samples / config.hopLength() + 1;
            NDArray mel = TestArrays.normal(call, 21, new Shape(1, config.nMelChannels(), frames));
            NDArray audio = TestArrays.uniform(call, 22, 0.5, new Shape(1, samples));
            double[][] jacobian = new double[samples][];
            for (int row = 0; row < samples; row++) {
                try (NDManager step = call.newSubManager()) {
                    NDArray x = audio.duplicate();
                    x.attach(step);
                    x.setRequiresGradient(true);
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray z = flow.forward(x, mel).z().reshape(-1);
                        collector.backward(z.get(row));
                    }
                    float[] gradient = x.getGradient().toFloatArray();
                    jacobian[row] = new double[samples];
                    for (int col = 0; col < samples; col++) {
                        jacobian[row][col] = gradient[col];
                    }
                }
            }
            double bruteForce = LuDecomposition.of(jacobian).logAbsDeterminant();
            FlowOutput out = flow.forward(audio, mel);
            long groups = samples / config.nGroup();
            double model = out.logScale().sum().getFloat() + groups * (double) out.logDetW().getFloat();
            double relative = Math.abs(model - bruteForce) / Math.abs(bruteForce);
            assertTrue(Math.abs(bruteForce) > 1, name + ": the test needs a Jacobian far from volume-preserving, got " + bruteForce);
            assertTrue(relative < 1e-3, name + ": model log|det| " + model + " vs brute force " + bruteForce
                    + ", relative error " + relative);
        }
    }
}
